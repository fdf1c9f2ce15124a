// Study days and countdowns. All times are epoch milliseconds supplied by the caller.

export const MINUTE_MS = 60_000
export const HOUR_MS = 3_600_000
export const DAY_MS = 86_400_000

/**
 * Where a study day starts. ts-fsrs has no notion of a day, so we define one: like Anki, a day runs
 * from `dayStartHour` local time (4 am by default) to the same hour the next morning, so a late
 * night session still counts for the evening it started in.
 */
export interface DayOptions {
  /** Local hour (0–23) at which a new study day begins. */
  dayStartHour: number
  /** Local time minus UTC, in minutes, at the moment in question (the shell reads it from the clock). */
  utcOffsetMinutes: number
}

export const DEFAULT_DAY: DayOptions = { dayStartHour: 4, utcOffsetMinutes: 0 }

/** The study day `atMs` falls in, as a whole number of days since 1970-01-01 (local, shifted). */
export function studyDay(atMs: number, { dayStartHour, utcOffsetMinutes }: DayOptions): number {
  return Math.floor((atMs + utcOffsetMinutes * MINUTE_MS - dayStartHour * HOUR_MS) / DAY_MS)
}

/** Epoch ms at which study day `day` begins. */
export function startOfStudyDay(
  day: number,
  { dayStartHour, utcOffsetMinutes }: DayOptions,
): number {
  return day * DAY_MS + dayStartHour * HOUR_MS - utcOffsetMinutes * MINUTE_MS
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
