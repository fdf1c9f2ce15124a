// The review log in the FSRS ecosystem's format (the optimizer's `revlog.csv`), and the history
// FSRS learns from: one review per line, cards numbered, times in epoch milliseconds.
import Papa from 'papaparse'
import type { Recall } from './grading'
import { agree } from './plural'
import type { ReviewRow } from './records'
import type { CardState, Rating4 } from './scheduler'

/** One review as `revlog.csv` has it. */
export interface RevlogEntry {
  cardId: number
  /** When the answer was given (epoch ms). */
  reviewTime: number
  rating: Rating4
  /** The card's state when it was reviewed: 0 new, 1 learning, 2 review, 3 relearning. */
  state: 0 | 1 | 2 | 3
  durationMs: number
}

export const REVLOG_COLUMNS = [
  'card_id',
  'review_time',
  'review_rating',
  'review_state',
  'review_duration',
] as const

/** The largest file read (characters): about four million reviews. */
export const MAX_REVLOG_CHARS = 200 * 1024 * 1024

const RATING: Record<Recall, Rating4> = { again: 1, hard: 2, good: 3, easy: 4 }
const STATE: Record<CardState, RevlogEntry['state']> = {
  new: 0,
  learning: 1,
  review: 2,
  relearning: 3,
}

/**
 * A whole-number card id for an item id, the same on every device and every export (a 52-bit
 * hash, so ids stay exact in JavaScript numbers and collide about once in 10^15 pairs).
 */
export function cardNumber(itemId: string): number {
  let a = 0x811c9dc5
  let b = 0x9747b28c
  for (let i = 0; i < itemId.length; i++) {
    const c = itemId.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x5bd1e995)
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff)
}

/** The app's review log as revlog entries, oldest first. */
export function revlogFromReviews(reviews: readonly ReviewRow[]): RevlogEntry[] {
  return reviews
    .map((r) => ({
      cardId: cardNumber(r.itemId),
      reviewTime: Math.round(r.at),
      rating: RATING[r.recall],
      state: STATE[r.before.state],
      durationMs: Math.max(0, Math.round(r.durationMs)),
    }))
    .sort((x, y) => x.reviewTime - y.reviewTime)
}

/** `revlog.csv` text: the header, then one line per review. */
export function serializeRevlog(entries: readonly RevlogEntry[]): string {
  const lines = [REVLOG_COLUMNS.join(',')]
  for (const e of entries)
    lines.push(`${e.cardId},${e.reviewTime},${e.rating},${e.state},${e.durationMs}`)
  return lines.join('\n') + '\n'
}

export type RevlogParse =
  | {
      ok: true
      entries: RevlogEntry[]
      /** Lines left out on purpose: manual reschedules (rating 0) and filtered-deck entries. */
      skipped: number
    }
  | { ok: false; errors: string[] }

const MAX_ERRORS = 10
// Epoch milliseconds from 1990 to 2200: a time in seconds (a common mix-up) falls far below.
const EARLIEST_MS = 631_152_000_000
const LATEST_MS = 7_258_118_400_000

/**
 * Reads `revlog.csv` text. Columns are found by the header, in any order; extra columns are
 * ignored; `review_duration` may be missing (then 0). Every problem is reported with its line,
 * and nothing is returned unless the whole file is valid.
 */
export function parseRevlog(text: string): RevlogParse {
  if (text.length > MAX_REVLOG_CHARS)
    return { ok: false, errors: ['The file is larger than 200 MB; split it or trim old reviews.'] }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' })
  const rows = parsed.data
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase())
  const column = Object.fromEntries(REVLOG_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof REVLOG_COLUMNS)[number],
    number
  >
  const missing = REVLOG_COLUMNS.filter((c) => c !== 'review_duration' && column[c] < 0)
  if (missing.length)
    return {
      ok: false,
      errors: [
        `Line 1 must be the header ${REVLOG_COLUMNS.join(',')}; ${missing.join(', ')} ${agree(missing.length, 'is', 'are')} missing.`,
      ],
    }
  const errors: string[] = []
  let problems = 0
  const problem = (line: number, message: string) => {
    if (++problems <= MAX_ERRORS) errors.push(`Line ${line}: ${message}`)
  }
  const entries: RevlogEntry[] = []
  let skipped = 0
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i]!
    const line = i + 1
    const cell = (c: (typeof REVLOG_COLUMNS)[number]) =>
      column[c] < 0 ? '' : (row[column[c]] ?? '').trim()
    const cardId = Number(cell('card_id'))
    const reviewTime = Number(cell('review_time'))
    const rating = Number(cell('review_rating'))
    const state = Number(cell('review_state'))
    const durationText = cell('review_duration')
    const duration = durationText === '' ? 0 : Number(durationText)
    if (!Number.isSafeInteger(cardId) || cell('card_id') === '') {
      problem(line, `card_id must be a whole number, not “${cell('card_id').slice(0, 30)}”.`)
      continue
    }
    if (!Number.isSafeInteger(reviewTime) || reviewTime < EARLIEST_MS || reviewTime > LATEST_MS) {
      const seconds = Number.isFinite(reviewTime) && reviewTime > 0 && reviewTime < EARLIEST_MS
      problem(
        line,
        seconds
          ? `review_time ${reviewTime} looks like seconds; revlog.csv times are epoch milliseconds.`
          : `review_time must be a time in epoch milliseconds, not “${cell('review_time').slice(0, 30)}”.`,
      )
      continue
    }
    if (!Number.isInteger(rating) || rating < 0 || rating > 4) {
      problem(
        line,
        `review_rating must be 1 (again) to 4 (easy), not “${cell('review_rating').slice(0, 30)}”.`,
      )
      continue
    }
    if (!Number.isInteger(state) || state < 0 || state > 4) {
      problem(
        line,
        `review_state must be 0 to 3 (new, learning, review, relearning), not “${cell('review_state').slice(0, 30)}”.`,
      )
      continue
    }
    if (!Number.isFinite(duration) || duration < 0) {
      problem(
        line,
        `review_duration must be milliseconds (0 or more), not “${durationText.slice(0, 30)}”.`,
      )
      continue
    }
    // Anki writes manual reschedules (rating 0) and some tools a state 4 for them: not reviews.
    if (rating === 0 || state === 4) {
      skipped++
      continue
    }
    entries.push({
      cardId,
      reviewTime,
      rating: rating as Rating4,
      state: state as RevlogEntry['state'],
      durationMs: Math.round(duration),
    })
  }
  if (problems > MAX_ERRORS) errors.push(`…and ${problems - MAX_ERRORS} more lines with problems.`)
  if (errors.length) return { ok: false, errors }
  if (!entries.length) return { ok: false, errors: ['The file holds no reviews.'] }
  entries.sort((a, b) => a.reviewTime - b.reviewTime)
  return { ok: true, entries, skipped }
}

