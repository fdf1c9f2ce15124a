import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { studyDayIso } from '@/core/stats'
import {
  endOfStudyDay,
  formatInterval,
  remainingMs,
  startOfStudyDay,
  studyDay,
  HOUR_MS,
  DAY_MS,
  type DayOptions,
} from '@/core/time'

const utc = { dayStartHour: 4, utcOffsetMinutes: 0 }

describe('studyDay', () => {
  it('starts the day at 4 am, so 2 am belongs to the evening before', () => {
    const evening = Date.UTC(2025, 0, 6, 23, 0)
    const night = Date.UTC(2025, 0, 7, 2, 0)
    const morning = Date.UTC(2025, 0, 7, 5, 0)
    expect(studyDay(night, utc)).toBe(studyDay(evening, utc))
    expect(studyDay(morning, utc)).toBe(studyDay(evening, utc) + 1)
  })

  it('honours the local offset', () => {
    // 03:30 UTC is 05:30 in UTC+2: already the next study day there
    const at = Date.UTC(2025, 0, 7, 3, 30)
    expect(studyDay(at, { dayStartHour: 4, utcOffsetMinutes: 120 })).toBe(studyDay(at, utc) + 1)
  })

  it('brackets a moment between the start and end of its day', () => {
    const at = Date.UTC(2025, 5, 1, 12, 34)
    const opts = { dayStartHour: 6, utcOffsetMinutes: -300 }
    const start = startOfStudyDay(studyDay(at, opts), opts)
    expect(start).toBeLessThanOrEqual(at)
    expect(endOfStudyDay(at, opts)).toBe(start + DAY_MS)
    expect(new Date(start + opts.utcOffsetMinutes * 60_000).getUTCHours()).toBe(6)
  })
})

// America/New_York in 2025: EST (UTC-5) until 2025-03-09 02:00 local, EDT (UTC-4) until
// 2025-11-02 02:00 local, EST again after. Injected, so the tests do not depend on the machine's zone.
const SPRING = Date.UTC(2025, 2, 9, 7) // 02:00 EST
const FALL = Date.UTC(2025, 10, 2, 6) // 02:00 EDT
const newYork = (ms: number) => (ms >= SPRING && ms < FALL ? -240 : -300)
const ny = (dayStartHour = 4): DayOptions => ({ dayStartHour, utcOffsetMinutes: newYork })
/** Epoch ms of a New York wall-clock time (never inside a switch). */
const nyTime = (y: number, mo: number, d: number, h: number, mi = 0) => {
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  return wall - newYork(wall + 5 * HOUR_MS) * 60_000
}

// Regression: one offset, read at "now", was used for every timestamp, so day boundaries were an
// hour off across a DST switch and reviews from the other half of the year fell on the wrong day.
describe('study days across daylight saving time', () => {
  it('starts each day at 04:00 local on both sides of a switch', () => {
    const starts = [7, 8, 9, 10].map((d) =>
      startOfStudyDay(studyDay(nyTime(2025, 3, d, 12), ny()), ny()),
    )
    expect(starts).toEqual([
      Date.UTC(2025, 2, 7, 9), // 04:00 EST
      Date.UTC(2025, 2, 8, 9), // 04:00 EST
      Date.UTC(2025, 2, 9, 8), // 04:00 EDT: a 23-hour study day before it
      Date.UTC(2025, 2, 10, 8),
    ])
    const fall = [1, 2, 3].map((d) =>
      startOfStudyDay(studyDay(nyTime(2025, 11, d, 12), ny()), ny()),
    )
    expect(fall).toEqual([
      Date.UTC(2025, 10, 1, 8),
      Date.UTC(2025, 10, 2, 9),
      Date.UTC(2025, 10, 3, 9),
    ])
  })

  it('ends the evening before the spring switch at 04:00 EDT, not an hour later', () => {
    expect(endOfStudyDay(nyTime(2025, 3, 8, 23), ny())).toBe(Date.UTC(2025, 2, 9, 8))
    expect(endOfStudyDay(nyTime(2025, 11, 1, 23), ny())).toBe(Date.UTC(2025, 10, 2, 9))
  })

  it('puts a 04:30 review in July and one in January each on its own local day', () => {
    const july = nyTime(2025, 7, 1, 4, 30)
    const january = nyTime(2025, 1, 15, 4, 30)
    expect(studyDayIso(studyDay(july, ny()))).toBe('2025-07-01')
    expect(studyDayIso(studyDay(january, ny()))).toBe('2025-01-15')
    // with January's offset for both, July's 04:30 EDT reads as 03:30: the day before
    expect(studyDayIso(studyDay(july, { dayStartHour: 4, utcOffsetMinutes: -300 }))).toBe(
      '2025-06-30',
    )
  })

  it('starts a day whose start hour is skipped at the switch, and a repeated one the first time', () => {
    // 02:00 never happens on 2025-03-09: the day starts when the clocks jump to 03:00
    expect(startOfStudyDay(studyDay(nyTime(2025, 3, 9, 12), ny(2)), ny(2))).toBe(SPRING)
    // 01:00 happens twice on 2025-11-02: the day starts at the first (EDT)
    expect(startOfStudyDay(studyDay(nyTime(2025, 11, 2, 12), ny(1)), ny(1))).toBe(
      Date.UTC(2025, 10, 2, 5),
    )
  })

  it('brackets every moment of the year between the start and end of its day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 0, 1) }),
        fc.integer({ min: 0, max: 23 }),
        (at, hour) => {
          const options = ny(hour)
          const day = studyDay(at, options)
          const start = startOfStudyDay(day, options)
          const end = endOfStudyDay(at, options)
          return (
            start <= at &&
            at < end &&
            studyDay(start, options) === day &&
            studyDay(start - 1, options) === day - 1 &&
            studyDay(end, options) === day + 1 &&
            studyDay(end - 1, options) === day
          )
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('remainingMs', () => {
  it('counts down from the start and stops at zero', () => {
    expect(remainingMs(1000, 5000, 3000)).toBe(3000)
    expect(remainingMs(1000, 5000, 9000)).toBe(0)
  })
})

describe('formatInterval', () => {
  it('uses the largest fitting unit', () => {
    expect(formatInterval(60_000)).toBe('1m')
    expect(formatInterval(10 * 60_000)).toBe('10m')
    expect(formatInterval(3 * HOUR_MS)).toBe('3h')
    expect(formatInterval(4 * DAY_MS)).toBe('4d')
    expect(formatInterval(75 * DAY_MS)).toBe('2.5mo')
    expect(formatInterval(800 * DAY_MS)).toBe('2.2y')
  })
})
