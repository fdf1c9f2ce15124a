// Study days and countdowns. All times are epoch milliseconds supplied by the caller.

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/** Local time minus UTC, in minutes, at the instant `atMs` (epoch ms): changes at DST switches. */
export type OffsetAt = (atMs: number) => number

/**
 * Where a study day starts. ts-fsrs has no notion of a day, so we define one: like Anki, a day runs
 * from `dayStartHour` local time (4 am by default) to the same hour the next morning, so a late
 * night session still counts for the evening it started in.
 */
export interface DayOptions {
  /** Local hour (0–23) at which a new study day begins. */
  dayStartHour: number
  /**
   * Local time minus UTC, in minutes. The shell passes a function giving the offset at each
   * instant (`(ms) => -new Date(ms).getTimezoneOffset()`), so days keep starting at
   * `dayStartHour` on both sides of a daylight-saving switch and old timestamps fall on their own
   * local day. A number is one fixed offset for every instant (UTC, tests, zones without DST).
   */
  utcOffsetMinutes: number | OffsetAt
}

function offsetAt(atMs: number, { utcOffsetMinutes }: DayOptions): number {
  return typeof utcOffsetMinutes === 'number' ? utcOffsetMinutes : utcOffsetMinutes(atMs)
}

/**
 * The study day `atMs` falls in, as a whole number of days since 1970-01-01 (local, shifted), with
 * the local offset in force at `atMs`.
 */
export function studyDay(atMs: number, options: DayOptions): number {
  const local = atMs + offsetAt(atMs, options) * MINUTE_MS
  return Math.floor((local - options.dayStartHour * HOUR_MS) / DAY_MS)
}

// Every instant with a given local time lies within this much of that local time read as UTC
// (offsets run from UTC-12 to UTC+14), with an hour to spare.
const OFFSET_SPAN_MS = 15 * HOUR_MS

/**
 * Epoch ms at which study day `day` begins: `dayStartHour` local time on that date. When the
 * clocks go back and that hour happens twice, the first; when they go forward over it, the
 * instant of the switch (the first moment of the new day).
 */
export function startOfStudyDay(day: number, options: DayOptions): number {
  const local = day * DAY_MS + options.dayStartHour * HOUR_MS // wall-clock time, read as UTC
  const { utcOffsetMinutes: offset } = options
  if (typeof offset === 'number') return local - offset * MINUTE_MS
  // At most one switch lies in the window: the offsets at its two ends are the only candidates.
  const times = [offset(local - OFFSET_SPAN_MS), offset(local + OFFSET_SPAN_MS)].map(
    (minutes) => local - minutes * MINUTE_MS,
  )
  const fitting = times.filter((t) => t + offset(t) * MINUTE_MS === local)
  if (fitting.length) return Math.min(...fitting)
  // Skipped by a switch: find the first instant whose local time is past the start.
  let before = Math.min(...times)
  let after = Math.max(...times)
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2)
    if (mid + offset(mid) * MINUTE_MS >= local) after = mid
    else before = mid
  }
  return after
}

/** Epoch ms at which the study day containing `atMs` ends (exclusive). */
export function endOfStudyDay(atMs: number, options: DayOptions): number {
  return startOfStudyDay(studyDay(atMs, options) + 1, options)
}

/** Milliseconds left of a `limitMs` countdown started at `startedAt`; never negative. */
export function remainingMs(startedAt: number, limitMs: number, nowMs: number): number {
  return Math.max(0, startedAt + limitMs - nowMs)
}

/** "45s", "10m", "3h", "4d", "2.5mo", "1.2y": the compact form shown on rating buttons. */
export function formatInterval(ms: number): string {
  const abs = Math.max(0, ms)
  if (abs < MINUTE_MS) return `${Math.max(1, Math.round(abs / 1000))}s`
  if (abs < HOUR_MS) return `${Math.round(abs / MINUTE_MS)}m`
  if (abs < DAY_MS) return `${Math.round(abs / HOUR_MS)}h`
  const days = abs / DAY_MS
  if (days < 30) return `${Math.round(days)}d`
  if (days < 365) return `${trim(days / 30)}mo`
  return `${trim(days / 365)}y`
}

function trim(n: number): string {
  return n >= 10 ? String(Math.round(n)) : String(Math.round(n * 10) / 10)
}
