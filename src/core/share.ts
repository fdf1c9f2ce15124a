// A deck inside a link: compact JSON, zlib-compressed (fflate), base64url, in the fragment of
// `<base>/import#d=…`. The fragment never reaches a server, so a shared deck stays between the
// people who share it. Decoding treats the link as hostile: size caps before and during inflation,
// a checksum, and the same validation as any imported deck.
import { PAYLOAD_START } from './deckLink'
import { Inflate, strFromU8, strToU8, zlibSync } from 'fflate'
import { fromBase64Url, toBase64Url } from './base64url'
import { normalizeDeck, type Card, type Deck, type DeckIssue, type ParseResult } from './deck'
import { finishDeck } from './importers/common'
import { parseJson } from './json'

/** Longest link `encodeDeckLink` makes; bigger decks are shared as files. Chat apps and browsers cope with this. */
export const MAX_LINK_LENGTH = 16_000
/** Most a link may unpack to: far above any deck that fits in a link, far below what could hurt. */
export const MAX_LINK_DECK_BYTES = 2 * 1024 * 1024
// a link this long was not made by encodeDeckLink; stop before doing any work on it
const MAX_INPUT_LENGTH = 4 * MAX_LINK_LENGTH
// deflate expands at most ~1032:1, so feeding 1 KB at a time keeps each step's output near 1 MB
const INFLATE_CHUNK = 1024

/** A link, or why there is none: `bytes` is how long it would have been. */
export type EncodeLinkResult =
  { ok: true; url: string } | { ok: false; reason: 'too-large'; bytes: number }

function adler32(bytes: Uint8Array): number {
  let a = 1
  let b = 0
  for (let i = 0; i < bytes.length;) {
    // 3800 bytes keep both sums below 2^31 between reductions
    const end = Math.min(bytes.length, i + 3800)
    for (; i < end; i++) {
      a += bytes[i]!
      b += a
    }
    a %= 65521
    b %= 65521
  }
  return ((b << 16) | a) >>> 0
}

// Defaults parseDeck fills back in, left out of links to make them shorter.
const CARD_DEFAULTS: Record<string, unknown> = { kind: 'other', reversible: false, region: 'world' }
const DECK_DEFAULTS: Record<string, unknown> = { description: '', language: 'en', version: 1 }

function compact<T extends object>(
  value: T,
  defaults: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || defaults[key] === item) continue
    if (Array.isArray(item) && item.length === 0 && key !== 'cards') continue
    out[key] = item
  }
  return out
}

/**
 * Packs a deck into a link: `<baseUrl>/import#d=<base64url of zlib-compressed JSON>`, where
 * `baseUrl` is where the app is served (e.g. `location.origin + import.meta.env.BASE_URL`).
 * Default values are left out (decoding restores them). When the link would exceed
 * `MAX_LINK_LENGTH` characters it is not made: `bytes` says how long it would have been
 * (links are ASCII, so characters and bytes are the same). Throws a TypeError only for an
 * invalid `baseUrl`, which is a programming error.
 * @example encodeDeckLink(deck, 'https://intercept.example/') // { ok: true, url: 'https://intercept.example/import#d=eNq…' }
 */
export function encodeDeckLink(deck: Deck, baseUrl: string): EncodeLinkResult {
  const normal = normalizeDeck(deck)
  const body = {
    ...compact(normal, DECK_DEFAULTS),
    cards: normal.cards.map((card: Card) => compact(card, CARD_DEFAULTS)),
  }
  const packed = zlibSync(strToU8(JSON.stringify(body)), { level: 9 })
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`)
  const url = `${new URL('import', base).href}#d=${toBase64Url(packed)}`
  return url.length > MAX_LINK_LENGTH
    ? { ok: false, reason: 'too-large', bytes: url.length }
    : { ok: true, url }
}

function failure(message: string): ParseResult<Deck> {
  return { ok: false, issues: [{ message }] }
}

const DAMAGED = 'the link is damaged: copy the whole link again, or ask for the deck as a file'
const CUT_OFF =
  'the link is cut off: part of it is missing. Copy the whole link again, or ask for the deck as a file'

// Anything around the payload in a shared message ("Study “Deck #3”: https://…#d=… see you") is
// ignored (PAYLOAD_START, core/deckLink.ts).
// a line break followed by more payload characters: a link that a mail or chat app wrapped
const WRAPPED = /[ \t]*\n\s*([A-Za-z0-9_%-]+)/y
// punctuation that ends a sentence around a link and is never part of the payload
const TRAILING = /[.,;:!?)\]}'"”’»>]+$/

/**
 * The payload after `d=` in a link, a fragment (`#d=…`) or a message that contains one, or the
 * bare payload, as candidates to try in order: a link wrapped across lines joins its lines, and
 * since a following line of plain words looks the same, the candidate without the last joined
 * line comes next. Undefined when there is no payload.
 */
