import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { StudyItem } from '@/core/items'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { newMemory, type CardState, type MemoryState } from '@/core/scheduler'
import {
  answerTimes,
  cardsByState,
  computeStats,
  dueForecast,
  quizTrend,
  reviewHeatmap,
  reviewStreak,
  studyDayDate,
  studyDayIso,
  studyDayLabel,
  retentionSummary,
  RETENTION_MIN_REVIEWS,
  trueRetention,
  type QuizAttempt,
} from '@/core/stats'
import { DAY_MS, MINUTE_MS, studyDay } from '@/core/time'
import { NOW } from '../fixtures/decks'

// NOW is Monday 2025-01-06 09:00 UTC; study days start at 4 am UTC.
const day = { dayStartHour: 4, utcOffsetMinutes: 0 }
const TODAY = studyDay(NOW, day)

/** Epoch ms of `hour`:`minute` UTC on the calendar day `daysAgo` days before 2025-01-06. */
const at = (daysAgo: number, hour: number, minute = 0) =>
  Date.UTC(2025, 0, 6 - daysAgo, hour, minute)

const memory = (state: CardState, due = NOW): MemoryState => ({ ...newMemory(NOW), state, due })

function review(overrides: Partial<ReviewRow> & { state?: CardState } = {}): ReviewRow {
  const { state = 'review', ...rest } = overrides
  return {
    itemId: 'd1/a',
    deckId: 'd1',
    at: NOW,
    recall: 'good',
    durationMs: 5000,
    before: memory(state),
    after: memory('review'),
    source: 'study',
    ...rest,
  }
}

// The fixed log every test below reads; the comment gives each entry's study day.
const LOG: ReviewRow[] = [
  review({ at: at(0, 8), durationMs: 4000 }), // today
  review({ at: at(0, 3), recall: 'again', durationMs: 6000 }), // yesterday: before 4 am
  review({ at: at(1, 22), deckId: 'd2', recall: 'hard', durationMs: 2000 }), // yesterday
  review({ at: at(2, 10), state: 'learning', recall: 'again', durationMs: 10_000 }), // 2 days ago
  review({ at: at(4, 12), deckId: 'd2', recall: 'easy', durationMs: 8000 }), // 4 days ago
  review({ at: at(5, 12), deckId: 'd2', recall: 'again', durationMs: 400_000 }), // 5 days ago, outlier
  review({ at: at(6, 12), state: 'relearning', durationMs: 3000 }), // 6 days ago
  review({ at: at(7, 12), state: 'new', durationMs: 5000 }), // 7 days ago
  review({ at: at(40, 12), durationMs: 1000 }), // 40 days ago: outside the 30-day window
  review({ at: at(400, 12), durationMs: 7000 }), // 400 days ago: outside the year
]

function progress(id: string, mem: MemoryState, retired = false): ProgressRow {
  return { id, deckId: 'd1', cardId: id, fact: id, memory: mem, retired, updatedAt: NOW, rev: 1 }
}

const item = (id: string): StudyItem => ({
  id,
  deckId: 'd1',
  cardId: id,
  variant: 'forward',
  fact: `d1/${id}`,
})

