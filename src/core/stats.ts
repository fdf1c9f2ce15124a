// Statistics for the Stats page: what the review log, progress rows and quiz results say about a
// learner. Pure: `nowMs` and the study-day options are arguments. Every log statistic is a small
// accumulator fed one row at a time, so `computeStats` reads a log of 100,000 rows once.
import type { StudyItem } from './items'
import type { ProgressRow, ReviewRow } from './records'
import { DEFAULT_SCHEDULER, type CardState } from './scheduler'
import { DAY_MS, MINUTE_MS, studyDay, type DayOptions } from './time'

/** Reviews counted on one study day. */
export interface DayCount {
  /** Study day number, as `studyDay` returns it: days since 1970-01-01, local and shifted. */
  day: number
  count: number
}

/** The review calendar: one entry per study day, oldest first, ending with today. */
export interface ReviewHeatmap {
  days: DayCount[]
  /** The highest count on any one day (0 when there are no reviews). */
  max: number
  /** Reviews in the span. */
  total: number
  /** Days in the span with at least one review. */
  activeDays: number
}

/** Items due per study day, from today (index 0) onwards. */
export interface DueForecast {
  /** `days[0]` is today and includes every overdue item. */
  days: DayCount[]
  max: number
  total: number
  /** Of `days[0].count`, the items that fell due on an earlier study day. */
  overdue: number
}

/** Reviews of cards in review state and how many were recalled. */
export interface RetentionCount {
  /** Reviews not rated `again`. */
  passed: number
  total: number
  /** `passed / total`, 0–1; null when there were no such reviews. */
  rate: number | null
}

export interface DeckRetention extends RetentionCount {
  deckId: string
}

/** True retention over a window, per deck (sorted by deck id) and overall. */
export interface TrueRetention {
  decks: DeckRetention[]
  overall: RetentionCount
  /**
   * Answers given while cards were new or in learning steps, in the same window: a first
   * session's progress, which retention (reviews of learned cards only) leaves out.
   */
  learning: RetentionCount
  /** The window, in study days ending with today. */
  windowDays: number
  /** The desired retention (0–1) the numbers are to be compared with. */
  desired: number
}

export type StateCounts = Record<CardState, number>

/** The card states in the order charts show them. */
export const CARD_STATES: readonly CardState[] = ['new', 'learning', 'review', 'relearning']

/** Consecutive study days with at least one review. */
export interface Streak {
  /** The run ending today, or yesterday when today has no review yet; 0 when neither has one. */
  current: number
  /** The longest run ever (never below `current`). */
  longest: number
  studiedToday: boolean
}

/** Answer times of one set of reviews, in milliseconds. */
export interface AnswerTime {
  count: number
  /** Rounded to whole ms; null when there are no reviews. */
  meanMs: number | null
  /** Rounded to whole ms; null when there are no reviews. */
  medianMs: number | null
}

export interface AnswerTimes {
  overall: AnswerTime
  /** The last `windowDays` study days, today included. */
  recent: AnswerTime
  /** Reviews left out as outliers (longer than `maxMs`), over the whole log. */
  outliers: number
}

/** What the stats need of a finished quiz (a subset of the quiz module's result). */
export interface QuizAttempt {
  /** Epoch ms. */
  finishedAt: number
  /** 0–1. */
  score: number
  configKey?: string
}

export interface QuizTrendPoint {
  finishedAt: number
  /** The attempt's score in percent (0–100), rounded to 0.1. */
  scorePct: number
  /** Mean of this and up to `windowSize - 1` earlier scores, in percent, rounded to 0.1. */
  averagePct: number
}

/** Default window, in study days, for retention and recent answer times. */
export const STATS_WINDOW_DAYS = 30
/** Answers slower than this (5 minutes) are left out of answer times: the learner walked away. */
export const ANSWER_OUTLIER_MS = 5 * MINUTE_MS

/** Reads the log one row at a time; `d` is the row's study day, worked out once per row. */
interface Tally<T> {
  add(row: ReviewRow, d: number): void
  result(): T
}

function tallyAll<T>(log: readonly ReviewRow[], day: DayOptions, tally: Tally<T>): T {
  for (const row of log) tally.add(row, studyDay(row.at, day))
  return tally.result()
}

