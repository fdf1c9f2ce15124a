// Answer grading and how a graded answer becomes an FSRS rating. Pure: elapsed times are passed in.
import { withAliases } from './aliases'
import { answerKey, normalizeAnswer, withinOneEdit } from './normalize'
import type { Recall } from './recall'

export type { Recall } from './recall'

export interface Graded {
  correct: boolean
  /** Share of credit from 0 to 1 (partial for multiple select and ordering). */
  score: number
  /** Set when a typed answer was accepted despite one typo; the UI shows the right spelling. */
  typo?: boolean
}

/** Normalized answers shorter than this get no typo tolerance ("Iraq" must not pass for "Iran"). */
export const TYPO_MIN_LENGTH = 5

export interface TypedOptions {
  /**
   * Names that are wrong even when one typo away from the answer: the card's other listed
   * answers and known names of the same kind (Austria is not Australia).
   */
  rejects?: readonly string[]
}

/**
 * Grades a typed answer. Case, accents, punctuation, spacing and leading articles are ignored
 * (see `normalizeAnswer`), known aliases are accepted (UAE / United Arab Emirates), and one typo
 * is forgiven on answers of `TYPO_MIN_LENGTH`+ letters unless the text is, or is as close to,
 * a rejected name.
 * @example gradeTyped(['South Korea'], 'republic of korea').correct === true
 */
export function gradeTyped(
  expected: readonly string[],
  given: string,
  options: TypedOptions = {},
): Graded {
  const key = answerKey(given)
  if (!key) return { correct: false, score: 0 }
  const accepted = acceptedOf(expected)
  if (accepted.keys.has(key)) return { correct: true, score: 1 }
  const rejects = rejectsOf(options.rejects ?? NO_NAMES)
  if (rejects.keys.has(key)) return { correct: false, score: 0 }
  // A digit is never a typo: "Arrow 2" is another system than "Arrow 3", "SM-6" than "SM-3".
  let digits: string | undefined
  let near = false
  for (const target of accepted.typoTargets)
    if (withinOneEdit(target.key, key) && target.digits === (digits ??= digitsOf(key))) {
      near = true
      break
    }
  if (!near) return { correct: false, score: 0 }
  // Only names within one letter of the answer's length can be within one edit of it. Indexed
  // loops: this runs over dozens of known names for every answer that has a typo.
  for (let length = key.length - 1; length <= key.length + 1; length++) {
    const names = rejects.byLength.get(length)
    if (!names) continue
    for (let i = 0; i < names.length; i++)
      if (withinOneEdit(names[i]!, key) && !accepted.keys.has(names[i]!))
        return { correct: false, score: 0 }
  }
  return { correct: true, score: 1, typo: true }
}

const NO_NAMES: readonly string[] = Object.freeze([])

/** The digits of a comparison key, in order: a typo may not change, add, remove or move one. */
function digitsOf(key: string): string {
  return key.replace(/\P{N}+/gu, '')
}

interface AcceptedKeys {
  keys: ReadonlySet<string>
  /** The keys long enough for typo tolerance, with their digits. */
  typoTargets: readonly { key: string; digits: string }[]
}

interface RejectKeys {
  keys: ReadonlySet<string>
  byLength: ReadonlyMap<number, readonly string[]>
}

// Grading runs on every answer and quizzes grade hundreds at once: the normalized forms of a
// question's answers and of a (shared, often long) reject list are computed once and remembered.
const acceptedCache = new Map<string, AcceptedKeys>()
const rejectCache = new WeakMap<readonly string[], RejectKeys>()

function acceptedOf(expected: readonly string[]): AcceptedKeys {
  const cacheKey = expected.join('\u0000')
  let accepted = acceptedCache.get(cacheKey)
  if (!accepted) {
    const keys = new Set(withAliases(expected).map(normalizeAnswer))
    const typoTargets = [...keys]
      .filter((key) => key.length >= TYPO_MIN_LENGTH)
      .map((key) => ({ key, digits: digitsOf(key) }))
    accepted = { keys, typoTargets }
    if (acceptedCache.size > 5_000) acceptedCache.clear()
    acceptedCache.set(cacheKey, accepted)
  }
  return accepted
}

function rejectsOf(rejects: readonly string[]): RejectKeys {
  let index = rejectCache.get(rejects)
  if (!index) {
    const keys = new Set(rejects.map(normalizeAnswer))
    const byLength = new Map<number, string[]>()
    for (const key of keys) byLength.set(key.length, [...(byLength.get(key.length) ?? []), key])
    index = { keys, byLength }
    rejectCache.set(rejects, index)
  }
  return index
}

/** Single choice (also map and true/false): right only when the chosen option is the answer. */
export function gradeChoice(answer: string, chosen: string | null | undefined): Graded {
  const correct = chosen != null && chosen === answer
  return { correct, score: correct ? 1 : 0 }
}

/**
 * Multiple select: correct only for the exact set. The partial score is the share of options
 * judged right (ticked if correct, left if not), so ticking everything does not score well.
 */
export function gradeMulti(
  correct: readonly string[],
  options: readonly string[],
  chosen: readonly string[],
): Graded {
  const want = new Set(correct)
  const got = new Set(chosen)
  // a chosen value that is not an option at all is still a wrong tick, never a free pass
  const all = new Set([...options, ...correct, ...chosen])
  let right = 0
  for (const option of all) if (want.has(option) === got.has(option)) right++
  const exact = right === all.size
  return { correct: exact, score: all.size ? right / all.size : 0 }
}

