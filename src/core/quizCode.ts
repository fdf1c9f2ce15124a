// Quiz codes: quiz settings (seed included) packed into a short text, so an instructor can hand a
// class a link (`/quiz/join?c=CODE`) or a code to type, and everyone sits the same quiz offline.
//
// Version 2, what `encodeQuizCode` writes: "2", then the settings packed bit by bit (layout at
// `packV2`) in Crockford base32, in groups of eight characters each followed by a check
// character, then two check characters over the whole. Crockford's alphabet (digits and capitals
// without I, L, O, U) is read case-insensitively with I and L as 1 and O as 0, and hyphens and
// spaces are ignored, so a code read aloud or copied off a board survives the usual slips. The
// four shipped decks with the setup screen's defaults, their fingerprint included, come to 25 or
// 26 characters (its seeds are 40 bits: `quizSeed`).
//
// Version 1, still read because links were handed out with it: "1", then base64url of a compact
// JSON array in groups of ten characters plus a check character, then three check characters.
// Case matters in it and "-" is one of its digits. It is still written for the odd settings that
// version 2 cannot hold exactly (a fractional count, say), so nothing is ever lost in a code; the
// decks' fingerprint, when there is one, is a tenth element of its array.
//
// In both, the group checks locate a damaged code ("characters 11–19"); the final ones catch what
// they cannot (a code cut short at a group boundary, two characters swapped).
import * as v from 'valibot'
import { BASE64URL_ALPHABET, fromBase64Url, toBase64Url } from './base64url'
import { FINGERPRINT_LENGTH, FINGERPRINT_PATTERN } from './deckFingerprint'
import { KNOWN_DECK_IDS } from './knownDecks'
import {
  normalizeConfig,
  QUIZ_FORMS,
  QUIZ_MODES,
  QuizConfigSchema,
  type QuizConfig,
  type QuizForm,
} from './quiz/config'
import { hashString } from './random'

/** One version's characters and check layout. */
interface Format {
  version: string
  alphabet: string
  index: ReadonlyMap<string, number>
  /** Payload characters per group; each group is followed by its check character. */
  group: number
  /** Check characters over the whole payload, at the end. */
  end: number
  /** Completes "cannot be part of a quiz code: …" */
  allowed: string
}

function format(version: string, alphabet: string, group: number, end: number, allowed: string) {
  const index = new Map([...alphabet].map((c, i) => [c, i]))
  return { version, alphabet, index, group, end, allowed } satisfies Format
}

const V1 = format('1', BASE64URL_ALPHABET, 10, 3, 'codes use only letters, digits, "-" and "_"')
const V2 = format(
  '2',
  '0123456789ABCDEFGHJKMNPQRSTVWXYZ',
  8,
  2,
  'codes use only digits and the letters A to Z other than U',
)
const TIMINGS = ['none', 'total', 'per-question'] as const
/** A limit is written in the largest of these units that divides it: 10 minutes is "10", not 600000. */
const LIMIT_UNITS_MS = [60_000, 1000, 1] as const
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz'

/** Where in a code (1-based, inclusive, counting the code's own characters) a problem lies. */
export interface CodeSpan {
  start: number
  end: number
}

/** Why a code could not be read, in plain words, located where that is possible. */
export interface QuizCodeError {
  message: string
  at?: CodeSpan
  /** The setting at fault, when the code checks out but holds settings that cannot be used. */
  field?: string
}

/** The settings a code holds, or why it could not be read. */
export type QuizCodeResult = { ok: true; config: QuizConfig } | { ok: false; error: QuizCodeError }

/**
 * The code of a quiz's settings, seed included: a version-2 code (Crockford base32, typeable,
 * case-insensitive) unless the settings hold something only version 1 can spell (a count or time
 * limit that is not a whole non-negative number). Settings are normalized first
 * (`normalizeConfig`), so equal settings give equal codes.
 * @example decodeQuizCode(encodeQuizCode(config)) // { ok: true, config: normalizeConfig(config) }
 */
