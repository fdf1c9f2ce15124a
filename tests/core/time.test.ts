import { describe, expect, it } from 'vitest'
import {
  endOfStudyDay,
  formatInterval,
  remainingMs,
  startOfStudyDay,
  studyDay,
  HOUR_MS,
  DAY_MS,
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
