import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { afterAnswer, buildQueue, interleave, nextStep, type QueueEntry } from '@/core/queue'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { DAY_MS, MINUTE_MS } from '@/core/time'
import { NOW } from './fixtures'

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