export function encodeQuizCode(config: QuizConfig): string {
  const c = normalizeConfig(config)
  const payload = packV2(c)
  return payload === undefined ? frame(V1, packV1(c)) : frame(V2, payload)
}

/**
 * Whether capitals matter when the code is typed back: only in version-1 codes, which version 2
 * replaced for everything `encodeQuizCode` writes today.
 */
export function quizCodeCaseMatters(code: string): boolean {
  return code.trimStart().startsWith(V1.version)
}

/**
 * Reads a quiz code of either version, or a whole link holding one in its `c` parameter. Spaces
 * and line breaks are ignored (a code may be shown in blocks), and in version-2 codes hyphens too,
 * with lower case read as capitals, I and L as 1 and O as 0. A damaged code gives a plain-words
 * error saying where.
 */
export function decodeQuizCode(input: string): QuizCodeResult {
  const fromLink = /[?&]c=([^&#\s]*)/.exec(input)
  const raw = fromLink ? decodeURIComponentSafe(fromLink[1]!) : input
  const v1 = keep(raw, (ch) => (/\s/.test(ch) ? undefined : ch))
  const v2 = keep(raw, (ch) => (/[\s-]/.test(ch) ? undefined : crockford(ch)))

  if (v1.chars[0] === V1.version) {
    const checked = readChecked(V1, v1)
    // A version-2 code whose "2" was typed as "1" would otherwise be blamed on its first group.
    if (!checked.ok && readChecked(V2, withVersion(v2, V2.version)).ok) return wrongStart(v1)
    return checked.ok ? settings(unpackV1(checked.payload)) : checked
  }
  if (v2.chars.length === 0) return fail('The quiz code is empty.')
  if (v2.chars[0] === V2.version) {
    const checked = readChecked(V2, v2)
    if (!checked.ok && readChecked(V1, withVersion(v1, V1.version)).ok) return wrongStart(v1)
    return checked.ok ? settings(unpackV2(checked.payload)) : checked
  }
  return wrongStart(v2)
}

// ---------------------------------------------------------------------------------------------
// Framing and checks, shared by both versions

/** A code's characters as they will be checked, with where each came from in the code as given. */
interface View {
  chars: string[]
  /** The characters as typed, for messages (a version-2 "o" is checked as "0" but shown as "o"). */
  shown: string[]
  /** 1-based positions in the code as given, so errors count the spaces the reader sees. */
  from: number[]
}

function keep(raw: string, read: (ch: string) => string | undefined): View {
  const view: View = { chars: [], shown: [], from: [] }
  ;[...raw].forEach((ch, i) => {
    const kept = read(ch)
    if (kept === undefined) return
    view.chars.push(kept)
    view.shown.push(ch)
    view.from.push(i + 1)
  })
  return view
}

function withVersion(view: View, version: string): View {
  return { ...view, chars: [version, ...view.chars.slice(1)] }
}

/** Crockford's reading: case does not matter, I and L are 1, O is 0. */
function crockford(ch: string): string {
  const up = ch.toUpperCase()
  return up === 'I' || up === 'L' ? '1' : up === 'O' ? '0' : up
}

function fail(message: string, at?: CodeSpan, field?: string): { ok: false; error: QuizCodeError } {
  return { ok: false, error: { message, ...(at ? { at } : {}), ...(field ? { field } : {}) } }
}

function wrongStart(view: View): QuizCodeResult {
  return fail(
    'The code does not start like a quiz code: its first character was mistyped, or it comes from a newer Intercept.',
    { start: view.from[0]!, end: view.from[0]! },
  )
}

function frame(f: Format, payload: string): string {
  let out = f.version
  for (let g = 0; g * f.group < payload.length; g++) {
    const chunk = payload.slice(g * f.group, (g + 1) * f.group)
    out += chunk + groupCheck(f, g, chunk)
  }
  return out + endCheck(f, payload)
}

/** The payload of a code whose version character is already known to be `f`'s, if it checks out. */
function readChecked(
  f: Format,
  view: View,
): { ok: true; payload: string } | { ok: false; error: QuizCodeError } {
  const { chars, shown, from } = view
  const span = (start: number, end = start): CodeSpan => ({ start: from[start]!, end: from[end]! })
  const bad = chars.findIndex((ch) => !f.index.has(ch))
  if (bad !== -1)
    return fail(
      `Character ${from[bad]} ("${shown[bad]}") cannot be part of a quiz code: ${f.allowed}.`,
      span(bad),
    )
  const code = chars.join('')
  if (code.length < 1 + 2 + f.end) return fail('The quiz code is too short: most of it is missing.')

  const body = code.slice(1, code.length - f.end)
  let payload = ''
  for (let g = 0, at = 0; at < body.length; g++, at += f.group + 1) {
    const group = body.slice(at, at + f.group + 1)
    const start = 1 + at
    const end = start + group.length - 1
    if (group.length < 2)
      return fail(
        'The end of the quiz code does not check out: a character was lost or added, or it was cut short.',
        span(start, code.length - 1),
      )
    const chunk = group.slice(0, -1)
    if (group.at(-1) !== groupCheck(f, g, chunk)) {
      const last = at + f.group + 1 >= body.length
      return fail(
        `Characters ${from[start]}–${from[end]} of the quiz code do not check out: one was mistyped, or a character was lost or added there${last ? ', or the code was cut short' : ''}.`,
        span(start, end),
      )
    }
    payload += chunk
  }
  if (code.slice(-f.end) !== endCheck(f, payload))
    return fail(
      'The end of the quiz code does not check out: it may have been cut short or had characters added.',
      span(code.length - f.end, code.length - 1),
    )
  return { ok: true, payload }
}

/**
 * A weighted sum with odd weights (1, 3, 5, …) modulo the alphabet's size, 64 or 32. Changing any
 * one character of a group by d (0 < |d| < size) changes the sum by w·d for an odd weight w; an
 * odd number shares no factor with a power of two, so w·d is a multiple of the size only when d
 * is, which it is not. So a mistyped character is always caught in its own group, and a mistyped
 * check character trivially so. The group number is mixed in so groups cannot trade places.
 */
function groupCheck(f: Format, group: number, chunk: string): string {
  let sum = 5 * group + 1
  for (let k = 0; k < chunk.length; k++) sum += (2 * k + 1) * f.index.get(chunk[k]!)!
  return f.alphabet[sum % f.alphabet.length]!
}

/** A hash over the whole payload and its length, `f.end` characters of it. */
function endCheck(f: Format, payload: string): string {
  const bits = Math.log2(f.alphabet.length)
  const h = hashString(`${payload.length}:${payload}`)
  let out = ''
  for (let i = 0; i < f.end; i++) out += f.alphabet[(h >>> (bits * i)) & (f.alphabet.length - 1)]
  return out
}

/** Checks settings read out of a code that checked out: they may still be out of bounds. */
function settings(packed: unknown): QuizCodeResult {
  if (!packed) return fail('This is not a quiz code Intercept can read.')
  const result = v.safeParse(QuizConfigSchema, packed)
  if (!result.success) {
    const issue = result.issues[0]!
    const field = (issue.path ?? []).map((p) => String(p.key)).join('.')
    return fail(
      `The code holds settings Intercept cannot use: ${field ? `${field} ` : ''}${issue.message}.`,
      undefined,
      field || undefined,
    )
  }
  return { ok: true, config: normalizeConfig(result.output) }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

// ---------------------------------------------------------------------------------------------
// Version 2: bits

/**
 * The version-2 payload, or undefined when these settings hold something it cannot spell exactly.
 *
 * Bits, most significant first; `varint(k)` is k value bits then a "more follows" bit, lowest
 * chunk first, so small numbers stay small and no field has a ceiling:
 * - shipped decks: varint(4), bit i = `KNOWN_DECK_IDS[i]` (so four decks cost five bits);
 * - other deck ids: varint(2) how many, then each as text;
 * - tags: varint(2) how many, then each as text (text = varint(5) UTF-8 byte length, the bytes);
 * - count: varint(4);
 * - forms: varint(6), bit i = `QUIZ_FORMS[i]`;
 * - timing: 2 bits (`TIMINGS`); unless none, 2 bits unit (`LIMIT_UNITS_MS`), the limit varint(5);
 * - mode: 1 bit (`QUIZ_MODES`); weakest first: 1 bit;
 * - tail, last: which seed follows and whether the decks' fingerprint (`QuizConfig.decks`) comes
 *   first, as a prefix code: `0` base-36 seed with a fingerprint, `10` base-36 seed without one,
 *   `110` text seed with a fingerprint, `111` text seed without one;
 * - fingerprint, when there is one: its four characters, 5 bits each (`V2.alphabet`);
 * - seed: either a seed of digits and lower-case letters as a bijective base-36 number filling
 *   every remaining bit (its leading zero bits are the padding), or its UTF-8 bytes followed by up
 *   to four zero bits of padding.
 * The seed fills the rest because it is most of the code: the setup screen's seeds are 40 random
 * bits in base 36 (`quizSeed`, up to 8 characters, 42 bits here), and a length field would cost
 * more. The setup screen's share (base-36 seed, fingerprint) gets the one-bit tail.
 */
function packV2(c: QuizConfig): string | undefined {
  const limitMs = c.timing.kind === 'none' ? 0 : c.timing.limitMs
  const timing = TIMINGS.indexOf(c.timing.kind)
  const mode = QUIZ_MODES.indexOf(c.mode)
  if (!isWhole(c.count) || !isWhole(limitMs) || timing === -1 || mode === -1) return undefined
  const fingerprint = c.decks
  if (fingerprint !== undefined && !FINGERPRINT_PATTERN.test(fingerprint)) return undefined

  const w = bitWriter()
  const known = c.deckIds.map((id) => KNOWN_DECK_IDS.indexOf(id))
  w.varint(
    known.reduce((mask, i) => (i === -1 ? mask : mask + 2 ** i), 0),
    4,
  )
  const others = c.deckIds.filter((_, k) => known[k] === -1)
  w.varint(others.length, 2)
  for (const id of others) w.text(id)
  w.varint(c.tags.length, 2)
  for (const tag of c.tags) w.text(tag)
  w.varint(c.count, 4)
  w.varint(
    c.forms.reduce((mask, form) => mask + 2 ** QUIZ_FORMS.indexOf(form), 0),
    6,
  )
  w.write(timing, 2)
  if (c.timing.kind !== 'none') {
    const unit = LIMIT_UNITS_MS.findIndex((ms) => limitMs % ms === 0)
    w.write(unit, 2)
    w.varint(limitMs / LIMIT_UNITS_MS[unit]!, 5)
  }
  w.write(mode, 1)
  w.write(c.weakest ? 1 : 0, 1)
  const base36 = /^[0-9a-z]*$/.test(c.seed)
  if (base36) {
    if (fingerprint === undefined) w.write(0b10, 2)
    else w.write(0, 1)
  } else w.write(fingerprint === undefined ? 0b111 : 0b110, 3)
  if (fingerprint !== undefined) for (const ch of fingerprint) w.write(V2.index.get(ch)!, 5)
  if (base36) {
    const n = seedNumber(c.seed)
    const digits = n === 0n ? '' : n.toString(2)
    const pad = (5 - ((w.bits.length + digits.length) % 5)) % 5
    for (const bit of '0'.repeat(pad) + digits) w.bits.push(Number(bit))
  } else {
    for (const byte of new TextEncoder().encode(c.seed)) w.write(byte, 8)
    while (w.bits.length % 5) w.bits.push(0)
  }
  let out = ''
  for (let i = 0; i < w.bits.length; i += 5) {
    let symbol = 0
    for (let k = 0; k < 5; k++) symbol = symbol * 2 + w.bits[i + k]!
    out += V2.alphabet[symbol]
  }
  return out
}

function unpackV2(payload: string): unknown {
  const bits: number[] = []
  for (const ch of payload) {
    const symbol = V2.index.get(ch)!
    for (let k = 4; k >= 0; k--) bits.push((symbol >> k) & 1)
  }
  const r = bitReader(bits)

  const deckIds: string[] = []
  const known = r.varint(4)
  for (let i = 0; 2 ** i <= known; i++)
    if (Math.floor(known / 2 ** i) % 2) {
      // a deck shipped by a newer Intercept than this one
      const id = KNOWN_DECK_IDS[i]
      if (id === undefined) return undefined
      deckIds.push(id)
    }
  const others = r.varint(2)
  for (let i = 0; i < others; i++) {
    const id = r.text()
    if (id === undefined) return undefined
    deckIds.push(id)
  }
  const tags: string[] = []
  const tagCount = r.varint(2)
  for (let i = 0; i < tagCount; i++) {
    const tag = r.text()
    if (tag === undefined) return undefined
    tags.push(tag)
  }
  const count = r.varint(4)
  const formMask = r.varint(6)
  if (formMask >= 2 ** QUIZ_FORMS.length) return undefined
  const forms: QuizForm[] = QUIZ_FORMS.filter((_, i) => Math.floor(formMask / 2 ** i) % 2)
  const kind = TIMINGS[r.read(2)]
  if (kind === undefined) return undefined
  let limitMs = 0
  if (kind !== 'none') {
    const unitMs = LIMIT_UNITS_MS[r.read(2)]
    if (unitMs === undefined) return undefined
    limitMs = r.varint(5) * unitMs
  }
  const mode = QUIZ_MODES[r.read(1)]!
  const weakest = r.read(1) === 1
  let textSeed = false
  let hasFingerprint = true
  if (r.read(1) === 1) {
    textSeed = r.read(1) === 1
    hasFingerprint = textSeed && r.read(1) === 0
  }
  let decks: string | undefined
  if (hasFingerprint) {
    decks = ''
    for (let i = 0; i < FINGERPRINT_LENGTH; i++) decks += V2.alphabet[r.read(5)]
  }
  if (r.overrun) return undefined

  const rest = r.rest()
  let seed: string
  if (!textSeed) seed = seedText(rest.length ? BigInt(`0b${rest.join('')}`) : 0n)
  else {
    if (rest.length % 8 > 4) return undefined
    const bytes = Uint8Array.from({ length: Math.floor(rest.length / 8) }, (_, i) =>
      rest.slice(8 * i, 8 * i + 8).reduce((byte, bit) => byte * 2 + bit, 0),
    )
    const text = utf8(bytes)
    if (text === undefined) return undefined
    seed = text
  }
  return {
    deckIds,
    tags,
    count,
    forms,
    timing: kind === 'none' ? { kind } : { kind, limitMs },
    mode,
    seed,
    weakest,
    ...(decks === undefined ? {} : { decks }),
  }
}

function isWhole(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0
}

/** Bits, most significant first: settings are a few hundred bits, so a plain array will do. */
function bitWriter() {
  const bits: number[] = []
  const write = (value: number, width: number) => {
    for (let i = width - 1; i >= 0; i--) bits.push(Math.floor(value / 2 ** i) % 2)
  }
  const varint = (value: number, k: number) => {
    let rest = value
    do {
      write(rest % 2 ** k, k)
      rest = Math.floor(rest / 2 ** k)
      write(rest > 0 ? 1 : 0, 1)
    } while (rest > 0)
  }
  const text = (value: string) => {
    const bytes = new TextEncoder().encode(value)
    varint(bytes.length, 5)
    for (const byte of bytes) write(byte, 8)
  }
  return { bits, write, varint, text }
}

/** Reads what `bitWriter` wrote. Reading past the end gives zeros and sets `overrun`. */
function bitReader(bits: readonly number[]) {
  let at = 0
  let overrun = false
  const read = (width: number): number => {
    let value = 0
    for (let i = 0; i < width; i++) {
      if (at >= bits.length) {
        overrun = true
        return 0
      }
      value = value * 2 + bits[at++]!
    }
    return value
  }
  const varint = (k: number): number => {
    let value = 0
    for (let scale = 1; ; scale *= 2 ** k) {
      value += read(k) * scale
      if (read(1) === 0 || overrun) return value
      // garbage that checked out by chance must not loop or lose precision
      if (scale * 2 ** k > Number.MAX_SAFE_INTEGER) {
        overrun = true
        return 0
      }
    }
  }
  const text = (): string | undefined => {
    const length = varint(5)
    if (overrun || length * 8 > bits.length - at) return undefined
    return utf8(Uint8Array.from({ length }, () => read(8)))
  }
  return {
    read,
    varint,
    text,
    rest: () => bits.slice(at),
    get overrun() {
      return overrun
    },
  }
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * A seed of digits and lower-case letters as a bijective base-36 number ("" is 0, "0" is 1,
 * "z" is 36, "00" is 37): every number is exactly one seed, so leading zeros survive and no
 * length needs writing.
 */
function seedNumber(seed: string): bigint {
  let n = 0n
  for (const ch of seed) n = n * 36n + BigInt(BASE36.indexOf(ch) + 1)
  return n
}

function seedText(number: bigint): string {
  let n = number
  let out = ''
  while (n > 0n) {
    n -= 1n
    out = BASE36[Number(n % 36n)]! + out
    n /= 36n
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Version 1: base64url JSON

function packV1(c: QuizConfig): string {
  const packed = [
    c.deckIds,
    c.tags,
    c.count,
    c.forms.reduce((mask, form) => mask | (1 << QUIZ_FORMS.indexOf(form)), 0),
    TIMINGS.indexOf(c.timing.kind),
    c.timing.kind === 'none' ? 0 : c.timing.limitMs,
    QUIZ_MODES.indexOf(c.mode),
    c.seed,
    c.weakest ? 1 : 0,
    // appended, not inserted: codes without it read as they always did
    ...(c.decks === undefined ? [] : [c.decks]),
  ]
  return toBase64Url(new TextEncoder().encode(JSON.stringify(packed)))
}

function unpackV1(payload: string): unknown {
  const bytes = fromBase64Url(payload)
  if (!bytes) return undefined
  const text = utf8(bytes)
  if (text === undefined) return undefined
  let list: unknown
  try {
    list = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!Array.isArray(list) || (list.length !== 9 && list.length !== 10)) return undefined
  const [deckIds, tags, count, mask, timing, limitMs, mode, seed, weakest, decks] =
    list as unknown[]
  if (
    typeof mask !== 'number' ||
    !Number.isInteger(mask) ||
    mask < 0 ||
    mask >= 1 << QUIZ_FORMS.length
  )
    return undefined
  const kind = TIMINGS[timing as number]
  const modeName = QUIZ_MODES[mode as number]
  if (!kind || !modeName || (weakest !== 0 && weakest !== 1)) return undefined
  const forms: QuizForm[] = QUIZ_FORMS.filter((_, i) => mask & (1 << i))
  return {
    deckIds,
    tags,
    count,
    forms,
    timing: kind === 'none' ? { kind } : { kind, limitMs },
    mode: modeName,
    seed,
    weakest: weakest === 1,
    ...(list.length === 10 ? { decks } : {}),
  }
}
