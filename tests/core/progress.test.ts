import { describe, expect, it } from 'vitest'
import { itemsOfDeck } from '@/core/items'
import {
  countItems,
  MASTERED_STABILITY_DAYS,
  queueEntries,
  progressLine,
  roundRobin,
  todayCounts,
  todayPlan,
} from '@/core/progress'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { newMemory, type MemoryState } from '@/core/scheduler'
import { DAY_MS } from '@/core/time'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const day = { dayStartHour: 4, utcOffsetMinutes: 0 }
const deck = makeDeck({ cards: ['a', 'b', 'c', 'd'].map((id) => makeCard({ id })) })
const items = itemsOfDeck(deck)

function row(cardId: string, memory: Partial<MemoryState>): [string, ProgressRow] {
  const id = `${deck.id}/${cardId}`
  return [
    id,
    {
      id,
      deckId: deck.id,
      cardId,
      fact: id,
      memory: { ...newMemory(NOW), ...memory },
      retired: false,
      updatedAt: NOW,
      rev: 1,
    },
  ]
}

describe('countItems', () => {
  it('counts new, learning, learned, due and mastered items', () => {
    const rows = new Map([
      row('a', { state: 'learning', due: NOW + 60_000 }),
      row('b', { state: 'review', due: NOW - DAY_MS, stability: 3, lastReview: NOW - 5 * DAY_MS }),
      row('c', {
        state: 'review',
        due: NOW + 30 * DAY_MS,
        stability: MASTERED_STABILITY_DAYS + 1,
        lastReview: NOW,
      }),
    ])
    expect(countItems(items, rows, NOW, day)).toEqual({
      total: 4,
      new: 1,
      learning: 1,
      learned: 2,
      due: 2,
      mastery: 0.25,
      mastered: 1,
    })
  })

  it('gives queue entries with stored memory where there is some', () => {
    const entries = queueEntries(items, new Map([row('a', { state: 'review' })]))
    expect(entries.map((e) => e.memory?.state ?? 'none')).toEqual([
      'review',
      'none',
      'none',
      'none',
    ])
  })
})

describe('todayCounts', () => {
  const review = (
    itemId: string,
    state: MemoryState['state'],
    source: ReviewRow['source'] = 'study',
  ): ReviewRow => ({
    itemId,
    deckId: 'd',
    at: NOW,
    recall: 'good',
    durationMs: 1000,
    before: { ...newMemory(NOW), state },
    after: { ...newMemory(NOW), state: 'review' },
    source,
  })

  it('counts each new item once, reviews of graduated items, and every fact touched', () => {
    const log = [
      review('d/a', 'new'),
      review('d/a', 'learning'),
      review('d/b', 'review'),
      review('d/c', 'new', 'quiz'),
    ]
    const counts = todayCounts(log, (id) => `fact-of-${id}`)
    expect(counts.newToday).toBe(1)
    expect(counts.reviewsToday).toBe(1)
    expect([...counts.factsToday].sort()).toEqual(['fact-of-d/a', 'fact-of-d/b', 'fact-of-d/c'])
  })
})

describe('todayPlan', () => {
  it('caps new and due items by what is left of the daily limits', () => {
    expect(
      todayPlan(
        { due: 300, new: 50 },
        { newToday: 15, reviewsToday: 150 },
        { newPerDay: 20, reviewsPerDay: 200 },
      ),
    ).toEqual({ due: 50, new: 5 })
    expect(
      todayPlan(
        { due: 3, new: 2 },
        { newToday: 0, reviewsToday: 0 },
        { newPerDay: 20, reviewsPerDay: 200 },
      ),
    ).toEqual({ due: 3, new: 2 })
  })
})

describe('roundRobin', () => {
  it('takes one item from each list in turn', () => {
    expect(roundRobin([['a1', 'a2', 'a3'], ['b1'], ['c1', 'c2']])).toEqual([
      'a1',
      'b1',
      'c1',
      'a2',
      'c2',
      'a3',
    ])
  })
})

describe('progressLine', () => {
  const counts = { total: 20, new: 13, learning: 3, learned: 4, due: 0, mastery: 0, mastered: 0 }

  it('counts learned cards as progress before any is mastered', () => {
    expect(progressLine(counts)).toEqual({
      learned: 0.2,
      mastered: 0,
      text: '4 of 20 learned · 3 in learning',
    })
  })

  it('names mastered cards once there are some', () => {
    expect(progressLine({ ...counts, mastered: 2, mastery: 0.1 }).text).toBe(
      '4 of 20 learned · 2 mastered · 3 in learning',
    )
  })

  it('says a deck is not started, or empty', () => {
    expect(progressLine({ ...counts, new: 20, learning: 0, learned: 0 }).text).toBe(
      'Not started: 20 to learn',
    )
    expect(progressLine({ ...counts, total: 0, new: 0, learning: 0, learned: 0 }).text).toBe(
      'No cards yet',
    )
  })
})
