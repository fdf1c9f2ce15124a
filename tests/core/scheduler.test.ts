import { describe, expect, it } from 'vitest'
import {
  createScheduler,
  DEFAULT_SCHEDULER,
  DEFAULT_WEIGHTS,
  memoryModel,
  newMemory,
  retrievability,
  usableWeights,
} from '@/core/scheduler'
import { DAY_MS, MINUTE_MS } from '@/core/time'
import { NOW } from '../fixtures/decks'

const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false })

describe('scheduler.review', () => {
  it('schedules a forgotten card sooner than a recalled one', () => {
    const card = newMemory(NOW)
    const again = scheduler.review(card, 'again', NOW, 'x').after
    const good = scheduler.review(card, 'good', NOW, 'x').after
    expect(again.due).toBeLessThan(good.due)
  })

  it('walks a new card through the learning steps in minutes', () => {
    const first = scheduler.review(newMemory(NOW), 'good', NOW, 'x').after
    expect(first.state).toBe('learning')
    expect(first.due - NOW).toBe(10 * MINUTE_MS)
    const second = scheduler.review(first, 'good', first.due, 'x').after
    expect(second.state).toBe('review')
    expect(second.due - first.due).toBeGreaterThanOrEqual(DAY_MS)
  })

  it('stores plain epoch milliseconds', () => {
    const { after } = scheduler.review(newMemory(NOW), 'easy', NOW, 'x')
    expect(typeof after.due).toBe('number')
    expect(after.lastReview).toBe(NOW)
    expect(JSON.parse(JSON.stringify(after))).toEqual(after)
  })

  it('fuzzes deterministically per item', () => {
    const fuzzy = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: true })
    let card = newMemory(NOW)
    let at = NOW
    for (let i = 0; i < 4; i++) {
      card = fuzzy.review(card, 'good', at, 'deck/a').after
      at = card.due
    }
    const a = fuzzy.review(card, 'good', at, 'deck/a').after.due
    const again = fuzzy.review(card, 'good', at, 'deck/a').after.due
    expect(a).toBe(again)
    const others = new Set(
      ['b', 'c', 'd', 'e', 'f', 'g'].map(
        (id) => fuzzy.review(card, 'good', at, `deck/${id}`).after.due,
      ),
    )
    expect(others.size).toBeGreaterThan(1)
  })

  it('honours desired retention: higher retention, shorter intervals', () => {
    const strict = createScheduler({ ...DEFAULT_SCHEDULER, retention: 0.97, fuzz: false })
    const lax = createScheduler({ ...DEFAULT_SCHEDULER, retention: 0.8, fuzz: false })
    let s = newMemory(NOW)
    let l = newMemory(NOW)
    for (let i = 0; i < 3; i++) {
      s = strict.review(s, 'good', s.due, 'x').after
      l = lax.review(l, 'good', l.due, 'x').after
    }
    expect(s.scheduledDays).toBeLessThan(l.scheduledDays)
  })

  it('caps intervals at the maximum interval', () => {
    const capped = createScheduler({ ...DEFAULT_SCHEDULER, maximumIntervalDays: 5, fuzz: false })
    let card = newMemory(NOW)
    for (let i = 0; i < 8; i++) card = capped.review(card, 'easy', card.due, 'x').after
    expect(card.scheduledDays).toBeLessThanOrEqual(5)
  })
})

describe('scheduler.preview', () => {
  it('gives each rating the due date that reviewing with it gives', () => {
    const card = scheduler.review(newMemory(NOW), 'good', NOW, 'x').after
    const at = card.due
    const preview = scheduler.preview(card, at, 'x')
    for (const recall of ['again', 'hard', 'good', 'easy'] as const)
      expect(preview[recall]).toBe(scheduler.review(card, recall, at, 'x').after.due)
    expect(preview.again).toBeLessThan(preview.easy)
  })
})

describe('retrievability', () => {
  it('is 0 for new cards and falls as time passes', () => {
    expect(retrievability(newMemory(NOW), NOW)).toBe(0)
    let card = newMemory(NOW)
    for (let i = 0; i < 3; i++) card = scheduler.review(card, 'good', card.due, 'x').after
    const soon = retrievability(card, card.lastReview! + DAY_MS)
    const late = retrievability(card, card.lastReview! + 30 * DAY_MS)
    expect(soon).toBeGreaterThan(late)
    expect(retrievability(card, card.due)).toBeCloseTo(0.9, 1)
  })
})

describe('personal parameters', () => {
  it('schedules with the learner’s own parameters when given, and falls back on unusable ones', () => {
    const slowStart = DEFAULT_WEIGHTS.map((w, i) => (i === 2 ? 0.5 : w))
    const personal = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false, weights: slowStart })
    const graduate = (s: typeof scheduler) => {
      const first = s.review(newMemory(NOW), 'good', NOW, 'x').after
      return s.review(first, 'good', first.due, 'x').after
    }
    expect(graduate(personal).due).toBeLessThan(graduate(scheduler).due)
    expect(usableWeights([1, 2, 3])).toBe(DEFAULT_WEIGHTS)
    expect(usableWeights(undefined)).toBe(DEFAULT_WEIGHTS)
    // out-of-range values are clipped to what FSRS allows, as fsrs-rs clips its own fits
    expect(usableWeights(DEFAULT_WEIGHTS.map((w, i) => (i === 0 ? 1e6 : w)))[0]).toBe(100)
  })

  it('predicts recall with the learner’s decay', () => {
    const model = memoryModel(DEFAULT_WEIGHTS)
    expect(model.recall(10, 10)).toBeCloseTo(0.9, 6)
    expect(model.interval(10, 0.9)).toBeCloseTo(10, 6)
    const steep = memoryModel(DEFAULT_WEIGHTS.map((w, i) => (i === 20 ? 0.6 : w)))
    expect(steep.recall(10, 30)).toBeLessThan(model.recall(10, 30))
    expect(model.next(null, 0, 3).stability).toBeCloseTo(DEFAULT_WEIGHTS[2]!, 6)
  })
})
