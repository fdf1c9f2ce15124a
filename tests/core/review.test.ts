import { describe, expect, it } from 'vitest'
import type { ProgressRow } from '@/core/records'
import { answerItem } from '@/core/review'
import { createScheduler, DEFAULT_SCHEDULER, newMemory } from '@/core/scheduler'
import { DAY_MS } from '@/core/time'
import { NOW } from '../fixtures/decks'

const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false })
const item = { id: 'deck/a', deckId: 'deck', cardId: 'a', fact: 'deck/a' }

describe('answerItem', () => {
  it('writes a first answer from a new memory dated when the card showed', () => {
    const write = answerItem(scheduler, {
      item,
      current: undefined,
      recall: 'good',
      nowMs: NOW,
      durationMs: 4000,
      source: 'study',
      newAt: NOW - 4000,
    })!
    expect(write.review.before).toEqual(newMemory(NOW - 4000))
    expect(write.review.after).toEqual(
      scheduler.review(newMemory(NOW - 4000), 'good', NOW, item.id).after,
    )
    expect(write.row).toEqual({
      ...item,
      memory: write.review.after,
      retired: false,
      updatedAt: NOW,
      rev: 1,
    })
    expect(write.review).toMatchObject({
      itemId: 'deck/a',
      deckId: 'deck',
      at: NOW,
      recall: 'good',
      durationMs: 4000,
      source: 'study',
    })
  })

  it('builds on the stored row: its memory, the next revision, the fact as the deck has it now', () => {
    const first = answerItem(scheduler, {
      item,
      current: undefined,
      recall: 'easy',
      nowMs: NOW - 10 * DAY_MS,
      durationMs: 1000,
      source: 'study',
    })!
    const stored: ProgressRow = { ...first.row, rev: 4 }
    const next = answerItem(scheduler, {
      item: { ...item, fact: 'deck/shared' },
      current: stored,
      recall: 'again',
      nowMs: NOW,
      durationMs: -50,
      source: 'quiz',
    })!
    expect(next.review.before).toEqual(stored.memory)
    expect(next.row).toMatchObject({ fact: 'deck/shared', rev: 5, retired: false })
    expect(next.row.memory.lapses).toBe(1)
    expect(next.review).toMatchObject({ source: 'quiz', durationMs: 0 })
  })

  it('writes nothing for a retired item', () => {
    const retired: ProgressRow = {
      ...item,
      memory: newMemory(NOW),
      retired: true,
      updatedAt: NOW,
      rev: 2,
    }
    for (const source of ['study', 'quiz'] as const)
      expect(
        answerItem(scheduler, {
          item,
          current: retired,
          recall: 'good',
          nowMs: NOW,
          durationMs: 1,
          source,
        }),
      ).toBeNull()
  })
})
