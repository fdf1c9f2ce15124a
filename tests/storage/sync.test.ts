import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { replayMemory, reviewId, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, DEFAULT_WEIGHTS, newMemory } from '@/core/scheduler'
import { readSettings, schedulerSettings } from '@/core/settings'
import { importBackup, exportBackup } from '@/storage/backup'
import { deleteDeck, installDeck, listDecks } from '@/storage/decks'
import { getResult } from '@/storage/quiz'
import { setSyncOn } from '@/storage/syncMeta'
import {
  listProgress,
  listReviews,
  resetProgress,
  saveReview,
  undoReview,
} from '@/storage/progress'
import { loadSettings, saveSettings } from '@/storage/settings'
import {
  ackOutbox,
  applyIncoming,
  clearOutbox,
  countOutbox,
  readOutbox,
  readSnapshot,
} from '@/storage/sync'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const scheduler = createScheduler(schedulerSettings(readSettings({})))

function answer(
  itemId: string,
  at: number,
  before = newMemory(at),
  recall: 'good' | 'again' = 'good',
) {
  const { after } = scheduler.review(before, recall, at, itemId)
  const row: Omit<ProgressRow, 'rev'> = {
    id: itemId,
    deckId: 'test-deck',
    cardId: itemId.split('/')[1]!,
    fact: itemId,
    memory: after,
    retired: false,
    updatedAt: at,
  }
  const review: ReviewRow = {
    itemId,
    deckId: 'test-deck',
    at,
    recall,
    durationMs: 2000,
    before,
    after,
    source: 'study',
  }
  return { row, review }
}

/** A review made on another device. */
function remote(
  itemId: string,
  at: number,
  before = newMemory(at),
  recall: 'good' | 'again' = 'good',
): LoggedReview {
  const { review } = answer(itemId, at, before, recall)
  return { ...review, id: reviewId(at, new Uint8Array(10).fill(7)) }
}

const empty = {
  reviews: [],
  deletedReviews: [],
  decks: [],
  deletedDecks: [],
  quizResults: [],
  deletedQuizResults: [],
}