function heatmapTally(nowMs: number, day: DayOptions, spanDays: number): Tally<ReviewHeatmap> {
  const span = Math.max(0, Math.floor(spanDays))
  const first = studyDay(nowMs, day) - span + 1
  const counts = new Uint32Array(span)
  return {
    add(_row, d) {
      const i = d - first
      if (i >= 0 && i < span) counts[i]!++
    },
    result() {
      const days: DayCount[] = new Array(span)
      let max = 0
      let total = 0
      let activeDays = 0
      for (let i = 0; i < span; i++) {
        const count = counts[i]!
        days[i] = { day: first + i, count }
        if (count > max) max = count
        if (count > 0) activeDays++
        total += count
      }
      return { days, max, total, activeDays }
    },
  }
}

function streakTally(nowMs: number, day: DayOptions): Tally<Streak> {
  const today = studyDay(nowMs, day)
  const studied = new Set<number>()
  return {
    add(_row, d) {
      if (d <= today) studied.add(d)
    },
    result() {
      const days = [...studied].sort((a, b) => a - b)
      let longest = 0
      let run = 0
      for (let i = 0; i < days.length; i++) {
        run = i > 0 && days[i] === days[i - 1]! + 1 ? run + 1 : 1
        if (run > longest) longest = run
      }
      const studiedToday = studied.has(today)
      let current = 0
      for (let d = studiedToday ? today : today - 1; studied.has(d); d--) current++
      return { current, longest, studiedToday }
    },
  }
}

function retentionTally(
  nowMs: number,
  day: DayOptions,
  windowDays: number,
  desired: number,
): Tally<TrueRetention> {
  const today = studyDay(nowMs, day)
  const from = today - windowDays + 1
  const byDeck = new Map<string, { passed: number; total: number }>()
  const learning = { passed: 0, total: 0 }
  return {
    add(row, d) {
      if (d < from || d > today) return
      if (row.before.state !== 'review') {
        learning.total++
        if (row.recall !== 'again') learning.passed++
        return
      }
      let deck = byDeck.get(row.deckId)
      if (!deck) byDeck.set(row.deckId, (deck = { passed: 0, total: 0 }))
      deck.total++
      if (row.recall !== 'again') deck.passed++
    },
    result() {
      const rate = (passed: number, total: number) => (total ? passed / total : null)
      let passed = 0
      let total = 0
      const decks: DeckRetention[] = []
      for (const [deckId, c] of byDeck) {
        decks.push({ deckId, passed: c.passed, total: c.total, rate: rate(c.passed, c.total) })
        passed += c.passed
        total += c.total
      }
      decks.sort((a, b) => (a.deckId < b.deckId ? -1 : a.deckId > b.deckId ? 1 : 0))
      return {
        decks,
        overall: { passed, total, rate: rate(passed, total) },
        learning: { ...learning, rate: rate(learning.passed, learning.total) },
        windowDays,
        desired,
      }
    },
  }
}

function summarizeTimes(times: number[]): AnswerTime {
  const count = times.length
  if (count === 0) return { count, meanMs: null, medianMs: null }
  const sorted = Float64Array.from(times).sort()
  let sum = 0
  for (let i = 0; i < count; i++) sum += sorted[i]!
  const mid = count >> 1
  const median = count % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { count, meanMs: Math.round(sum / count), medianMs: Math.round(median) }
}

function answerTimeTally(
  nowMs: number,
  day: DayOptions,
  windowDays: number,
  maxMs: number,
): Tally<AnswerTimes> {
  const today = studyDay(nowMs, day)
  const from = today - windowDays + 1
  const all: number[] = []
  const recent: number[] = []
  let outliers = 0
  return {
    add(row, d) {
      const ms = row.durationMs
      if (!(ms >= 0)) return // NaN or negative: a broken row, not an answer time
      if (ms > maxMs) {
        outliers++
        return
      }
      all.push(ms)
      if (d >= from && d <= today) recent.push(ms)
    },
    result: () => ({ overall: summarizeTimes(all), recent: summarizeTimes(recent), outliers }),
  }
}

export interface HeatmapOptions {
  /** Study days shown, ending with today (default 365). */
  spanDays?: number
}

/**
 * Reviews per study day for the last `spanDays` study days (today included), for a calendar
 * heatmap. Reviews outside the span (older, or after `nowMs`'s day) are not counted. One pass.
 * @example reviewHeatmap(log, now, day).days.at(-1) // { day: studyDay(now, day), count: reviews today }
 */
export function reviewHeatmap(
  log: readonly ReviewRow[],
  nowMs: number,
  day: DayOptions,
  { spanDays = 365 }: HeatmapOptions = {},
): ReviewHeatmap {
  return tallyAll(log, day, heatmapTally(nowMs, day, spanDays))
}

