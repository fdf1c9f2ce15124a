import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ankiProgress } from '@/core/ankiProgress'
import { makeBackup, readBackup } from '@/core/backup'
import {
  cardKeyOfItem,
  countingLog,
  latestResets,
  laterReset,
  readCardReset,
  type CardReset,
} from '@/core/resets'
import { createScheduler, DEFAULT_SCHEDULER } from '@/core/scheduler'
import { readSettings } from '@/core/settings'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const DAY = 86_400_000
const reset = (id: string, at: number, cardId = 'c1'): CardReset => ({
  id,
  deckId: 'test-deck',
  cardId,
  at,
})

describe('card resets', () => {
  it('names the card of every item of it, reversed and cloze ones included', () => {
    expect(cardKeyOfItem('deck/card')).toBe('deck/card')
    expect(cardKeyOfItem('deck/card~reverse')).toBe('deck/card')
    expect(cardKeyOfItem('deck/card~c2')).toBe('deck/card')
  })

  it('keeps the same latest reset of a card whatever order the resets meet in', () => {
    const arb = fc.array(
      fc.record({ id: fc.stringMatching(/^[0-9A-Z]{12}$/), at: fc.integer({ min: 0, max: 5 }) }),
      { minLength: 1, maxLength: 6 },
    )
    fc.assert(
      fc.property(arb, (raw) => {
        const resets = raw.map((r) => reset(r.id, r.at))
        const forward = latestResets(resets).get('test-deck/c1')
        const backward = latestResets([...resets].reverse()).get('test-deck/c1')
        expect(forward).toEqual(backward)
        expect(forward!.at).toBe(Math.max(...resets.map((r) => r.at)))
        expect(resets.reduce<CardReset | undefined>(laterReset, undefined)).toEqual(forward)
      }),
    )
  })

  it('replays only the reviews after the latest reset of their card (one at the same moment does not count)', () => {
    const log = [
      { itemId: 'test-deck/c1', at: NOW },
      { itemId: 'test-deck/c1~reverse', at: NOW + DAY },
      { itemId: 'test-deck/c1', at: NOW + 2 * DAY },
      { itemId: 'test-deck/c2', at: NOW },
    ]
    const resets = latestResets([reset('A0000000000', NOW + DAY)])
    expect(countingLog(log, resets)).toEqual([log[2], log[3]])
    expect(countingLog(log, new Map())).toEqual(log)
  })

  it('reads a reset from outside only when it is well formed, without extra fields', () => {
    const good = reset('01ARZ3NDEKTSV4RRFFQ69G5FAV', NOW)
    expect(readCardReset({ ...good, _rev: '1-x' })).toEqual(good)
    expect(readCardReset({ ...good, cardId: 'a/b' })).toBeUndefined()
    expect(readCardReset({ ...good, at: -1 })).toBeUndefined()
    expect(readCardReset('nonsense')).toBeUndefined()
  })
})

describe('resets in a backup', () => {
  const base = {
    exportedAt: NOW,
    settings: readSettings({}),
    decks: [],
    progress: [],
    reviews: [],
    quizResults: [],
  }

  it('are read back, and a damaged one is named', () => {
    const good = reset('01ARZ3NDEKTSV4RRFFQ69G5FAV', NOW)
    const read = readBackup(JSON.stringify(makeBackup({ ...base, resets: [good] })))
    expect(read.ok && read.backup.resets).toEqual([good])
    const bad = readBackup(
      JSON.stringify({ ...makeBackup(base), resets: [good, { ...good, at: 'soon' }] }),
    )
    expect(bad).toEqual({ ok: false, errors: ['card reset 2: not a card, an id and a moment'] })
  })

  it('are left out of a backup without any, which older versions read as before', () => {
    expect(makeBackup(base)).not.toHaveProperty('resets')
  })
})

describe('Anki progress kept on a card that started over', () => {
  it('adds every review to the log but replays only the ones after the reset', () => {
    const deck = makeDeck({ cards: [makeCard({ id: 'c1' })] })
    const history = [1, 2, 3].map((n) => ({
      cardId: 'c1',
      variant: 'forward' as const,
      at: NOW + n * DAY,
      ease: 3 as const,
      durationMs: 1000,
    }))
    const scheduler = createScheduler(DEFAULT_SCHEDULER)
    const resets = latestResets([reset('A0000000000', NOW + 2 * DAY)])
    const kept = ankiProgress(deck, history, [], [], scheduler, resets)
    expect(kept.reviews).toHaveLength(3)
    expect(kept.rows).toHaveLength(1)
    expect(kept.rows[0]!.memory.reps).toBe(1)
    expect(ankiProgress(deck, history, [], [], scheduler).rows[0]!.memory.reps).toBe(3)
  })
})