describe('the outbox', () => {
  beforeEach(() => setSyncOn(true))
  afterEach(() => setSyncOn(false))

  it('stays empty while sync is off: a first sync copies everything anyway', async () => {
    setSyncOn(false)
    const a = answer('test-deck/c1', NOW)
    const saved = await saveReview(a.row, a.review, undefined)
    await undoReview(saved.reviewId, saved.row.rev)
    await saveSettings(readSettings({ newPerDay: 5 }))
    await installDeck(makeDeck({ id: 'mine' }), 'user', NOW)
    await deleteDeck('mine')
    await resetProgress()
    expect(await countOutbox()).toBe(0)
  })

  it('is written with every answer, undo, settings change and user deck change', async () => {
    const a = answer('test-deck/c1', NOW)
    const saved = await saveReview(a.row, a.review, undefined)
    await undoReview(saved.reviewId, saved.row.rev)
    await saveSettings(readSettings({ newPerDay: 5 }))
    await installDeck(makeDeck({ id: 'mine' }), 'user', NOW)
    await installDeck(makeDeck({ id: 'shipped' }), 'shipped', NOW)
    await deleteDeck('mine')
    const items = await readOutbox()
    expect(items.map((i) => [i.kind, i.key])).toEqual([
      ['review', saved.reviewId],
      ['review', saved.reviewId],
      ['settings', 'settings'],
      ['deck', 'mine'],
      ['deck', 'mine'],
    ])
    // read as the objects stand now: the review was undone and the deck deleted since
    expect(items[0]!.value).toBeUndefined()
    expect(items[2]!.value).toMatchObject({ newPerDay: 5 })
    expect(items[3]!.value).toBeUndefined()
    await ackOutbox(items.slice(0, 2).map((i) => i.seq))
    expect(await countOutbox()).toBe(3)
    await clearOutbox()
    expect(await countOutbox()).toBe(0)
  })

  it('holds an answer whose transaction committed, and nothing of one refused', async () => {
    const a = answer('test-deck/c1', NOW)
    const saved = await saveReview(a.row, a.review, undefined)
    const stale = answer('test-deck/c1', NOW + 1000)
    await expect(saveReview(stale.row, stale.review, undefined)).rejects.toThrow()
    const items = await readOutbox()
    expect(items.map((i) => i.key)).toEqual([saved.reviewId])
    expect(items[0]!.value).toMatchObject({ id: saved.reviewId, itemId: 'test-deck/c1' })
  })

  it('holds a tombstone for every review and quiz result a progress reset deletes', async () => {
    const a = answer('test-deck/c1', NOW)
    const b = answer('test-deck/c2', NOW + 1000)
    const first = await saveReview(a.row, a.review, undefined)
    const second = await saveReview(b.row, b.review, undefined)
    await clearOutbox()
    await resetProgress()
    const items = await readOutbox()
    expect(items.map((i) => [i.kind, i.key]).sort()).toEqual(
      [
        ['review', first.reviewId],
        ['review', second.reviewId],
      ].sort(),
    )
    expect(items.every((i) => i.value === undefined)).toBe(true)
  })

  it('holds the deck and each of its reviews when a deck is deleted', async () => {
    await installDeck(makeDeck({ id: 'test-deck' }), 'user', NOW)
    const a = answer('test-deck/c1', NOW)
    const saved = await saveReview(a.row, a.review, undefined)
    await clearOutbox()
    await deleteDeck('test-deck')
    const items = await readOutbox()
    expect(items.map((i) => [i.kind, i.key])).toEqual([
      ['deck', 'test-deck'],
      ['review', saved.reviewId],
    ])
    expect(items.every((i) => i.value === undefined)).toBe(true)
  })

  it('holds every review an Anki package brings with it (“Keep my Anki progress”)', async () => {
    const deck = makeDeck({ id: 'anki', cards: [makeCard({ id: 'c1' }), makeCard({ id: 'c2' })] })
    await installDeck(deck, 'user', NOW, [], {
      scheduler,
      reviews: [
        { cardId: 'c1', variant: 'forward', at: NOW - 86_400_000, ease: 3, durationMs: 4000 },
        { cardId: 'c1', variant: 'forward', at: NOW - 3_600_000, ease: 1, durationMs: 6000 },
        { cardId: 'c2', variant: 'forward', at: NOW - 7_200_000, ease: 4, durationMs: 2000 },
      ],
    })
    const logged = (await listReviews()).map((r) => r.id).sort()
    expect(logged).toHaveLength(3)
    const items = await readOutbox()
    expect(items.filter((i) => i.kind === 'deck').map((i) => i.key)).toEqual(['anki'])
    expect(
      items
        .filter((i) => i.kind === 'review')
        .map((i) => i.key)
        .sort(),
    ).toEqual(logged)
  })

  it('asks for everything after a backup is restored', async () => {
    const backup = await exportBackup(NOW)
    await importBackup(backup)
    expect((await readOutbox()).map((i) => i.kind)).toEqual(['all'])
  })
})

