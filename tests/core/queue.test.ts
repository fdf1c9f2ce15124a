import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterAnswer,
  buildQueue,
  interleave,
  nextStep,
  withItemFirst,
  withoutItem,
  type QueueEntry,
} from '@/core/queue'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { DAY_MS, endOfStudyDay, MINUTE_MS } from '@/core/time'
import { NOW } from '../fixtures/decks'

const day = { dayStartHour: 4, utcOffsetMinutes: 0 }
const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false })
const base = { nowMs: NOW, day, newPerDay: 20, newToday: 0 }

function reviewed(daysAgo: number, stabilityDays: number, dueInDays: number): MemoryState {
  return {
    ...newMemory(NOW),
    state: 'review',
    stability: stabilityDays,
    difficulty: 5,
    reps: 3,
    scheduledDays: stabilityDays,
    lastReview: NOW - daysAgo * DAY_MS,
    due: NOW + dueInDays * DAY_MS,
  }
}

describe('buildQueue', () => {
  it('puts due learning first, then reviews by lowest retrievability', () => {
    const entries: QueueEntry[] = [
      { id: 'fresh', fact: 'f1' },
      { id: 'weak', fact: 'f2', memory: reviewed(30, 2, -1) },
      { id: 'strong', fact: 'f3', memory: reviewed(3, 40, -1) },
      {
        id: 'learning',
        fact: 'f4',
        memory: { ...newMemory(NOW), state: 'learning', due: NOW - MINUTE_MS },
      },
      { id: 'future', fact: 'f5', memory: reviewed(1, 10, 5) },
    ]
    const q = buildQueue(entries, base)
    expect(q.now[0]).toBe('learning')
    expect(q.now.indexOf('weak')).toBeLessThan(q.now.indexOf('strong'))
    expect(q.now).toContain('fresh')
    expect(q.now).not.toContain('future')
    expect(q.counts).toEqual({ learning: 1, review: 2, new: 1, dueReviews: 2 })
  })

  it('keeps learning steps due later today aside', () => {
    const entries: QueueEntry[] = [
      {
        id: 'l',
        fact: 'f',
        memory: { ...newMemory(NOW), state: 'relearning', due: NOW + 10 * MINUTE_MS },
      },
    ]
    const q = buildQueue(entries, base)
    expect(q.now).toEqual([])
    expect(q.later).toEqual([{ id: 'l', due: NOW + 10 * MINUTE_MS }])
  })

  it('respects the daily new limit, counting what was introduced today', () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ id: `n${i}`, fact: `f${i}` }))
    expect(buildQueue(entries, { ...base, newPerDay: 10, newToday: 4 }).now).toHaveLength(6)
    expect(buildQueue(entries, { ...base, newPerDay: 10, newToday: 12 }).now).toHaveLength(0)
  })

  it('shows one sibling of a fact per day', () => {
    const entries: QueueEntry[] = [
      { id: 'a-typed', fact: 'radar' },
      { id: 'a-choice', fact: 'radar' },
      { id: 'b', fact: 'ships', memory: reviewed(10, 5, -1) },
      { id: 'b-map', fact: 'ships' },
    ]
    const q = buildQueue(entries, { ...base, factsToday: new Set(['other']) })
    expect(q.now.filter((id) => id.startsWith('a-'))).toHaveLength(1)
    expect(q.now).toContain('b')
    expect(q.now).not.toContain('b-map')
    const later = buildQueue(entries, { ...base, factsToday: new Set(['radar']) })
    expect(later.now.some((id) => id.startsWith('a-'))).toBe(false)
  })

  it('never queues retired items', () => {
    expect(buildQueue([{ id: 'x', fact: 'x', retired: true }], base).now).toEqual([])
  })

  it('holds its invariants for any collection', () => {
    const memory = fc.oneof(
      fc.constant(undefined),
      fc.record({
        state: fc.constantFrom('learning', 'review', 'relearning'),
        dueOffset: fc.integer({ min: -10 * DAY_MS, max: 10 * DAY_MS }),
        stability: fc.double({ min: 0.1, max: 100, noNaN: true }),
        age: fc.integer({ min: 0, max: 100 }),
      }),
    )
    const entry = fc.record({
      fact: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
      memory,
      retired: fc.boolean(),
    })
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 40 }),
        fc.integer({ min: 0, max: 10 }),
        (rows, newPerDay) => {
          const entries: QueueEntry[] = rows.map((r, i) => ({
            id: `i${i}`,
            fact: r.fact,
            retired: r.retired,
            ...(r.memory
              ? {
                  memory: {
                    ...newMemory(NOW),
                    state: r.memory.state as MemoryState['state'],
                    due: NOW + r.memory.dueOffset,
                    stability: r.memory.stability,
                    lastReview: NOW - r.memory.age * DAY_MS,
                  },
                }
              : {}),
          }))
          const q = buildQueue(entries, { ...base, newPerDay })
          const byId = new Map(entries.map((e) => [e.id, e]))
          const ids = [...q.now, ...q.later.map((l) => l.id)]
          // no duplicates, nothing retired, one item per fact, new items within the limit
          expect(new Set(ids).size).toBe(ids.length)
          expect(ids.every((id) => !byId.get(id)!.retired)).toBe(true)
          // learning items finish their steps; any other item is alone with its fact
          const learningFacts = new Set(
            ids
              .filter((id) =>
                ['learning', 'relearning'].includes(byId.get(id)!.memory?.state ?? ''),
              )
              .map((id) => byId.get(id)!.fact),
          )
          const others = ids
            .filter((id) => !['learning', 'relearning'].includes(byId.get(id)!.memory?.state ?? ''))
            .map((id) => byId.get(id)!.fact)
          expect(new Set(others).size).toBe(others.length)
          expect(others.some((f) => learningFacts.has(f))).toBe(false)
          expect(q.now.filter((id) => !byId.get(id)!.memory).length).toBeLessThanOrEqual(newPerDay)
          // everything in `now` is due by the end of the study day
          const overdue = q.now.filter((id) => (byId.get(id)!.memory?.due ?? 0) >= NOW + DAY_MS)
          expect(overdue).toEqual([])
        },
      ),
    )
  })
})