/**
 * Ordering: the score is the share of item pairs placed in the right relative order
 * (Kendall's tau as a fraction); correct only when every pair is.
 */
export function gradeOrdering(expected: readonly string[], given: readonly string[]): Graded {
  const rank = new Map(given.map((item, i) => [item, i]))
  const n = expected.length
  if (n < 2) return { correct: true, score: 1 }
  let pairs = 0
  let right = 0
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      pairs++
      const a = rank.get(expected[i]!)
      const b = rank.get(expected[j]!)
      if (a !== undefined && b !== undefined && a < b) right++
    }
  return { correct: right === pairs, score: right / pairs }
}

export type NumericAnswer = number | { min: number; max: number }

// Digit-group separators: comma, space, no-break space, thin space, narrow no-break space.
const GROUPED = /(?<![\d.])\d{1,3}(?:[, \u00a0\u2009\u202f]\d{3})+(?![\d.])/g
const GROUP_SEPARATOR = /[, \u00a0\u2009\u202f]/g
// A minus sign, unless it follows a digit (spaces between allowed): then it is a range dash.
const NUMBER = /(?:(?<!\d\s*)[-\u2212])?\d+(?:\.\d+)?/g

/**
 * Reads a number or a range ("2018-2020", "2018 to 2020", "-5 to -3") from typed text. Digit
 * groups may be split by commas or (thin) spaces ("1,500", "30 000"); a dash right after a
 * number is a range dash, anywhere else a minus sign.
 * Returns undefined when the text holds no number, or more than two.
 */
export function parseNumeric(text: string): { min: number; max: number } | undefined {
  const cleaned = text.replace(GROUPED, (m) => m.replace(GROUP_SEPARATOR, ''))
  const numbers = [...cleaned.matchAll(NUMBER)].map((m) => Number(m[0].replace('\u2212', '-')))
  const [first, second] = numbers
  if (first === undefined || numbers.length > 2) return undefined
  return { min: Math.min(first, second ?? first), max: Math.max(first, second ?? first) }
}

/**
 * Numbers and years. An exact answer must match; a range answer (inclusive) accepts any number
 * inside it, or the same range typed out.
 */
export function gradeNumeric(answer: NumericAnswer, given: string): Graded {
  const parsed = parseNumeric(given)
  if (!parsed) return { correct: false, score: 0 }
  const range = typeof answer === 'number' ? { min: answer, max: answer } : answer
  const inside = parsed.min >= range.min && parsed.max <= range.max
  const exactRange = parsed.min === range.min && parsed.max === range.max
  const correct = parsed.min === parsed.max ? inside : exactRange
  return { correct, score: correct ? 1 : 0 }
}

/** How an answer's form affects what counts as quick or slow. */
export type AnswerForm = 'choice' | 'typed' | 'arrange' | 'self'

/**
 * Answer-time thresholds. Quick answers rate Easy, slow ones Hard, the rest Good.
 * Choosing is faster than typing, and arranging several items slower still.
 */
export const SPEED_THRESHOLDS: Record<
  Exclude<AnswerForm, 'self'>,
  { quickMs: number; slowMs: number }
> = {
  choice: { quickMs: 4_000, slowMs: 15_000 },
  typed: { quickMs: 6_000, slowMs: 20_000 },
  arrange: { quickMs: 8_000, slowMs: 30_000 },
}

/**
 * The FSRS rating for an auto-graded answer: wrong → again; right → easy when quick, hard when
 * slow, good otherwise. An answer accepted with a typo is never easy.
 */
export function recallFor(
  graded: Graded,
  form: Exclude<AnswerForm, 'self'>,
  elapsedMs: number,
): Recall {
  if (!graded.correct) return 'again'
  const { quickMs, slowMs } = SPEED_THRESHOLDS[form]
  if (elapsedMs >= slowMs) return 'hard'
  if (elapsedMs <= quickMs && !graded.typo) return 'easy'
  return 'good'
}

/**
 * The rejects that can change how a typed answer to `accepted` is graded: those near enough to an
 * accepted answer (or one of its aliases) to pass for a typo of it, without repeats. Rejects far
 * from every answer can never be mistaken for one, so storing them with a question is waste.
 */
export function nearRejects(accepted: readonly string[], rejects: readonly string[]): string[] {
  const keys = withAliases(accepted)
    .map(normalizeAnswer)
    .filter((key) => key.length >= TYPO_MIN_LENGTH)
  const seen = new Set<string>()
  // a reject matters when one typo away from a one-typo variant of an answer: at most two
  // Damerau edits, so at most four Levenshtein edits (a transposition is two)
  return rejects.filter((r) => {
    const key = normalizeAnswer(r)
    if (seen.has(key)) return false
    seen.add(key)
    return keys.some((a) => levenshteinAtMost(a, key, 4))
  })
}

/** Whether `a` and `b` are at most `max` Levenshtein edits apart; stops early once every path exceeds `max`. */
export function levenshteinAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      row.push(d)
      if (d < best) best = d
    }
    if (best > max) return false
    prev = row
  }
  return prev[b.length]! <= max
}
