import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RECALLS, type Recall } from '@/core/recall'
import type { ProgressRow } from '@/core/records'
import {
  compareReviews,
  encodeTime,
  legacyReviewId,
  mergeLogs,
  replayMemory,
  replayRow,
  reviewId,
  type LoggedReview,
} from '@/core/reviewLog'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { NOW } from '../fixtures/decks'

const scheduler = createScheduler(DEFAULT_SCHEDULER) // fuzz on, as users have it
const bytes = (...values: number[]) => Uint8Array.from({ length: 10 }, (_, i) => values[i] ?? 0)

/** What the study store does: each answer builds on the memory the device holds. */
function studyOnDevice(
  device: string,
  itemId: string,
  answers: { at: number; recall: Recall }[],
  start?: MemoryState,
): { log: LoggedReview[]; memory: MemoryState | undefined } {
  let memory = start
  const log: LoggedReview[] = []
  answers.forEach(({ at, recall }, i) => {
    const before = memory ?? newMemory(at - 5000)
    const { after } = scheduler.review(before, recall, at, itemId)
    log.push({
      id: reviewId(at, bytes(device.charCodeAt(0), i)),
      itemId,
      deckId: 'd',
      at,
      recall,
      durationMs: 4000,
      before,
      after,
      source: 'study',
    })
    memory = after
  })
  return { log, memory }
}

const answersArb = fc
  .array(
    fc.record({
      gapMs: fc.integer({ min: 1000, max: 40 * 86_400_000 }),
      recall: fc.constantFrom(...RECALLS),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((steps) => {
    let at = NOW
    return steps.map(({ gapMs, recall }) => ({ at: (at += gapMs), recall }))
  })

describe('review ids', () => {
  it('are 26 characters that sort by time, then by their random part', () => {
    const a = reviewId(NOW, bytes(1))
    const b = reviewId(NOW, bytes(2))
    const later = reviewId(NOW + 1, bytes(0))
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    expect(a.slice(0, 10)).toBe(encodeTime(NOW))
    expect([later, b, a].sort()).toEqual([a, b, later])
    expect(a).not.toBe(b)
    expect(() => reviewId(NOW, new Uint8Array(4))).toThrow()
  })

  it('use all 80 random bits', () => {
    const ids = new Set<string>()
    for (let i = 0; i < 80; i++) {
      const random = new Uint8Array(10)
      random[i >> 3] = 1 << (i & 7)
      ids.add(reviewId(NOW, random).slice(10))
    }
    expect(ids.size).toBe(80)
  })

  it('give an old review the same id wherever it is read, and different reviews different ids', () => {
    const { log } = studyOnDevice('a', 'd/x', [
      { at: NOW, recall: 'good' },
      { at: NOW + 60_000, recall: 'good' },
    ])
    const [first, second] = log.map(({ id: _id, ...rest }) => rest)
    expect(legacyReviewId(first!)).toBe(legacyReviewId(structuredClone(first!)))
    expect(legacyReviewId(first!)).not.toBe(legacyReviewId(second!))
    expect(legacyReviewId({ ...first!, recall: 'again' })).not.toBe(legacyReviewId(first!))
    expect(legacyReviewId(first!).slice(0, 10)).toBe(encodeTime(NOW))
  })
})

describe('replay', () => {
  it('gives exactly the memory the device computed answer by answer, fuzz included', () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const { log, memory } = studyOnDevice('a', 'deck/card', answers)
        expect(replayMemory('deck/card', log, scheduler)).toEqual(memory)
      }),
      { numRuns: 200 },
    )
  })

  it('gives every device the same memory from the same reviews, whatever order they arrived in', () => {
    fc.assert(
      fc.property(answersArb, answersArb, fc.nat(), (a, b, seed) => {
        const onA = studyOnDevice('a', 'd/x', a).log
        const onB = studyOnDevice(
          'b',
          'd/x',
          b.map((r) => ({ ...r, at: r.at + 7 })),
        ).log
        const merged = mergeLogs(onA, onB, onA)
        expect(merged).toHaveLength(onA.length + onB.length)
        const shuffled = [...merged].sort(
          (x, y) => ((x.at * 31 + seed) % 17) - ((y.at * 31 + seed) % 17),
        )
        expect(replayMemory('d/x', shuffled, scheduler)).toEqual(
          replayMemory('d/x', merged, scheduler),
        )
        // the merged replay is the same as studying the merged answers on one device
        const single = studyOnDevice(
          'c',
          'd/x',
          merged.map(({ at, recall }) => ({ at, recall })),
        )
        expect(replayMemory('d/x', merged, scheduler)).toEqual(single.memory)
      }),
      { numRuns: 100 },
    )
  })

  it('orders reviews of the same moment by id', () => {
    const { log } = studyOnDevice('a', 'd/x', [{ at: NOW, recall: 'good' }])
    const twin = {
      ...log[0]!,
      id: log[0]!.id.slice(0, 10) + '0'.repeat(16),
      recall: 'again' as const,
    }
    expect(compareReviews(twin, log[0]!)).toBeLessThan(0)
    expect(mergeLogs(log, [twin]).map((r) => r.id)).toEqual([twin.id, log[0]!.id])
  })

  it('has no memory for an empty log', () => {
    expect(replayMemory('d/x', [], scheduler)).toBeUndefined()
  })
})

