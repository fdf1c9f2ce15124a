import { describe, expect, it } from 'vitest'
import type { Recall } from '@/core/grading'
import type { ProgressRow } from '@/core/records'
import { rescheduleAll } from '@/core/replay'
import { replayMemory, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { LEARNER_WEIGHTS } from '../fixtures/learner'
import { NOW } from '../fixtures/decks'

const DAY = 86_400_000
const defaults = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false })
const personal = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false, weights: LEARNER_WEIGHTS })

/** Studies an item as the app does: each answer logged with the state before and after. */
function study(
  itemId: string,
  answers: [number, Recall][],
): { row: ProgressRow; log: LoggedReview[] } {
  let memory: MemoryState = newMemory(NOW)
  const log: LoggedReview[] = []
  for (const [day, recall] of answers) {
    const at = NOW + day * DAY
    const { before, after } = defaults.review(memory, recall, at, itemId)
    log.push({
      id: `${itemId}-${day}`,
      itemId,
      deckId: 'd',
      at,
      recall,
      durationMs: 3000,
      before,
      after,
      source: 'study',
    })
    memory = after
  }
  const row: ProgressRow = {
    id: itemId,
    deckId: 'd',
    cardId: itemId,
    fact: itemId,
    memory,
    retired: false,
    updatedAt: NOW,
    rev: answers.length,
  }
  return { row, log }
}

describe('replaying the log (core/reviewLog)', () => {
  it('rebuilds the stored memory exactly from the log with the same parameters', () => {
    const { row, log } = study('d/a', [
      [0, 'good'],
      [0, 'good'],
      [3, 'good'],
      [12, 'again'],
      [12, 'good'],
    ])
    expect(replayMemory('d/a', log, defaults)).toEqual(row.memory)
    expect(replayMemory('d/a', [], defaults)).toBeUndefined()
  })
})

describe('rescheduleAll', () => {
  it('recomputes every card with new parameters and counts which way each moves', () => {
    const a = study('d/a', [
      [0, 'good'],
      [0.01, 'good'],
      [3, 'good'],
    ])
    const b = study('d/b', [
      [0, 'easy'],
      [5, 'good'],
    ])
    const orphan = { ...study('d/c', [[0, 'good']]).row, id: 'd/c' }
    const result = rescheduleAll(
      [a.row, b.row, orphan],
      [...b.log, ...a.log].reverse(),
      personal,
      NOW + 20 * DAY,
    )
    // the learner forgets faster than the defaults assume: every reviewed card comes back sooner
    expect(result.earlier).toBe(2)
    expect(result.later).toBe(0)
    expect(result.unchanged).toBe(1)
    expect(result.rows.map((r) => r.id)).toEqual(['d/a', 'd/b'])
    for (const row of result.rows) {
      expect(row.updatedAt).toBe(NOW + 20 * DAY)
      const log = row.id === 'd/a' ? a.log : b.log
      expect(row.memory).toEqual(replayMemory(row.id, log, personal))
    }
  })

  it('changes nothing when the parameters are the ones the log was made with', () => {
    const a = study('d/a', [
      [0, 'good'],
      [0, 'good'],
      [3, 'hard'],
    ])
    const result = rescheduleAll([a.row], a.log, defaults, NOW)
    expect(result.rows).toEqual([])
    expect(result.unchanged).toBe(1)
  })
})