function payloadCandidates(input: string): string[] | undefined {
  const found = PAYLOAD_START.exec(input)
  if (!found) {
    const bare = input.replace(/\s+/g, '')
    return /^[A-Za-z0-9_-]+$/.test(bare) ? [bare] : undefined
  }
  const first = found[1]!
  let payload = first.replace(TRAILING, '')
  const parts = [payload]
  if (payload === first)
    for (WRAPPED.lastIndex = found.index + found[0].length; ;) {
      const more = WRAPPED.exec(input)
      if (!more) break
      parts.push(more[1]!)
    }
  payload = parts.join('')
  return parts.length > 1 ? [payload, parts.slice(0, -1).join('')] : [payload]
}

/** Inflates zlib data, refusing to produce more than `limit` bytes. */
function inflateCapped(
  data: Uint8Array,
  limit: number,
): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  // zlib: 2-byte header (deflate, no preset dictionary, header checksum), deflate data, Adler-32
  if (data.length < 7) return { ok: false, message: CUT_OFF }
  const [cmf, flg] = [data[0]!, data[1]!]
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | flg) % 31 !== 0 || flg & 0x20)
    return { ok: false, message: DAMAGED }
  const chunks: Uint8Array[] = []
  let size = 0
  const inflater = new Inflate((chunk) => {
    size += chunk.length
    if (size <= limit) chunks.push(chunk)
  })
  const deflated = data.subarray(2, data.length - 4)
  try {
    for (let i = 0; i < deflated.length; i += INFLATE_CHUNK) {
      const end = Math.min(deflated.length, i + INFLATE_CHUNK)
      inflater.push(deflated.subarray(i, end), end === deflated.length)
      if (size > limit)
        return {
          ok: false,
          message: `this link unpacks to more than ${limit / (1024 * 1024)} MB, far more than any shared deck, so it was not opened`,
        }
    }
  } catch (error) {
    // fflate reports a stream that ends early as "unexpected EOF"
    return {
      ok: false,
      message: error instanceof Error && /EOF/i.test(error.message) ? CUT_OFF : DAMAGED,
    }
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  const tail = data.subarray(data.length - 4)
  const expected = ((tail[0]! << 24) | (tail[1]! << 16) | (tail[2]! << 8) | tail[3]!) >>> 0
  return adler32(bytes) === expected ? { ok: true, bytes } : { ok: false, message: DAMAGED }
}

/**
 * Unpacks a deck from a link made by `encodeDeckLink`: accepts the whole URL, its fragment
 * (`#d=…`), the bare payload, or a message with the link somewhere in it (found by its `d=`;
 * a link wrapped across lines is joined). A damaged, cut-off, oversized or invalid link gives an
 * issue in plain words; inflation stops past `MAX_LINK_DECK_BYTES`. The deck is validated like any
 * import (`parseDeck`) and otherwise kept exactly as encoded. Never throws.
 */
export function decodeDeckLink(hashOrUrl: string): ParseResult<Deck> {
  if (hashOrUrl.length > 2 * MAX_INPUT_LENGTH)
    return failure('this is too long to be an Intercept deck link')
  const candidates = payloadCandidates(hashOrUrl.replace(/\r\n?/g, '\n'))
  if (candidates === undefined)
    return failure(
      'this is not a deck link: an Intercept deck link contains "#d=" followed by the deck',
    )
  const [payload, shorter] = candidates as [string, string?]
  const result = decodePayload(payload)
  if (result.ok || shorter === undefined) return result
  const retry = decodePayload(shorter)
  return retry.ok ? retry : result
}

function decodePayload(encoded: string): ParseResult<Deck> {
  if (encoded.length > MAX_INPUT_LENGTH)
    return failure('this is too long to be an Intercept deck link')
  let payload: string
  try {
    // some apps percent-encode links
    payload = decodeURIComponent(encoded)
  } catch {
    return failure(DAMAGED)
  }
  if (!payload) return failure(CUT_OFF)
  const data = fromBase64Url(payload)
  if (!data) return failure(/^[A-Za-z0-9_-]*$/.test(payload) ? CUT_OFF : DAMAGED)
  const inflated = inflateCapped(data, MAX_LINK_DECK_BYTES)
  if (!inflated.ok) return failure(inflated.message)
  let text: string
  try {
    text = strFromU8(inflated.bytes)
  } catch {
    // without TextDecoder, fflate throws on bytes that are not UTF-8
    return failure(DAMAGED)
  }
  const json = parseJson(text)
  if (!json.ok) return failure(DAMAGED)
  // the deck is kept as it was written: a link holds plain text, shown as text (see finishDeck)
  const result = finishDeck(json.value, [])
  if (result.ok) return { ok: true, value: result.deck }
  return {
    ok: false,
    issues: result.issues.map((issue): DeckIssue => ({
      ...(issue.field ? { field: issue.field } : {}),
      message: issue.message,
    })),
  }
}