/**
 * Entries of `extra` not already in `entries` (same card and time), for adding an imported log
 * to the app's own: importing a file this app exported adds nothing twice.
 */
export function newEntries(
  entries: readonly RevlogEntry[],
  extra: readonly RevlogEntry[],
): RevlogEntry[] {
  const seen = new Set(entries.map((e) => `${e.cardId}:${e.reviewTime}`))
  const out: RevlogEntry[] = []
  for (const e of extra) {
    const key = `${e.cardId}:${e.reviewTime}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(e)
  }
  return out
}

/**
 * Minutes to add to UTC to get the learner's day (the time-zone offset minus the hour a new
 * day starts): the same convention as fsrs-rs's `minute_offset`.
 */
export function minuteOffset(utcOffsetMinutes: number, dayStartHour: number): number {
  return Math.round(utcOffsetMinutes) - dayStartHour * 60
}

/** The learner's day number of an instant. */
export function dayIndex(atMs: number, offsetMinutes: number): number {
  return Math.floor((atMs + offsetMinutes * 60_000) / 86_400_000)
}

/** One review in a card's history as FSRS learns from it. */
export interface HistoryReview {
  rating: Rating4
  /** Whole days since the card's previous review (0 for the first, and for the same day). */
  elapsedDays: number
  reviewTime: number
}

/**
 * Each card's history as fsrs-rs reads an Anki revlog: from the card's last first-learning
 * review on (a card reset and learnt again starts over), with elapsed whole days between
 * reviews. Cards never seen new (their start is missing from the log) are left out.
 */
export function cardHistories(
  entries: readonly RevlogEntry[],
  offsetMinutes: number,
): HistoryReview[][] {
  const byCard = new Map<number, RevlogEntry[]>()
  for (const e of entries) {
    const list = byCard.get(e.cardId)
    if (list) list.push(e)
    else byCard.set(e.cardId, [e])
  }
  const histories: HistoryReview[][] = []
  for (const list of byCard.values()) {
    list.sort((a, b) => a.reviewTime - b.reviewTime)
    // the start of the last run of learning reviews (state new or learning)
    let start = -1
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.state <= 1) start = i
      else if (start >= 0) break
    }
    if (start < 0) continue
    const history: HistoryReview[] = []
    let previousDay: number | undefined
    for (const e of list.slice(start)) {
      const day = dayIndex(e.reviewTime, offsetMinutes)
      history.push({
        rating: e.rating,
        elapsedDays: previousDay === undefined ? 0 : Math.max(0, day - previousDay),
        reviewTime: e.reviewTime,
      })
      previousDay = day
    }
    histories.push(history)
  }
  return histories
}

/**
 * Reviews FSRS can learn from: those on a later day than the card's previous review (same-day
 * repeats shape the memory state but are not predictions of recall across a gap).
 */
export function usableReviews(histories: readonly (readonly HistoryReview[])[]): number[] {
  const times: number[] = []
  for (const h of histories) for (const r of h) if (r.elapsedDays > 0) times.push(r.reviewTime)
  return times.sort((a, b) => a - b)
}

/**
 * The time that splits the usable reviews into the older `trainShare` and the newest rest:
 * reviews at or after it are held out. Undefined when there are too few to split.
 */
export function holdOutFrom(usableTimes: readonly number[], trainShare = 0.8): number | undefined {
  const index = Math.floor(usableTimes.length * trainShare)
  if (index <= 0 || index >= usableTimes.length) return undefined
  return usableTimes[index]
}