describe('reviewHeatmap', () => {
  it('counts reviews per study day over the last 365 days, today last', () => {
    const map = reviewHeatmap(LOG, NOW, day)
    expect(map.days).toHaveLength(365)
    expect(map.days[364]).toEqual({ day: TODAY, count: 1 })
    expect(map.days[363]).toEqual({ day: TODAY - 1, count: 2 })
    expect(map.days[0]!.day).toBe(TODAY - 364)
    expect(map.days.filter((d) => d.count > 0).map((d) => TODAY - d.day)).toEqual([
      40, 7, 6, 5, 4, 2, 1, 0,
    ])
    expect(map).toMatchObject({ max: 2, total: 9, activeDays: 8 })
  })

  it('puts a review at 3:59 am on the previous study day and one at 4:00 am on the new one', () => {
    const map = reviewHeatmap([review({ at: at(0, 3, 59) }), review({ at: at(0, 4, 0) })], NOW, day)
    expect(map.days.slice(-2).map((d) => d.count)).toEqual([1, 1])
  })

  it('honours the local offset when placing the day boundary', () => {
    // 02:30 UTC is 04:30 in UTC+2: already today there
    const plus2 = { dayStartHour: 4, utcOffsetMinutes: 120 }
    const map = reviewHeatmap([review({ at: at(0, 2, 30) })], NOW, plus2)
    expect(map.days.at(-1)).toEqual({ day: studyDay(NOW, plus2), count: 1 })
  })

  // Regression: the offset read at "now" placed every review, so in winter a 04:30 review from
  // the summer (03:30 by winter's clock) counted on the day before.
  it('places each review with the local offset in force when it was made', () => {
    // America/New_York 2025: UTC-4 from 9 March to 2 November, UTC-5 otherwise
    const newYork = (ms: number) =>
      ms >= Date.UTC(2025, 2, 9, 7) && ms < Date.UTC(2025, 10, 2, 6) ? -240 : -300
    const ny = { dayStartHour: 4, utcOffsetMinutes: newYork }
    const july = Date.UTC(2025, 6, 1, 8, 30) // 04:30 EDT
    const january = Date.UTC(2025, 0, 15, 9, 30) // 04:30 EST
    const december = Date.UTC(2025, 11, 1, 17) // noon EST
    const map = reviewHeatmap([review({ at: july }), review({ at: january })], december, ny)
    expect(map.days.filter((d) => d.count).map((d) => studyDayIso(d.day))).toEqual([
      '2025-01-15',
      '2025-07-01',
    ])
  })

  it('returns a year of zeros for an empty log', () => {
    const map = reviewHeatmap([], NOW, day)
    expect(map.days).toHaveLength(365)
    expect(map).toMatchObject({ max: 0, total: 0, activeDays: 0 })
  })

  it('ignores reviews after today', () => {
    expect(reviewHeatmap([review({ at: NOW + DAY_MS })], NOW, day).total).toBe(0)
  })

  it('sums to the number of reviews inside the span', () => {
    const rows = fc.array(fc.integer({ min: -2 * DAY_MS, max: 500 * DAY_MS }), { maxLength: 200 })
    fc.assert(
      fc.property(rows, fc.integer({ min: 1, max: 400 }), (agos, spanDays) => {
        const log = agos.map((ago) => review({ at: NOW - ago }))
        const map = reviewHeatmap(log, NOW, day, { spanDays })
        const inSpan = log.filter((r) => {
          const d = studyDay(r.at, day)
          return d <= TODAY && d > TODAY - spanDays
        }).length
        expect(map.days).toHaveLength(spanDays)
        expect(map.days.reduce((sum, d) => sum + d.count, 0)).toBe(inSpan)
        expect(map.total).toBe(inSpan)
      }),
    )
  })
})

describe('dueForecast', () => {
  const rows = [
    progress('overdue', memory('review', NOW - 3 * DAY_MS)),
    progress('learning', memory('learning', NOW + 10 * MINUTE_MS)),
    progress('before-4am', memory('review', at(-1, 3))), // Jan 7, 03:00: still today
    progress('tomorrow', memory('review', at(-1, 5))),
    progress('day-29', memory('review', NOW + 29 * DAY_MS)),
    progress('day-30', memory('review', NOW + 30 * DAY_MS)),
    progress('retired', memory('review', NOW), true),
    progress('new', memory('new', NOW)),
  ]

  it('counts items due per study day, overdue ones on today', () => {
    const forecast = dueForecast(rows, NOW, day)
    expect(forecast.days).toHaveLength(30)
    expect(forecast.days[0]).toEqual({ day: TODAY, count: 3 })
    expect(forecast.days[1]).toEqual({ day: TODAY + 1, count: 1 })
    expect(forecast.days[29]).toEqual({ day: TODAY + 29, count: 1 })
    expect(forecast).toMatchObject({ max: 3, total: 5, overdue: 1 })
  })

  it('returns zeros when nothing is studied', () => {
    const forecast = dueForecast([], NOW, day)
    expect(forecast.days.every((d) => d.count === 0)).toBe(true)
    expect(forecast).toMatchObject({ max: 0, total: 0, overdue: 0 })
  })
})

