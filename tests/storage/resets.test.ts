// A card that a deck edit starts over (the editor's reset): its progress goes, its reviews stay in
// the log for history, and a reset record makes every replay of the log (another device's answer
// arriving, the reset arriving elsewhere, new FSRS parameters, a restored backup) start after it.
import { afterEach, describe, expect, it } from 'vitest'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { rescheduleAll } from '@/core/replay'
import { replayMemory, reviewId, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, DEFAULT_WEIGHTS, newMemory, type MemoryState } from '@/core/scheduler'
import { readSettings, schedulerSettings } from '@/core/settings'
import { exportBackup, importBackup } from '@/storage/backup'
import { installDeck } from '@/storage/decks'
import { switchParameters } from '@/storage/fsrs'
import {
  countReviews,
  getProgress,
  listProgress,
  listReviews,
  saveReview,
} from '@/storage/progress'
import { applyIncoming, readOutbox, readSnapshot } from '@/storage/sync'
import { setSyncOn } from '@/storage/syncMeta'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const DAY = 86_400_000
const scheduler = createScheduler(schedulerSettings(readSettings({})))
const ITEM = 'test-deck/c1'

const original = makeDeck({
  cards: [makeCard({ id: 'c1', answers: ['Romania'] }), makeCard({ id: 'c2' })],
})
/** The same deck with c1's answer changed: the edit the editor offers to reset it for. */
const edited = makeDeck({
  cards: [makeCard({ id: 'c1', answers: ['Poland'] }), makeCard({ id: 'c2' })],
})

function review(itemId: string, at: number, before: MemoryState): ReviewRow {
  const { after } = scheduler.review(before, 'good', at, itemId)
  return {
    itemId,
    deckId: 'test-deck',
    at,
    recall: 'good',
    durationMs: 2000,
    before,
    after,
    source: 'study',
  }
}

/** An answer through the study path: built on the row stored now. */
async function answer(itemId: string, at: number): Promise<string> {
  const stored = await getProgress(itemId)
  const r = review(itemId, at, stored?.memory ?? newMemory(at))
  const row: Omit<ProgressRow, 'rev'> = {
    id: itemId,
    deckId: 'test-deck',
    cardId: itemId.split('/')[1]!,
    fact: itemId,
    memory: r.after,
    retired: false,
    updatedAt: at,
  }
  return (await saveReview(row, r, stored?.rev)).reviewId
}

/** A review made on another device that saw the card start over. */
function remote(itemId: string, at: number, byte = 7): LoggedReview {
  return { ...review(itemId, at, newMemory(at)), id: reviewId(at, new Uint8Array(10).fill(byte)) }
}

const empty = {
  reviews: [],
  deletedReviews: [],
  decks: [],
  deletedDecks: [],
  quizResults: [],
  deletedQuizResults: [],
}

/** c1 and c2 studied twice each, then the edit that resets c1 at NOW + 2 days. */
async function studiedThenReset(): Promise<void> {
  await installDeck(original, 'user', NOW)
  await answer(ITEM, NOW)
  await answer('test-deck/c2', NOW + 1000)
  await answer(ITEM, NOW + DAY)
  await answer('test-deck/c2', NOW + DAY + 1000)
  await installDeck(edited, 'user', NOW + 2 * DAY, ['c1'])
}

afterEach(() => setSyncOn(false))

describe('a card reset by a deck edit', () => {
  it('goes back to new here while its reviews stay in the history', async () => {
    await studiedThenReset()
    expect(await getProgress(ITEM)).toBeUndefined()
    expect((await getProgress('test-deck/c2'))?.memory.reps).toBe(2)
    // statistics count what the learner did: the reviews before the reset stay in the log
    expect(await countReviews()).toBe(4)
  })

  it("stays reset when another device's answer to it arrives", async () => {
    await studiedThenReset()
    const theirs = remote(ITEM, NOW + 3 * DAY)
    const applied = await applyIncoming({ ...empty, reviews: [theirs] })
    expect(applied.items).toEqual([ITEM])
    const row = await getProgress(ITEM)
    // the replay starts after the reset: one review, not the three of the whole log
    expect(row?.memory).toEqual(replayMemory(ITEM, [theirs], scheduler))
    expect(row?.memory.reps).toBe(1)
    expect(await countReviews()).toBe(5)
  })

  it('replays the answers given here after the reset exactly as they were stored', async () => {
    await studiedThenReset()
    await answer(ITEM, NOW + 3 * DAY)
    const before = await getProgress(ITEM)
    expect(before?.memory.reps).toBe(1)
    // a review of another card arriving touches nothing of c1; one of c1 replays it
    await applyIncoming({ ...empty, reviews: [remote(ITEM, NOW + 4 * DAY)] })
    const log = ((await listReviews()) as LoggedReview[]).filter(
      (r) => r.itemId === ITEM && r.at > NOW + 2 * DAY,
    )
    expect(log).toHaveLength(2)
    expect((await getProgress(ITEM))?.memory).toEqual(replayMemory(ITEM, log, scheduler))
  })

  it('goes to other devices through the outbox, written in the edit’s transaction', async () => {
    setSyncOn(true)
    await installDeck(original, 'user', NOW)
    await installDeck(edited, 'user', NOW + DAY, ['c1'])
    const items = await readOutbox()
    expect(items.map((i) => [i.kind, i.key])).toEqual([
      ['deck', 'test-deck'],
      ['deck', 'test-deck'],
      ['reset', 'test-deck/c1'],
    ])
    const reset = items[2]!.value
    expect(reset).toMatchObject({ deckId: 'test-deck', cardId: 'c1', at: NOW + DAY })
    // a first sync copies it with the rest
    expect((await readSnapshot()).resets).toEqual([reset])
  })
})

