// "Keep my Anki progress": a package's reviews join the log and each card is scheduled by
// replaying its whole log, in the install's one transaction; importing again adds nothing.
import { describe, expect, it } from 'vitest'
import { ankiProgress, type AnkiReview } from '@/core/ankiProgress'
import { itemId } from '@/core/items'
import { createScheduler, DEFAULT_SCHEDULER } from '@/core/scheduler'
import { installDeck } from '@/storage/decks'
import { listProgress, listReviews } from '@/storage/progress'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { studyThrice } from '../fixtures/answers'

const scheduler = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false })
const DAY = 86_400_000
const deck = makeDeck({
  cards: [
    makeCard({ id: 'a' }),
    {
      id: 'r',
      type: 'basic',
      kind: 'other',
      front: 'Deveselu',
      back: 'Romania',
      reversible: true,
      paragraphs: [],
      tags: [],
    },
  ],
})
const history: AnkiReview[] = [
  { cardId: 'a', variant: 'forward', at: NOW - 10 * DAY, ease: 3, durationMs: 4000 },
  { cardId: 'a', variant: 'forward', at: NOW - 7 * DAY, ease: 3, durationMs: 3000 },
  { cardId: 'a', variant: 'forward', at: NOW - 2 * DAY, ease: 1, durationMs: 9000 },
  { cardId: 'r', variant: 'reverse', at: NOW - 5 * DAY, ease: 4, durationMs: 2000 },
  // a card the deck does not have is ignored
  { cardId: 'gone', variant: 'forward', at: NOW - 5 * DAY, ease: 3, durationMs: 2000 },
]

describe('installDeck with Anki history', () => {
  it('adds the reviews to the log and schedules each item by replaying them', async () => {
    await installDeck(deck, 'user', NOW, [], { reviews: history, scheduler })
    const rows = new Map((await listProgress()).map((r) => [r.id, r]))
    const a = rows.get(itemId('test-deck', 'a'))!
    expect(a.memory.reps).toBe(3)
    expect(a.memory.lapses).toBe(1)
    expect(a.memory.lastReview).toBe(NOW - 2 * DAY)
    expect(rows.get(itemId('test-deck', 'r', 'reverse'))!.memory.reps).toBe(1)
    expect(rows.has(itemId('test-deck', 'r'))).toBe(false)
    const log = await listReviews()
    expect(log).toHaveLength(4)
    expect(log.map((r) => r.recall).sort()).toEqual(['again', 'easy', 'good', 'good'])
  })

  it('writes the replay done ahead in the worker, the same as replaying at install', async () => {
    const replayed = ankiProgress(deck, history, [], [], scheduler)
    await installDeck(deck, 'user', NOW, [], { reviews: history, scheduler, replayed })
    const ahead = { progress: await listProgress(), log: await listReviews() }
    await installDeck(makeDeck({ id: 'other' }), 'user', NOW)
    expect(ahead.log).toHaveLength(4)
    expect(ahead.progress.find((r) => r.id === itemId('test-deck', 'a'))!.memory.reps).toBe(3)
  })

  it('adds nothing when the same package is imported again', async () => {
    await installDeck(deck, 'user', NOW, [], { reviews: history, scheduler })
    const first = await listProgress()
    await installDeck(deck, 'user', NOW + 1, [], { reviews: history, scheduler })
    expect(await listReviews()).toHaveLength(4)
    expect((await listProgress()).map((r) => r.memory)).toEqual(first.map((r) => r.memory))
  })

  it('keeps reviews made on this device: the replay merges both logs', async () => {
    await installDeck(deck, 'user', NOW - 20 * DAY)
    await studyThrice(itemId('test-deck', 'a'), NOW - 30 * DAY)
    await installDeck(deck, 'user', NOW, [], { reviews: history, scheduler })
    const a = (await listProgress()).find((r) => r.id === itemId('test-deck', 'a'))!
    expect(a.memory.reps).toBe(6)
    expect(await listReviews()).toHaveLength(3 + 4)
  })
})
