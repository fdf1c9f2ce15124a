import { describe, expect, it } from 'vitest'
import type { ReviewRow } from '@/core/records'
import {
  cardHistories,
  cardNumber,
  dayIndex,
  holdOutFrom,
  minuteOffset,
  newEntries,
  parseRevlog,
  revlogFromReviews,
  serializeRevlog,
  usableReviews,
  type RevlogEntry,
} from '@/core/revlog'
import { newMemory } from '@/core/scheduler'
import { NOW } from '../fixtures/decks'

const DAY = 86_400_000
const entry = (
  cardId: number,
  day: number,
  rating: 1 | 2 | 3 | 4,
  state: 0 | 1 | 2 | 3,
): RevlogEntry => ({
  cardId,
  reviewTime: NOW + day * DAY,
  rating,
  state,
  durationMs: 5000,
})

describe('revlog.csv', () => {
  it('writes the app log in the optimizer format and reads it back unchanged', () => {
    const before = newMemory(NOW)
    const review: ReviewRow = {
      itemId: 'deck/c1',
      deckId: 'deck',
      at: NOW,
      recall: 'hard',
      durationMs: 4200.4,
      before,
      after: { ...before, state: 'learning' },
      source: 'study',
    }
    const entries = revlogFromReviews([review])
    expect(entries).toEqual([
      { cardId: cardNumber('deck/c1'), reviewTime: NOW, rating: 2, state: 0, durationMs: 4200 },
    ])
    const text = serializeRevlog(entries)
    expect(text.split('\n')[0]).toBe(
      'card_id,review_time,review_rating,review_state,review_duration',
    )
    expect(parseRevlog(text)).toEqual({ ok: true, entries, skipped: 0 })
  })

  it('numbers cards the same way every time, as exact whole numbers', () => {
    expect(cardNumber('europe/sm3~1')).toBe(cardNumber('europe/sm3~1'))
    expect(cardNumber('europe/sm3~1')).not.toBe(cardNumber('europe/sm3~2'))
    expect(Number.isSafeInteger(cardNumber('x'.repeat(200)))).toBe(true)
  })

  it('reads columns in any order, skips manual reschedules, and accepts a missing duration', () => {
    const text = `review_state,card_id,review_rating,review_time\n2,7,3,${NOW}\n4,7,0,${NOW + 1}\n`
    const parsed = parseRevlog(text)
    expect(parsed).toEqual({
      ok: true,
      entries: [{ cardId: 7, reviewTime: NOW, rating: 3, state: 2, durationMs: 0 }],
      skipped: 1,
    })
  })

  it('refuses a broken file with located messages and returns nothing from it', () => {
    const text = [
      'card_id,review_time,review_rating,review_state,review_duration',
      `1,${NOW},3,2,100`,
      `abc,${NOW},3,2,100`,
      `1,${Math.floor(NOW / 1000)},3,2,100`,
      `1,${NOW},7,2,100`,
      `1,${NOW},3,2,-5`,
    ].join('\n')
    const parsed = parseRevlog(text)
    expect(parsed.ok).toBe(false)
    if (parsed.ok) return
    expect(parsed.errors).toEqual([
      expect.stringMatching(/^Line 3: card_id/),
      expect.stringMatching(/^Line 4: .*looks like seconds/),
      expect.stringMatching(/^Line 5: review_rating/),
      expect.stringMatching(/^Line 6: review_duration/),
    ])
    expect(parseRevlog('id,when\n1,2\n')).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /^Line 1 .*card_id, review_time, review_rating, review_state are missing/,
        ),
      ],
    })
  })

  it('caps the list of problems in a hostile file', () => {
    const lines = ['card_id,review_time,review_rating,review_state']
    for (let i = 0; i < 500; i++) lines.push('x,y,z,w')
    const parsed = parseRevlog(lines.join('\n'))
    const errors = parsed.ok ? [] : parsed.errors
    expect(errors).toHaveLength(11)
    expect(errors.at(-1)).toBe('…and 490 more lines with problems.')
  })

  it('adds only reviews not already in the log', () => {
    const mine = [entry(1, 0, 3, 0), entry(1, 2, 3, 2)]
    const theirs = [entry(1, 2, 3, 2), entry(2, 0, 1, 0), entry(2, 0, 1, 0)]
    expect(newEntries(mine, theirs)).toEqual([entry(2, 0, 1, 0)])
  })
})

describe('cardHistories', () => {
  it('counts whole days in the learner day and starts at the last first-learning run', () => {
    // UTC+2 with days starting at 04:00: 01:30 UTC is 03:30 local, still the previous day
    const offset = minuteOffset(120, 4)
    expect(offset).toBe(-120)
    const midnight = Date.UTC(2025, 0, 7)
    expect(dayIndex(midnight + 90 * 60_000, offset)).toBe(dayIndex(midnight - 3_600_000, offset))
    const log = [
      entry(1, 0, 3, 0),
      entry(1, 3, 1, 2),
      // the card was reset and learnt again: history starts over here
      entry(1, 10, 3, 0),
      entry(1, 10, 3, 1),
      entry(1, 14, 3, 2),
      // a card whose start is missing is left out
      entry(2, 0, 3, 2),
    ]
    const histories = cardHistories(log, 0)
    expect(histories).toEqual([
      [
        { rating: 3, elapsedDays: 0, reviewTime: NOW + 10 * DAY },
        { rating: 3, elapsedDays: 0, reviewTime: NOW + 10 * DAY },
        { rating: 3, elapsedDays: 4, reviewTime: NOW + 14 * DAY },
      ],
    ])
    expect(usableReviews(histories)).toEqual([NOW + 14 * DAY])
  })

  it('holds out the newest fifth of the usable reviews', () => {
    const times = Array.from({ length: 10 }, (_, i) => i * 100)
    expect(holdOutFrom(times)).toBe(800)
    expect(holdOutFrom([1])).toBeUndefined()
  })
})
