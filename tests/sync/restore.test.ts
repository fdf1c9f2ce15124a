// A backup restored on a synced device: the device's real stores (storage/*.ts over
// fake-indexeddb) and engine, a PouchDB mirror on the memory adapter, the real sync server on
// loopback, and a second device. Restoring never counts a review twice, here or there, and an
// answer given after the backup was made comes back from the account instead of being lost.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { replayMemory, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, newMemory } from '@/core/scheduler'
import { readSettings, schedulerSettings } from '@/core/settings'
import { userDbName } from '@/core/syncModel'
import { exportBackup, importBackup } from '@/storage/backup'
import { installDeck } from '@/storage/decks'
import { getProgress, listReviews, saveReview } from '@/storage/progress'
import * as storage from '@/storage/sync'
import { setSyncOn } from '@/storage/syncMeta'
import { createSyncEngine, type EngineState } from '@/sync/engine'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { startSyncServerProcess, type SyncServerProcess } from '../syncServer'
import { Device, PouchDB, signUpAndIn } from './devices'

let server: SyncServerProcess

beforeAll(async () => {
  server = await startSyncServerProcess()
}, 60_000)

afterAll(async () => {
  await server?.stop()
  server?.remove()
})

afterEach(() => setSyncOn(false))

const scheduler = createScheduler(schedulerSettings(readSettings({})))

/** An answer through the app's own write path (the outbox is filled in its transaction). */
async function answer(cardId: string, at: number): Promise<string> {
  const itemId = `test-deck/${cardId}`
  const stored = await getProgress(itemId)
  const before = stored?.memory ?? newMemory(at)
  const { after } = scheduler.review(before, 'good', at, itemId)
  const row: Omit<ProgressRow, 'rev'> = {
    id: itemId,
    deckId: 'test-deck',
    cardId,
    fact: itemId,
    memory: after,
    retired: false,
    updatedAt: at,
  }
  const review: ReviewRow = {
    itemId,
    deckId: 'test-deck',
    at,
    recall: 'good',
    durationMs: 2000,
    before,
    after,
    source: 'study',
  }
  return (await saveReview(row, review, stored?.rev)).reviewId
}

it('restoring a backup on a synced device never counts a review twice', async () => {
  const user = 'restorer'
  const cookie = await signUpAndIn(server.url, user, 'pw')
  let state: EngineState | undefined
  const engine = createSyncEngine({
    local: new PouchDB('restore-a', { adapter: 'memory' }),
    remote: new PouchDB(`${server.url}/${userDbName(user)}`, {
      skip_setup: true,
      fetch: (url: string, init: RequestInit) => {
        const headers = new Headers(init.headers)
        headers.set('cookie', cookie)
        return PouchDB.fetch(url, { ...init, headers })
      },
    }),
    storage: {
      ...storage,
      loadState: async () => state,
      saveState: async (next) => {
        state = next
      },
    },
    deviceId: 'a',
    now: () => Date.now(),
  })
  const other = new Device('b', server.url, user, cookie)
  try {
    setSyncOn(true)
    await installDeck(
      makeDeck({ cards: [makeCard({ id: 'c1' }), makeCard({ id: 'c2' })] }),
      'shipped',
      NOW,
    )
    const before = [await answer('c1', NOW), await answer('c2', NOW + 60_000)]
    await engine.syncOnce()
    const backup = await exportBackup(NOW + 120_000)
    // answered after the backup was made: the restore drops it here, the account still has it
    const after = await answer('c1', NOW + 86_400_000)
    await engine.syncOnce()

    await importBackup(backup)
    expect((await listReviews()).length).toBe(2)
    await engine.syncOnce()
    // restoring the same backup again changes nothing either
    await importBackup(backup)
    await engine.syncOnce()
    await other.engine.syncOnce()

    const all = [...before, after].sort()
    const here = (await listReviews()) as LoggedReview[]
    expect(here.map((r) => r.id).sort()).toEqual(all)
    expect([...other.reviews.keys()].sort()).toEqual(all)
    // the card's state is the replay of its whole log, on both devices
    const log = here.filter((r) => r.itemId === 'test-deck/c1')
    const replayed = replayMemory('test-deck/c1', log, scheduler)
    expect((await getProgress('test-deck/c1'))?.memory).toEqual(replayed)
    expect(other.progress.get('test-deck/c1')?.memory).toEqual(replayed)
    expect(await storage.countOutbox()).toBe(0)
  } finally {
    await engine.stop()
    await other.close()
  }
}, 60_000)