/**
 * How many items fall due on each of the next `spanDays` study days (default 30), today first.
 * Items already overdue count on today. Retired rows and new cards are skipped, as are items due
 * after the span. The study day of an item is that of its `due` time.
 */
export function dueForecast(
  rows: Iterable<ProgressRow>,
  nowMs: number,
  day: DayOptions,
  spanDays = 30,
): DueForecast {
  const span = Math.max(1, Math.floor(spanDays))
  const today = studyDay(nowMs, day)
  const counts = new Uint32Array(span)
  let overdue = 0
  for (const row of rows) {
    if (row.retired || row.memory.state === 'new') continue
    const offset = studyDay(row.memory.due, day) - today
    if (offset >= span) continue
    if (offset < 0) overdue++
    counts[Math.max(0, offset)]!++
  }
  const days: DayCount[] = []
  let max = 0
  let total = 0
  counts.forEach((count, i) => {
    days.push({ day: today + i, count })
    if (count > max) max = count
    total += count
  })
  return { days, max, total, overdue }
}

export interface RetentionOptions {
  /** Study days counted, ending with today (default 30). */
  windowDays?: number
  /** Desired retention (0–1) to compare with; defaults to the scheduler's 0.9. */
  desired?: number
}

/**
 * Reviews of learned cards needed before a retention percentage says anything: one lapse in a
 * first review is "0% recalled", which reads as failure after a session of right answers.
 */
export const RETENTION_MIN_REVIEWS = 10

/**
 * The retention numbers in one honest sentence: the percentage once there are enough reviews of
 * learned cards to mean something, and before that what the learner did do (answers right while
 * learning) and how many reviews are still to come.
 * @example retentionSummary(firstSession) // "While learning: 13 of 14 answers right. …"
 */
export function retentionSummary(r: TrueRetention): string {
  const n = (x: number) => x.toLocaleString('en-US')
  const pct = (x: number) => `${Math.round(x * 100)}%`
  const { overall, learning } = r
  const window = `in the last ${r.windowDays} days`
  const learnt =
    learning.total > 0
      ? `While learning: ${n(learning.passed)} of ${n(learning.total)} answers right ${window}.`
      : ''
  if (overall.total >= RETENTION_MIN_REVIEWS && overall.rate !== null)
    return [
      `Recalled ${pct(overall.rate)} of ${n(overall.total)} reviews of learned cards ${window}; desired retention ${pct(r.desired)}.`,
      learnt,
    ]
      .filter(Boolean)
      .join(' ')
  const wait =
    overall.total === 0
      ? `Retention shows once learned cards come up for review, usually a few days after you first study them.`
      : `Retention shows after ${n(RETENTION_MIN_REVIEWS)} reviews of learned cards (${n(overall.total)} so far): fewer say little.`
  return [learnt, wait].filter(Boolean).join(' ')
}

/**
 * True retention: of the reviews of cards that were in review state (`before.state === 'review'`),
 * the share not rated `again`, per deck and overall, over the last `windowDays` study days
 * (today included). Learning and relearning steps are left out, as in Anki. Study and quiz reviews
 * both count. One pass.
 */
export function trueRetention(
  log: readonly ReviewRow[],
  nowMs: number,
  day: DayOptions,
  { windowDays = STATS_WINDOW_DAYS, desired = DEFAULT_SCHEDULER.retention }: RetentionOptions = {},
): TrueRetention {
  return tallyAll(log, day, retentionTally(nowMs, day, windowDays, desired))
}

/**
 * Items by memory state. Items with no progress row (or a row in state `new`) are new; rows of
 * cards that are no longer among `items` are not counted.
 */
export function cardsByState(
  items: readonly StudyItem[],
  rows: ReadonlyMap<string, ProgressRow>,
): StateCounts {
  const counts: StateCounts = { new: 0, learning: 0, review: 0, relearning: 0 }
  for (const item of items) counts[rows.get(item.id)?.memory.state ?? 'new']++
  return counts
}

/**
 * The daily streak at `nowMs`: consecutive study days with at least one review. A streak ending
 * yesterday still counts while today has no review yet; `longest` is over the whole log.
 * Reviews after today are ignored. One pass.
 */
export function reviewStreak(log: readonly ReviewRow[], nowMs: number, day: DayOptions): Streak {
  return tallyAll(log, day, streakTally(nowMs, day))
}

export interface AnswerTimeOptions {
  /** Study days counted as recent, ending with today (default 30). */
  windowDays?: number
  /** Answers slower than this many ms are outliers and left out (default 5 minutes). */
  maxMs?: number
}

