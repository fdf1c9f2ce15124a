// A short fingerprint of the decks a quiz draws on. A quiz is generated from its settings, its
// seed and the decks' content, so a student whose copy of a deck differs from the instructor's
// (edited after it was handed out, or shipped by another version of the app) silently gets other
// questions. Shared settings carry the instructor's fingerprint so the join screen can say so.
import type { Deck } from './deck'
import { hashString } from './random'

/** The characters of a fingerprint: Crockford base32, as in version-2 quiz codes. */
export const FINGERPRINT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
/** Characters in a fingerprint; five bits each. */
export const FINGERPRINT_LENGTH = 4
/** What a fingerprint looks like, for validating one that comes from outside. */
export const FINGERPRINT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}$/

/**
 * A fingerprint of the selected decks' content: 20 bits as four Crockford base32 characters.
 *
 * It covers what generation reads: each deck's id, its tags (they count for all its cards when a
 * quiz is set on tags) and every field of every card, in card order. Titles and descriptions are
 * left out: retitling a deck asks no other question. Decks are taken in sorted id order, without
 * repeats, and objects are written with sorted keys, so neither the order decks are listed in nor
 * the order of keys in stored JSON changes it. Empty `deckIds` means every deck passed, as in
 * `generateQuiz`; an id with no deck in `decks` still counts (as absent). Twenty bits are enough
 * to catch a changed deck (a chance in a million of missing one) and cost four characters of a code.
 * @example decksFingerprint(decks, ['bmd-europe-and-nato']) // four characters, such as "7K2Q"
 */
export function decksFingerprint(decks: readonly Deck[], deckIds: readonly string[]): string {
  const byId = new Map(decks.map((d) => [d.id, d]))
  const ids = [...new Set(deckIds.length ? deckIds : byId.keys())].sort()
  const content = ids.map((id) => {
    const deck = byId.get(id)
    return deck ? [id, deck.tags, deck.cards] : [id, null]
  })
  const h = hashString(canonicalJson(content))
  // fold the high bits in rather than drop them: FNV-1a's low bits alone mix less well
  let bits = (h ^ (h >>> 20)) & 0xfffff
  let out = ''
  for (let i = 0; i < FINGERPRINT_LENGTH; i++) {
    out = FINGERPRINT_ALPHABET[bits & 31]! + out
    bits >>>= 5
  }
  return out
}

/** JSON with object keys sorted at every level, so equal data gives equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`
  }
  // undefined inside an array is written as null, as JSON.stringify does
  return JSON.stringify(value) ?? 'null'
}
