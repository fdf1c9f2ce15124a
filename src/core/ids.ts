// Ids: readable, stable and unique card and deck ids made from text. Pure.
import { LIMITS } from './limits'

/**
 * A 53-bit hash (cyrb53) in base 36. Stable across runs, so re-importing the same text gives the
 * same card ids; 53 bits because a 32-bit hash would give two of 20,000 cards the same id in
 * about one deck in twenty.
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)
}

/**
 * A readable id from text ("Aegis Ashore!" → "aegis-ashore"), at most `max` characters, or
 * undefined when the text has no Latin letters or digits.
 */
export function slugId(text: string, max = 48): string | undefined {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '')
  return slug || undefined
}

/**
 * Hands out unique ids: the first request for a base gets it unchanged, later ones get `-2`, `-3`…
 * Runs in constant time per id however many cards share a base (e.g. the same term twice).
 * @param taken ids already in use, e.g. the cards of the deck being edited
 */
export function createIdAllocator(taken: Iterable<string> = []) {
  const used = new Set(taken)
  const nextSuffix = new Map<string, number>()
  return (base: string): string => {
    if (!used.has(base)) {
      used.add(base)
      return base
    }
    let n = nextSuffix.get(base) ?? 2
    let id: string
    do {
      const suffix = `-${n++}`
      id = base.slice(0, LIMITS.idLength - suffix.length) + suffix
    } while (used.has(id))
    nextSuffix.set(base, n)
    used.add(id)
    return id
  }
}

/**
 * A card id made from `base` (any text: a term, a prompt) that is not in `existingIds`:
 * the slug of `base`, then `-2`, `-3`… Text without Latin letters gets a stable hash.
 * @example newCardId(['thaad'], 'THAAD') // 'thaad-2'
 */
export function newCardId(existingIds: Iterable<string>, base: string): string {
  const slug = slugId(base, 40) ?? (base.trim() ? `card-${stableHash(base)}` : 'card')
  return createIdAllocator(existingIds)(slug)
}

/** A deck id made from its title that is not in `existingIds` (see `newCardId`). */
export function newDeckId(existingIds: Iterable<string>, title: string): string {
  const slug = slugId(title, 48) ?? (title.trim() ? `deck-${stableHash(title)}` : 'my-deck')
  return createIdAllocator(existingIds)(slug)
}