describe('replayRow', () => {
  const stored = (memory: MemoryState, overrides: Partial<ProgressRow> = {}): ProgressRow => ({
    id: 'd/x~reverse',
    deckId: 'd',
    cardId: 'x',
    fact: 'd/f',
    memory,
    retired: false,
    updatedAt: NOW,
    rev: 3,
    ...overrides,
  })

  it('leaves a row that already equals the replay', () => {
    const { log, memory } = studyOnDevice('a', 'd/x~reverse', [{ at: NOW, recall: 'good' }])
    expect(replayRow('d/x~reverse', log, stored(memory!), undefined, scheduler)).toEqual({
      kind: 'same',
      id: 'd/x~reverse',
    })
  })

  it('replaces a row that differs, keeping its card, fact and retirement', () => {
    const { log } = studyOnDevice('a', 'd/x~reverse', [
      { at: NOW, recall: 'good' },
      { at: NOW + 86_400_000, recall: 'again' },
    ])
    const first = replayMemory('d/x~reverse', log.slice(0, 1), scheduler)!
    const result = replayRow(
      'd/x~reverse',
      log,
      stored(first, { retired: true }),
      undefined,
      scheduler,
    )
    expect(result).toEqual({
      kind: 'put',
      row: {
        id: 'd/x~reverse',
        deckId: 'd',
        cardId: 'x',
        fact: 'd/f',
        memory: replayMemory('d/x~reverse', log, scheduler),
        retired: true,
        updatedAt: NOW + 86_400_000,
      },
    })
  })

  it('makes a row for an item first studied on another device', () => {
    const { log, memory } = studyOnDevice('b', 'd/x~reverse', [{ at: NOW, recall: 'easy' }])
    const withItem = replayRow(
      'd/x~reverse',
      log,
      undefined,
      { deckId: 'd', cardId: 'x', fact: 'd/f' },
      scheduler,
    )
    expect(withItem).toMatchObject({ kind: 'put', row: { fact: 'd/f', memory } })
    const withoutDeck = replayRow('d/x~reverse', log, undefined, undefined, scheduler)
    expect(withoutDeck).toMatchObject({
      kind: 'put',
      row: { deckId: 'd', cardId: 'x', fact: 'd/x' },
    })
  })

  it('removes the row when every review of the item was undone', () => {
    const { memory } = studyOnDevice('a', 'd/x~reverse', [{ at: NOW, recall: 'good' }])
    expect(replayRow('d/x~reverse', [], stored(memory!), undefined, scheduler)).toEqual({
      kind: 'delete',
      id: 'd/x~reverse',
    })
    expect(replayRow('d/x~reverse', [], undefined, undefined, scheduler).kind).toBe('same')
  })
})