describe('trueRetention', () => {
  it('counts review-state reviews not rated again, per deck and overall, over 30 days', () => {
    const retention = trueRetention(LOG, NOW, day)
    expect(retention.decks).toEqual([
      { deckId: 'd1', passed: 1, total: 2, rate: 0.5 },
      { deckId: 'd2', passed: 2, total: 3, rate: 2 / 3 },
    ])
    expect(retention.overall).toEqual({ passed: 3, total: 5, rate: 0.6 })
    expect(retention).toMatchObject({ windowDays: 30, desired: 0.9 })
  })

  it('widens with the window and carries the desired retention through', () => {
    const retention = trueRetention(LOG, NOW, day, { windowDays: 365, desired: 0.85 })
    expect(retention.overall).toEqual({ passed: 4, total: 6, rate: 4 / 6 })
    expect(retention.desired).toBe(0.85)
  })

  // regression: a first session of 13 right answers read "Overall 0% recalled (0 of 1 reviews)"
  it('says what a first session did, and waits for enough reviews before a percentage', () => {
    const first = [
      ...Array.from({ length: 13 }, () => review({ state: 'learning', recall: 'good' })),
      review({ state: 'new', recall: 'again' }),
      review({ state: 'review', recall: 'again' }),
    ]
    const retention = trueRetention(first, NOW, day)
    expect(retention.learning).toEqual({ passed: 13, total: 14, rate: 13 / 14 })
    expect(retention.overall).toEqual({ passed: 0, total: 1, rate: 0 })
    const text = retentionSummary(retention)
    expect(text).toBe(
      'While learning: 13 of 14 answers right in the last 30 days. Retention shows after 10 reviews of learned cards (1 so far): fewer say little.',
    )
    expect(text).not.toContain('0%')
  })

  it('gives the percentage once there are enough reviews of learned cards', () => {
    const log = Array.from({ length: RETENTION_MIN_REVIEWS }, (_, i) =>
      review({ recall: i < 9 ? 'good' : 'again' }),
    )
    expect(retentionSummary(trueRetention(log, NOW, day))).toBe(
      'Recalled 90% of 10 reviews of learned cards in the last 30 days; desired retention 90%.',
    )
  })

  it('has no rate without reviews', () => {
    expect(trueRetention([], NOW, day)).toMatchObject({
      decks: [],
      overall: { passed: 0, total: 0, rate: null },
    })
  })

  it('keeps overall equal to the sum of the decks', () => {
    const row = fc.record({
      ago: fc.integer({ min: 0, max: 60 * DAY_MS }),
      deckId: fc.constantFrom('a', 'b', 'c'),
      recall: fc.constantFrom('again', 'hard', 'good', 'easy'),
      state: fc.constantFrom('new', 'learning', 'review', 'relearning'),
    })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 100 }), (specs) => {
        const log = specs.map((s) =>
          review({ at: NOW - s.ago, deckId: s.deckId, recall: s.recall, state: s.state }),
        )
        const { decks, overall } = trueRetention(log, NOW, day)
        expect(decks.reduce((n, d) => n + d.total, 0)).toBe(overall.total)
        expect(decks.reduce((n, d) => n + d.passed, 0)).toBe(overall.passed)
        expect(decks.every((d) => d.passed <= d.total && d.total > 0)).toBe(true)
      }),
    )
  })
})

describe('cardsByState', () => {
  it('counts items by memory state, unstudied ones as new', () => {
    const rows = new Map(
      [
        progress('b', memory('learning')),
        progress('c', memory('review')),
        progress('d', memory('relearning')),
        progress('e', memory('new')),
        progress('gone', memory('review')),
      ].map((r) => [r.id, r]),
    )
    const items = ['a', 'b', 'c', 'd', 'e'].map(item)
    expect(cardsByState(items, rows)).toEqual({ new: 2, learning: 1, review: 1, relearning: 1 })
    expect(cardsByState([], rows)).toEqual({ new: 0, learning: 0, review: 0, relearning: 0 })
  })
})

describe('reviewStreak', () => {
  it('counts the run ending today and the longest run', () => {
    expect(reviewStreak(LOG, NOW, day)).toEqual({ current: 3, longest: 4, studiedToday: true })
  })

  it('still counts a streak through yesterday before the first review of today', () => {
    const log = [review({ at: at(1, 12) }), review({ at: at(2, 12) })]
    expect(reviewStreak(log, NOW, day)).toEqual({ current: 2, longest: 2, studiedToday: false })
  })

  it('treats 3 am as the day before: a review at 3 am today extends yesterday', () => {
    // At 03:30 today the study day is still yesterday's, so reviews at 22:00 and 03:00 are "today".
    const log = [review({ at: at(1, 22) }), review({ at: at(0, 3) })]
    expect(reviewStreak(log, at(0, 3, 30), day)).toEqual({
      current: 1,
      longest: 1,
      studiedToday: true,
    })
  })

  it('breaks when neither today nor yesterday has a review', () => {
    const log = [review({ at: at(2, 12) }), review({ at: at(3, 12) })]
    expect(reviewStreak(log, NOW, day)).toEqual({ current: 0, longest: 2, studiedToday: false })
    expect(reviewStreak([], NOW, day)).toEqual({ current: 0, longest: 0, studiedToday: false })
  })

  it('never has a current streak longer than the longest', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), (daysAgo) => {
        const streak = reviewStreak(
          daysAgo.map((d) => review({ at: NOW - d * DAY_MS })),
          NOW,
          day,
        )
        expect(streak.current).toBeLessThanOrEqual(streak.longest)
        expect(streak.longest).toBeLessThanOrEqual(new Set(daysAgo).size)
      }),
    )
  })
})

