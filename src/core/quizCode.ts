// Quiz codes: quiz settings (seed included) packed into a short, URL-safe text, so an instructor can
// hand a class a link (`/quiz/join?c=CODE`) or a code and everyone sits the same quiz offline.
//
// Layout: a version character, then the payload (base64url of a compact JSON array) in groups of
// ten characters each followed by one check character, then three check characters over the
// whole. The group checks locate a damaged code ("characters 13–23"); the final ones catch what
// they cannot (a code cut short at a group boundary, two characters swapped).
import * as v from 'valibot'
import {
  normalizeConfig,
  QUIZ_FORMS,
  QUIZ_MODES,
  QuizConfigSchema,
  type QuizConfig,
  type QuizForm,
} from './quiz'
import { hashString } from './random'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]))
const VERSION = '1'
const GROUP = 10
const END = 3
const TIMINGS = ['none', 'total', 'per-question'] as const

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
 * The code of a quiz's settings, seed included. Settings are normalized first (`normalizeConfig`),
 * so equal settings give equal codes.
 * @example decodeQuizCode(encodeQuizCode(config)) // { ok: true, config: normalizeConfig(config) }
 */
export function encodeQuizCode(config: QuizConfig): string {
  const c = normalizeConfig(config)
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
  ]
  const payload = toBase64Url(new TextEncoder().encode(JSON.stringify(packed)))
  let out = VERSION
  for (let g = 0; g * GROUP < payload.length; g++) {
    const chunk = payload.slice(g * GROUP, (g + 1) * GROUP)
    out += chunk + groupCheck(g, chunk)
  }
  return out + endCheck(payload)
}

/**
 * Reads a quiz code, or a whole link holding one in its `c` parameter. Spaces and line breaks are
 * ignored (a code may be shown in blocks). A damaged code gives a plain-words error saying where.
 */
export function decodeQuizCode(input: string): QuizCodeResult {
  const fromLink = /[?&]c=([^&#\s]*)/.exec(input)
  const raw = fromLink ? decodeURIComponentSafe(fromLink[1]!) : input
  // positions are reported in the code as given, so keep where each kept character came from
  const chars: string[] = []
  const from: number[] = []
  ;[...raw].forEach((ch, i) => {
    if (/\s/.test(ch)) return
    chars.push(ch)
    from.push(i + 1)
  })
  const span = (start: number, end = start): CodeSpan => ({ start: from[start]!, end: from[end]! })
  const fail = (message: string, at?: CodeSpan, field?: string): QuizCodeResult => ({
    ok: false,
    error: { message, ...(at ? { at } : {}), ...(field ? { field } : {}) },
  })

  if (chars.length === 0) return fail('The quiz code is empty.')
  const bad = chars.findIndex((ch) => !INDEX.has(ch))
  if (bad !== -1)
    return fail(
      `Character ${from[bad]} ("${chars[bad]}") cannot be part of a quiz code: codes use only letters, digits, "-" and "_".`,
      span(bad),
    )
  if (chars[0] !== VERSION)
    return fail(
      'The code does not start like a quiz code: its first character was mistyped, or it comes from a newer Intercept.',
      span(0),
    )
  const code = chars.join('')
  if (code.length < 1 + 2 + END) return fail('The quiz code is too short: most of it is missing.')

  const body = code.slice(1, code.length - END)
  let payload = ''
  for (let g = 0, at = 0; at < body.length; g++, at += GROUP + 1) {
    const group = body.slice(at, at + GROUP + 1)
    const start = 1 + at
    const end = start + group.length - 1
    if (group.length < 2)
      return fail(
        'The end of the quiz code does not check out: a character was lost or added, or it was cut short.',
        span(start, code.length - 1),
      )
    const chunk = group.slice(0, -1)
    if (group.at(-1) !== groupCheck(g, chunk)) {
      const last = at + GROUP + 1 >= body.length
      return fail(
        `Characters ${from[start]}–${from[end]} of the quiz code do not check out: one was mistyped, or a character was lost or added there${last ? ', or the code was cut short' : ''}.`,
        span(start, end),
      )
    }
    payload += chunk
  }
  if (code.slice(-END) !== endCheck(payload))
    return fail(
      'The end of the quiz code does not check out: it may have been cut short or had characters added.',
      span(code.length - END, code.length - 1),
    )

  const packed = unpack(payload)
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

function unpack(payload: string): unknown {
  const bytes = fromBase64Url(payload)
  if (!bytes) return undefined
  let list: unknown
  try {
    list = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return undefined
  }
  if (!Array.isArray(list) || list.length !== 9) return undefined
  const [deckIds, tags, count, mask, timing, limitMs, mode, seed, weakest] = list as unknown[]
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
  }
}

/**
 * A weighted sum mod 64 with odd weights: changing any one character of a group changes its check
 * (an odd weight times a difference below 64 is never a multiple of 64), so a mistyped character
 * is always caught in its own group. The group number is mixed in so groups cannot trade places.
 */
function groupCheck(group: number, chunk: string): string {
  let sum = 5 * group + 1
  for (let k = 0; k < chunk.length; k++) sum += (2 * k + 1) * INDEX.get(chunk[k]!)!
  return ALPHABET[sum & 63]!
}

function endCheck(payload: string): string {
  const h = hashString(`${payload.length}:${payload}`)
  return ALPHABET[h & 63]! + ALPHABET[(h >>> 6) & 63]! + ALPHABET[(h >>> 12) & 63]!
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(bytes.length - i, 3) + 1 // 1 byte → 2 characters, 2 → 3, 3 → 4; no padding
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >>> (18 - 6 * k)) & 63]
  }
  return out
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined
  const bytes: number[] = []
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4)
    let n = 0
    for (let k = 0; k < 4; k++) n = (n << 6) | (INDEX.get(chunk[k] ?? 'A') ?? 0)
    for (let k = 0; k < chunk.length - 1; k++) bytes.push((n >>> (16 - 8 * k)) & 255)
  }
  return Uint8Array.from(bytes)
}