/**
 * Mean and median answer time (ms), over the whole log and over the last `windowDays` study days.
 * Answers over `maxMs` (default 5 minutes) are left out. One pass plus a sort of the kept times.
 */
export function answerTimes(
  log: readonly ReviewRow[],
  nowMs: number,
  day: DayOptions,
  { windowDays = STATS_WINDOW_DAYS, maxMs = ANSWER_OUTLIER_MS }: AnswerTimeOptions = {},
): AnswerTimes {
  return tallyAll(log, day, answerTimeTally(nowMs, day, windowDays, maxMs))
}

export interface QuizTrendOptions {
  /** Attempts in the trailing moving average (default 5). */
  windowSize?: number
  /** Only attempts of this quiz configuration. */
  configKey?: string
}

const pct = (share: number) => Math.round(share * 1000) / 10

/**
 * Quiz scores in time order (ties keep their input order) with a trailing moving average over
 * `windowSize` attempts (fewer at the start). Scores are clamped to 0–1 before conversion to percent.
 */
export function quizTrend(
  attempts: readonly QuizAttempt[],
  { windowSize = 5, configKey }: QuizTrendOptions = {},
): QuizTrendPoint[] {
  const size = Math.max(1, Math.floor(windowSize))
  const kept = attempts
    .filter((a) => configKey === undefined || a.configKey === configKey)
    .sort((a, b) => a.finishedAt - b.finishedAt)
  const scores = kept.map((a) => Math.min(1, Math.max(0, a.score)))
  let sum = 0
  return kept.map((a, i) => {
    sum += scores[i]!
    if (i >= size) sum -= scores[i - size]!
    return {
      finishedAt: a.finishedAt,
      scorePct: pct(scores[i]!),
      averagePct: pct(sum / Math.min(i + 1, size)),
    }
  })
}

export interface StatsInput {
  log: readonly ReviewRow[]
  /** Progress rows by item id. */
  rows: ReadonlyMap<string, ProgressRow>
  /** The items of the installed decks (for cards by state). */
  items: readonly StudyItem[]
  quizzes?: readonly QuizAttempt[]
  nowMs: number
  day: DayOptions
  /** The settings' desired retention (0–1). */
  desiredRetention?: number
  /** Window for retention and recent answer times, in study days (default 30). */
  windowDays?: number
}

export interface Stats {
  heatmap: ReviewHeatmap
  forecast: DueForecast
  retention: TrueRetention
  states: StateCounts
  streak: Streak
  answerTimes: AnswerTimes
  quiz: QuizTrendPoint[]
}

/** Every statistic at once, reading the log in a single pass. Defaults as in the single functions. */
export function computeStats({
  log,
  rows,
  items,
  quizzes = [],
  nowMs,
  day,
  desiredRetention = DEFAULT_SCHEDULER.retention,
  windowDays = STATS_WINDOW_DAYS,
}: StatsInput): Stats {
  const heatmap = heatmapTally(nowMs, day, 365)
  const streak = streakTally(nowMs, day)
  const retention = retentionTally(nowMs, day, windowDays, desiredRetention)
  const times = answerTimeTally(nowMs, day, windowDays, ANSWER_OUTLIER_MS)
  for (const row of log) {
    const d = studyDay(row.at, day)
    heatmap.add(row, d)
    streak.add(row, d)
    retention.add(row, d)
    times.add(row, d)
  }
  return {
    heatmap: heatmap.result(),
    forecast: dueForecast(rows.values(), nowMs, day),
    retention: retention.result(),
    states: cardsByState(items, rows),
    streak: streak.result(),
    answerTimes: times.result(),
    quiz: quizTrend(quizzes),
  }
}

/** The calendar date a study day starts on: `month` 1–12, `weekday` 0 (Sunday) to 6. */
export function studyDayDate(day: number): {
  year: number
  month: number
  date: number
  weekday: number
} {
  const d = new Date(day * DAY_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
    weekday: d.getUTCDay(),
  }
}

/** A study day as `YYYY-MM-DD` (the date it starts on), for `<time datetime>` and keys. */
export function studyDayIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

const labelFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * A study day as a short readable date in `locale` ("Mon, Jan 6, 2025" in en-US). The locale is
 * the caller's; leave it out for the runtime's default.
 */
export function studyDayLabel(day: number, locale?: string): string {
  const key = locale ?? ''
  let format = labelFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    })
    labelFormats.set(key, format)
  }
  return format.format(day * DAY_MS)
}