describe('buildQueue limits', () => {
  // Regression: new items were cut to a shortlist of newPerDay * 4 + 16 before siblings and facts
  // studied today were skipped, so a deck of many siblings queued too few new items, or none.
  it('fills the new limit however many siblings come first', () => {
    const entries = Array.from({ length: 600 }, (_, i) => ({ id: `n${i}`, fact: `f${i >> 3}` }))
    expect(buildQueue(entries, base).counts.new).toBe(20)
  })

  it('fills the new limit when the first new items belong to facts studied today', () => {
    const entries = Array.from({ length: 250 }, (_, i) => ({ id: `n${i}`, fact: `f${i}` }))
    const factsToday = new Set(Array.from({ length: 200 }, (_, i) => `f${i}`))
    const q = buildQueue(entries, { ...base, factsToday })
    expect(q.now).toEqual(Array.from({ length: 20 }, (_, i) => `n${200 + i}`))
  })

  // Regression: reviews were cut to the reviewsPerDay * 2 + 64 lowest keys before blocked facts
  // were skipped, so a day whose weakest reviews were blocked queued none.
  it('fills the review limit when the weakest reviews are blocked', () => {
    const entries: QueueEntry[] = Array.from({ length: 300 }, (_, i) => ({
      id: `r${i}`,
      fact: `f${i}`,
      memory: reviewed(300 - i, 1, -1),
    }))
    const factsToday = new Set(Array.from({ length: 100 }, (_, i) => `f${i}`))
    const q = buildQueue(entries, { ...base, newPerDay: 0, reviewsPerDay: 10, factsToday })
    expect(q.now).toEqual(Array.from({ length: 10 }, (_, i) => `r${100 + i}`))
    expect(q.counts.dueReviews).toBe(300)
  })

  it('fills the review limit when the weakest reviews are siblings or learning facts', () => {
    const entries: QueueEntry[] = [
      ...Array.from({ length: 200 }, (_, i) => ({
        id: `s${i}`,
        fact: 'one',
        memory: reviewed(400 - i, 1, -1),
      })),
      { id: 'l', fact: 'two', memory: { ...newMemory(NOW), state: 'learning', due: NOW } },
      ...Array.from({ length: 100 }, (_, i) => ({
        id: `t${i}`,
        fact: 'two',
        memory: reviewed(190 - i, 1, -1),
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        id: `u${i}`,
        fact: `u${i}`,
        memory: reviewed(5, 1, -1),
      })),
    ]
    const q = buildQueue(entries, { ...base, newPerDay: 0, reviewsPerDay: 4 })
    expect(q.now).toEqual(['l', 's0', 'u0', 'u1', 'u2'])
  })

  it('queues min(limit, eligible facts) new items and reviews, weakest reviews first', () => {
    const states = ['new', 'learning', 'relearning', 'review', 'review', 'review'] as const
    const row = fc.record({
      fact: fc.integer({ min: 0, max: 20 }),
      state: fc.option(fc.constantFrom(...states), { nil: undefined }),
      dueOffset: fc.integer({ min: -5 * DAY_MS, max: 3 * DAY_MS }),
      stability: fc.integer({ min: 1, max: 50 }),
      age: fc.integer({ min: 0, max: 60 }),
      retired: fc.boolean(),
      // runs of siblings, long enough to exhaust any fixed shortlist
      copies: fc.integer({ min: 1, max: 80 }),
    })
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.integer({ min: 0, max: 12 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 8 }),
        (rows, newPerDay, reviewsPerDay, today) => {
          const runs = rows.flatMap((r) => Array.from({ length: r.copies }, () => r))
          const entries: QueueEntry[] = runs.map((r, i) => ({
            id: `i${i}`,
            fact: `f${r.fact}`,
            retired: r.retired,
            ...(r.state
              ? {
                  memory: {
                    ...newMemory(NOW),
                    state: r.state,
                    due: NOW + r.dueOffset,
                    stability: r.stability,
                    lastReview: NOW - r.age * DAY_MS,
                  },
                }
              : {}),
          }))
          const factsToday = new Set(today.map((f) => `f${f}`))
          const q = buildQueue(entries, { ...base, newPerDay, reviewsPerDay, factsToday })
          const dayEnd = endOfStudyDay(NOW, day)
          const live = entries.filter((e) => !e.retired)
          const isNew = (e: QueueEntry) => !e.memory || e.memory.state === 'new'
          const dueReview = (e: QueueEntry) => e.memory?.state === 'review' && e.memory.due < dayEnd
          const learningFacts = new Set(
            live
              .filter((e) => !isNew(e) && !dueReview(e) && e.memory!.state !== 'review')
              .filter((e) => e.memory!.due < dayEnd)
              .map((e) => e.fact),
          )
          const byId = new Map(entries.map((e) => [e.id, e]))
          const chosen = q.now.map((id) => byId.get(id)!)
          const chosenReviews = chosen.filter(dueReview)
          const chosenNew = chosen.filter(isNew)

          const openReviews = live.filter(
            (e) => dueReview(e) && !factsToday.has(e.fact) && !learningFacts.has(e.fact),
          )
          const reviewFacts = new Set(openReviews.map((e) => e.fact))
          expect(chosenReviews).toHaveLength(Math.min(reviewsPerDay ?? Infinity, reviewFacts.size))
          // weakest first: no review left out is weaker than the strongest one taken
          const weakness = (e: QueueEntry) =>
            (NOW - e.memory!.lastReview!) / Math.max(e.memory!.stability, 1e-6)
          const taken = new Set(chosenReviews.map((e) => e.fact))
          const cutoff = Math.min(...chosenReviews.map(weakness))
          const weakerLeftOut = openReviews.filter(
            (e) => !taken.has(e.fact) && weakness(e) > cutoff,
          )
          expect(weakerLeftOut).toEqual([])

          const newFacts = new Set(
            live
              .filter((e) => isNew(e))
              .map((e) => e.fact)
              .filter((f) => !factsToday.has(f) && !learningFacts.has(f) && !taken.has(f)),
          )
          expect(chosenNew).toHaveLength(Math.min(newPerDay, newFacts.size))
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('interleave', () => {
  it('spreads new items evenly among reviews', () => {
    expect(interleave(['r', 'r', 'r', 'r'], ['N'])).toEqual(['r', 'r', 'N', 'r', 'r'])
    expect(interleave([], ['a', 'b'])).toEqual(['a', 'b'])
    expect(interleave(['a', 'b'], [])).toEqual(['a', 'b'])
  })

  it('keeps every item and both orders', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.nat(20), (r, n) => {
        const reviews = Array.from({ length: r }, (_, i) => `r${i}`)
        const news = Array.from({ length: n }, (_, i) => `n${i}`)
        const out = interleave(reviews, news)
        return (
          out.length === r + n &&
          out.filter((x) => x.startsWith('r')).join() === reviews.join() &&
          out.filter((x) => x.startsWith('n')).join() === news.join()
        )
      }),
    )
  })
})

describe('session steps', () => {
  it('brings a forgotten card back after its relearning step', () => {
    let queue = { now: ['a', 'b'], later: [] as { id: string; due: number }[] }
    const { after } = scheduler.review(newMemory(NOW), 'again', NOW, 'a')
    queue = afterAnswer(queue, 'a', after, NOW, day)
    expect(nextStep(queue, NOW)).toEqual({ kind: 'item', id: 'b' })
    queue = afterAnswer(
      queue,
      'b',
      scheduler.review(newMemory(NOW), 'easy', NOW, 'b').after,
      NOW,
      day,
    )
    // nothing else left: the step is shown early, within the learn-ahead window
    expect(nextStep(queue, NOW)).toEqual({ kind: 'item', id: 'a' })
    expect(nextStep(queue, NOW, 0)).toEqual({ kind: 'wait', until: after.due })
  })

  it('lets a learning step whose time has come go first', () => {
    const queue = { now: ['b'], later: [{ id: 'a', due: NOW - 1 }] }
    expect(nextStep(queue, NOW)).toEqual({ kind: 'item', id: 'a' })
  })

  it('ends when nothing is left', () => {
    expect(nextStep({ now: [], later: [] }, NOW)).toEqual({ kind: 'done' })
  })
})

describe('withoutItem and withItemFirst', () => {
  const queue = { now: ['a', 'b', 'c'], later: [{ id: 'd', due: NOW + 60_000 }] }

  it('takes an item out wherever it waits', () => {
    expect(withoutItem(queue, 'b')).toEqual({ now: ['a', 'c'], later: queue.later })
    expect(withoutItem(queue, 'd')).toEqual({ now: queue.now, later: [] })
    expect(withoutItem(queue, 'x')).toEqual(queue)
  })

  it('puts an item first, once', () => {
    expect(withItemFirst(queue, 'c')).toEqual({ now: ['c', 'a', 'b'], later: queue.later })
    expect(withItemFirst(queue, 'd')).toEqual({ now: ['d', 'a', 'b', 'c'], later: [] })
  })
})