describe('a card reset arriving from another device', () => {
  it('starts the card over here, keeps its reviews, and leaves the other cards alone', async () => {
    await installDeck(original, 'user', NOW)
    await answer(ITEM, NOW)
    await answer(ITEM, NOW + DAY)
    await answer('test-deck/c2', NOW + DAY)
    const c2 = await getProgress('test-deck/c2')
    const reset = {
      id: reviewId(NOW + 2 * DAY, new Uint8Array(10).fill(3)),
      deckId: 'test-deck',
      cardId: 'c1',
      at: NOW + 2 * DAY,
    }
    const applied = await applyIncoming({ ...empty, resets: [reset] })
    expect(applied.items).toEqual([ITEM])
    expect(await getProgress(ITEM)).toBeUndefined()
    expect(await getProgress('test-deck/c2')).toEqual(c2)
    expect(await countReviews()).toBe(3)
    expect((await readSnapshot()).resets).toEqual([reset])
    // the same reset again, or an older one, changes nothing
    const older = { ...reset, id: reviewId(NOW, new Uint8Array(10).fill(4)), at: NOW }
    expect((await applyIncoming({ ...empty, resets: [reset, older] })).items).toEqual([])
    expect((await readSnapshot()).resets).toEqual([reset])
  })

  it('keeps what counts after it: an answer given elsewhere after the reset, arriving with it', async () => {
    await installDeck(original, 'user', NOW)
    await answer(ITEM, NOW)
    const reset = {
      id: reviewId(NOW + DAY, new Uint8Array(10).fill(3)),
      deckId: 'test-deck',
      cardId: 'c1',
      at: NOW + DAY,
    }
    const after = remote(ITEM, NOW + 2 * DAY)
    await applyIncoming({ ...empty, reviews: [after], resets: [reset] })
    expect((await getProgress(ITEM))?.memory).toEqual(replayMemory(ITEM, [after], scheduler))
  })
})

describe('resets and the other replays of the log', () => {
  it('reschedules a reset card with personal parameters from its reviews after the reset only', async () => {
    await studiedThenReset()
    await answer(ITEM, NOW + 3 * DAY)
    const weights = DEFAULT_WEIGHTS.map((w, i) => (i < 4 ? w * 3 : w))
    const personal = createScheduler(schedulerSettings(readSettings({ fsrsWeights: weights })))
    await switchParameters(weights, undefined, (rows, log) =>
      rescheduleAll(rows, log, personal, NOW + 3 * DAY),
    )
    const after = ((await listReviews()) as LoggedReview[]).filter(
      (r) => r.itemId === ITEM && r.at > NOW + 2 * DAY,
    )
    expect((await getProgress(ITEM))?.memory).toEqual(replayMemory(ITEM, after, personal))
    expect((await getProgress(ITEM))?.memory.reps).toBe(1)
  })

  it('travels in a backup, and a restore puts the resets back as they were', async () => {
    await studiedThenReset()
    const backup = await exportBackup(NOW + 3 * DAY)
    expect(backup.resets).toMatchObject([{ deckId: 'test-deck', cardId: 'c1', at: NOW + 2 * DAY }])
    const rows = await listProgress()
    // a reset made after the backup is not part of what it restores
    await installDeck(original, 'user', NOW + 4 * DAY, ['c2'])
    expect((await readSnapshot()).resets).toHaveLength(2)
    await importBackup(backup)
    expect((await readSnapshot()).resets).toEqual(backup.resets)
    expect(await listProgress()).toEqual(rows)
    // and the restored device replays as the backed-up one did
    const theirs = remote(ITEM, NOW + 5 * DAY)
    await applyIncoming({ ...empty, reviews: [theirs] })
    expect((await getProgress(ITEM))?.memory).toEqual(replayMemory(ITEM, [theirs], scheduler))
  })
})