describe('applyIncoming', () => {
  it("adds another device's reviews and replays the item to the merged log's state", async () => {
    await installDeck(makeDeck(), 'shipped', NOW)
    const mine = answer('test-deck/c1', NOW + 60_000)
    await saveReview(mine.row, mine.review, undefined)
    const theirs = remote('test-deck/c1', NOW)
    const applied = await applyIncoming({ ...empty, reviews: [theirs] })
    expect(applied.items).toEqual(['test-deck/c1'])
    const log = (await listReviews()) as LoggedReview[]
    expect(log.map((r) => r.at)).toEqual([NOW, NOW + 60_000])
    const [row] = await listProgress()
    expect(row!.memory).toEqual(replayMemory('test-deck/c1', log, scheduler))
    expect(row!.memory.reps).toBe(2)
    expect(row!.rev).toBe(2)
    // the same batch again changes nothing
    expect(await applyIncoming({ ...empty, reviews: [theirs] })).toMatchObject({ items: [] })
    expect(await listReviews()).toHaveLength(2)
  })

  it('makes a progress row for an item first studied elsewhere, with its fact from the deck', async () => {
    await installDeck(makeDeck(), 'shipped', NOW)
    await applyIncoming({ ...empty, reviews: [remote('test-deck/c1', NOW)] })
    expect(await listProgress()).toMatchObject([
      { id: 'test-deck/c1', cardId: 'c1', fact: 'test-deck/c1', rev: 1 },
    ])
  })

  it('adds quiz results from another device once, and removes the ones reset there', async () => {
    const result = { id: 'quiz-1', configKey: 'k', finishedAt: NOW }
    expect(await applyIncoming({ ...empty, quizResults: [result] })).toMatchObject({ quiz: true })
    expect(await applyIncoming({ ...empty, quizResults: [result] })).toMatchObject({ quiz: false })
    expect(await getResult('quiz-1')).toMatchObject({ id: 'quiz-1' })
    const gone = await applyIncoming({ ...empty, deletedQuizResults: ['quiz-1', 'never-here'] })
    expect(gone.quiz).toBe(true)
    expect(await getResult('quiz-1')).toBeUndefined()
  })

  it('deletes a deck deleted elsewhere, with its reviews and the progress they made', async () => {
    await installDeck(makeDeck(), 'user', NOW)
    const first = remote('test-deck/c1', NOW)
    await applyIncoming({ ...empty, reviews: [first] })
    expect(await listProgress()).toHaveLength(1)
    await applyIncoming({ ...empty, deletedDecks: ['test-deck'], deletedReviews: [first.id] })
    expect(await listDecks()).toEqual([])
    expect(await listReviews()).toEqual([])
    expect(await listProgress()).toEqual([])
  })

  it('reschedules every card when personal FSRS parameters arrive from another device', async () => {
    await installDeck(
      makeDeck({ cards: [makeCard({ id: 'c1' }), makeCard({ id: 'c2' })] }),
      'user',
      NOW,
    )
    const a = answer('test-deck/c1', NOW)
    await saveReview(a.row, a.review, undefined)
    const b = answer('test-deck/c2', NOW + 1000)
    await saveReview(b.row, b.review, undefined)
    // first stability values raised: every card is held more stable than before
    const weights = DEFAULT_WEIGHTS.map((w, i) => (i < 4 ? w * 3 : w))
    const applied = await applyIncoming({ ...empty, settings: { fsrsWeights: weights } })
    expect(applied.settings).toBe(true)
    expect(applied.items.sort()).toEqual(['test-deck/c1', 'test-deck/c2'])
    const personal = createScheduler(schedulerSettings(readSettings({ fsrsWeights: weights })))
    const log = (await listReviews()) as LoggedReview[]
    for (const row of await listProgress()) {
      const own = log.filter((r) => r.itemId === row.id)
      expect(row.memory).toEqual(replayMemory(row.id, own, personal))
      expect(row.memory.stability).toBeGreaterThan(own[0]!.after.stability)
    }
  })

  it('removes an undone review and puts the item back as the rest of its log says', async () => {
    const first = remote('test-deck/c1', NOW)
    const second = {
      ...remote('test-deck/c1', NOW + 86_400_000, first.after, 'again'),
      id: reviewId(NOW + 86_400_000, new Uint8Array(10).fill(9)),
    }
    await applyIncoming({ ...empty, reviews: [first, second] })
    await applyIncoming({ ...empty, deletedReviews: [second.id] })
    expect((await listReviews()).map((r) => r.id)).toEqual([first.id])
    expect((await listProgress())[0]!.memory).toEqual(first.after)
    await applyIncoming({ ...empty, deletedReviews: [first.id] })
    expect(await listProgress()).toEqual([])
  })

  it("takes the user's decks, quiz results and merged settings, and never replaces a shipped deck", async () => {
    await installDeck(makeDeck({ id: 'shipped', title: 'Shipped' }), 'shipped', NOW)
    const mine = {
      id: 'mine',
      origin: 'user' as const,
      deck: makeDeck({ id: 'mine' }),
      installedAt: NOW,
      updatedAt: NOW,
    }
    const fake = { ...mine, id: 'shipped', deck: makeDeck({ id: 'shipped', title: 'Replaced' }) }
    const applied = await applyIncoming({
      ...empty,
      decks: [mine, fake],
      quizResults: [{ id: 'quiz-1', score: 1 } as never],
      settings: { newPerDay: 3, retention: 'nonsense' },
    })
    expect(applied).toMatchObject({ decks: ['mine'], settings: true, quiz: true })
    const snapshot = await readSnapshot()
    expect(snapshot.decks.map((d) => d.id)).toEqual(['mine'])
    expect(snapshot.quizResults.map((q) => q.id)).toEqual(['quiz-1'])
    expect(await loadSettings()).toEqual(readSettings({ newPerDay: 3 }))
    await applyIncoming({ ...empty, deletedDecks: ['mine', 'shipped'] })
    expect((await readSnapshot()).decks).toEqual([])
    // applying writes nothing to the outbox: what came from the mirror goes not back to it
    expect(await countOutbox()).toBe(0)
  })
})