describe('answerTimes', () => {
  it('gives mean and median overall and for the last 30 days, without answers over 5 minutes', () => {
    expect(answerTimes(LOG, NOW, day)).toEqual({
      overall: { count: 9, meanMs: 5111, medianMs: 5000 },
      recent: { count: 7, meanMs: 5429, medianMs: 5000 },
      outliers: 1,
    })
  })

  it('takes the middle pair for an even count and keeps exactly 5 minutes', () => {
    const log = [1000, 2000, 9000, 5 * MINUTE_MS].map((durationMs) => review({ durationMs }))
    expect(answerTimes(log, NOW, day).overall).toEqual({ count: 4, meanMs: 78_000, medianMs: 5500 })
  })

  it('has no times for an empty log', () => {
    const empty = { count: 0, meanMs: null, medianMs: null }
    expect(answerTimes([], NOW, day)).toEqual({ overall: empty, recent: empty, outliers: 0 })
  })
})

describe('quizTrend', () => {
  const attempts: QuizAttempt[] = [
    { finishedAt: 3, score: 0.9, configKey: 'x' },
    { finishedAt: 1, score: 0.5, configKey: 'x' },
    { finishedAt: 2, score: 0.7, configKey: 'y' },
    { finishedAt: 4, score: 1.2, configKey: 'x' },
  ]

  it('orders attempts by time with a trailing moving average, clamping scores to 0–100 %', () => {
    expect(quizTrend(attempts, { windowSize: 3 })).toEqual([
      { finishedAt: 1, scorePct: 50, averagePct: 50 },
      { finishedAt: 2, scorePct: 70, averagePct: 60 },
      { finishedAt: 3, scorePct: 90, averagePct: 70 },
      { finishedAt: 4, scorePct: 100, averagePct: 86.7 },
    ])
  })

  it('filters by quiz configuration', () => {
    expect(quizTrend(attempts, { configKey: 'y' })).toEqual([
      { finishedAt: 2, scorePct: 70, averagePct: 70 },
    ])
    expect(quizTrend([])).toEqual([])
  })

  it('keeps every moving average between the lowest and highest score', () => {
    const attempt = fc.record({
      finishedAt: fc.nat(),
      score: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    fc.assert(
      fc.property(
        fc.array(attempt, { maxLength: 50 }),
        fc.integer({ min: 1, max: 10 }),
        (list, windowSize) => {
          const trend = quizTrend(list, { windowSize })
          const scores = trend.map((p) => p.scorePct)
          for (const p of trend) {
            expect(p.averagePct).toBeGreaterThanOrEqual(Math.min(...scores) - 0.1)
            expect(p.averagePct).toBeLessThanOrEqual(Math.max(...scores) + 0.1)
          }
        },
      ),
    )
  })
})

describe('computeStats', () => {
  it('agrees with the single statistics', () => {
    const rows = new Map([progress('a', memory('review', NOW))].map((r) => [r.id, r]))
    const items = [item('a'), item('b')]
    const stats = computeStats({
      log: LOG,
      rows,
      items,
      quizzes: [{ finishedAt: 1, score: 0.5 }],
      nowMs: NOW,
      day,
      desiredRetention: 0.85,
    })
    expect(stats.heatmap).toEqual(reviewHeatmap(LOG, NOW, day))
    expect(stats.streak).toEqual(reviewStreak(LOG, NOW, day))
    expect(stats.retention).toEqual(trueRetention(LOG, NOW, day, { desired: 0.85 }))
    expect(stats.answerTimes).toEqual(answerTimes(LOG, NOW, day))
    expect(stats.forecast).toEqual(dueForecast(rows.values(), NOW, day))
    expect(stats.states).toEqual({ new: 1, learning: 0, review: 1, relearning: 0 })
    expect(stats.quiz).toEqual([{ finishedAt: 1, scorePct: 50, averagePct: 50 }])
  })

  it('reads 100,000 reviews quickly', () => {
    const recalls = ['again', 'hard', 'good', 'easy'] as const
    const log = Array.from({ length: 100_000 }, (_, i) =>
      review({
        at: NOW - (i % 500) * DAY_MS + i,
        deckId: `d${i % 7}`,
        recall: recalls[i % 4],
        durationMs: (i * 37) % 400_000,
      }),
    )
    const started = performance.now()
    const stats = computeStats({ log, rows: new Map(), items: [], nowMs: NOW, day })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(stats.heatmap.total).toBe(log.filter((r) => studyDay(r.at, day) > TODAY - 365).length)
  })
})

describe('study day labels', () => {
  it('names the calendar date a study day starts on', () => {
    const lateNight = studyDay(at(-1, 3), day) // 03:00 on Jan 7 is still Jan 6's study day
    expect(studyDayIso(lateNight)).toBe('2025-01-06')
    expect(studyDayDate(lateNight)).toEqual({ year: 2025, month: 1, date: 6, weekday: 1 })
    expect(studyDayLabel(lateNight, 'en-US')).toBe('Mon, Jan 6, 2025')
  })
})
