// Personal scheduling end to end in the store, on the real IndexedDB code (fake-indexeddb) and
// the real optimizer (run on this thread, as the worker would run it).
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Recall } from '@/core/grading'
import type { ProgressRow } from '@/core/records'
import { replayMemory, type LoggedReview } from '@/core/reviewLog'
import { cardNumber, parseRevlog, serializeRevlog } from '@/core/revlog'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { errorParts } from '@/core/errors'
import { db } from '@/storage/db'
import { listProgress, listReviews } from '@/storage/progress'
import { loadSettings } from '@/storage/settings'
import { usePersonalizeStore } from '@/stores/personalize'
import type { FitReply, FitRequest } from '@/workers/fsrs.worker'
import { loadNodeFit } from '../../scripts/fsrsNode'
import { learnerRevlog } from '../fixtures/learner'
import { stubOfflineFetch } from '../offline'

const RECALL: Recall[] = ['again', 'hard', 'good', 'easy']

/** Writes a synthetic learner's `n` reviews as the app's own log and progress rows. */
async function seed(n: number) {
  const scheduler = createScheduler(DEFAULT_SCHEDULER)
  const memory = new Map<string, MemoryState>()
  const reviews: LoggedReview[] = []
  learnerRevlog(n).forEach((e, i) => {
    const itemId = `deck/c${e.cardId}`
    const before = memory.get(itemId) ?? newMemory(e.reviewTime)
    const recall = RECALL[e.rating - 1]!
    const { after } = scheduler.review(before, recall, e.reviewTime, itemId)
    memory.set(itemId, after)
    reviews.push({
      id: `R${String(i).padStart(9, '0')}`,
      itemId,
      deckId: 'deck',
      at: e.reviewTime,
      recall,
      durationMs: e.durationMs,
      before,
      after,
      source: 'study',
    })
  })
  const database = await db()
  const tx = database.transaction(['progress', 'reviews'], 'readwrite')
  for (const [id, m] of memory) {
    const row: ProgressRow = {
      id,
      deckId: 'deck',
      cardId: id.slice(5),
      fact: id,
      memory: m,
      retired: false,
      updatedAt: 0,
      rev: 1,
    }
    void tx.objectStore('progress').put(row)
  }
  for (const r of reviews) void tx.objectStore('reviews').put(r)
  await tx.done
}

beforeEach(() => {
  setActivePinia(createPinia())
  stubOfflineFetch()
})
afterEach(() => vi.unstubAllGlobals())

describe('personalize store', () => {
  it("shows a worker's raw error described, never its message", async () => {
    const raw = "Failed to execute 'put' on 'IDBObjectStore': wasm heap 0x7ff"
    // the fit worker as the page meets it: a job in, an error reply out
    class FailingWorker extends EventTarget {
      postMessage(request: FitRequest) {
        const data: FitReply = {
          id: request.id,
          type: 'error',
          ...errorParts(new DOMException(raw, 'QuotaExceededError')),
        }
        queueMicrotask(() => this.dispatchEvent(new MessageEvent('message', { data })))
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', FailingWorker)
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await seed(20)
    const store = usePersonalizeStore()
    await store.load()
    await store.fit()
    expect(store.status).toEqual({
      kind: 'failed',
      message:
        'The optimizer stopped: this device has no storage space left for Intercept: free some space, then try again.',
    })
    expect(consoleError).toHaveBeenCalledWith(
      'Fitting failed:',
      expect.objectContaining({ message: raw }),
    )
    consoleError.mockRestore()
  })

  it('refuses to fit a short history and says how many more reviews are needed', async () => {
    await seed(200)
    const store = usePersonalizeStore()
    await store.load()
    expect(store.usable).toBeGreaterThan(0)
    expect(store.ready.needed).toBe(400 - store.usable)
    await store.fit(await loadNodeFit())
    expect(store.status).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/^Not enough history yet: \d+ of the 400/),
    })
  })

  it('fits, adopts with every card rescheduled in one go, then goes back and restores', async () => {
    await seed(2500)
    const store = usePersonalizeStore()
    await store.load()
    await store.fit(await loadNodeFit())
    const status = store.status
    expect(status.kind).toBe('done')
    if (status.kind !== 'done') return
    expect(status.verdict.better).toBe(true)
    const fitted = status.report.weights
    const before = await listProgress()

    await store.adopt()
    expect((await loadSettings()).fsrsWeights).toEqual(fitted)
    expect(store.notice).toMatch(
      /^Your own parameters are in use\. \d+ cards? now comes? back earlier and \d+ cards? later/,
    )
    const personal = createScheduler({ ...DEFAULT_SCHEDULER, weights: fitted })
    const log = (await listReviews()) as LoggedReview[]
    const after = await listProgress()
    for (const row of after) {
      expect(row.memory).toEqual(
        replayMemory(
          row.id,
          log.filter((r) => r.itemId === row.id),
          personal,
        ),
      )
      expect(row.rev).toBe(2)
    }
    expect(after.map((r) => r.memory.due)).not.toEqual(before.map((r) => r.memory.due))

    await store.useDefaults()
    expect((await loadSettings()).fsrsWeights).toBeNull()
    expect((await listProgress()).map((r) => r.memory)).toEqual(before.map((r) => r.memory))
    expect(store.canRestorePrevious).toBe(true)
    await store.restorePrevious()
    expect((await loadSettings()).fsrsWeights).toEqual(fitted)
  }, 120_000)

  it('cancels a running fit without changing anything', async () => {
    await seed(100)
    const store = usePersonalizeStore()
    await store.load()
    store.status = { kind: 'running', phase: 'older', startedAt: 0 }
    store.cancel()
    expect(store.status).toEqual({ kind: 'idle' })
    expect(store.notice).toBe('Fitting cancelled. Nothing was changed.')
  })

  it('exports revlog.csv and imports another tool’s, without counting its own reviews twice', async () => {
    await seed(300)
    const store = usePersonalizeStore()
    await store.load()
    const text = store.revlogText()
    const parsed = parseRevlog(text)
    expect(parsed.ok && parsed.entries.length).toBe(300)
    expect(parsed.ok && parsed.entries[0]!.cardId).toBe(
      cardNumber('deck/c' + learnerRevlog(1)[0]!.cardId),
    )

    const again = await store.importRevlog(text)
    expect(again).toEqual({
      ok: true,
      message: expect.stringMatching(/^Added 0 reviews .*\(300 were already there\)/),
    })
    const other = learnerRevlog(600, 'other-app').map((e) => ({
      ...e,
      cardId: e.cardId + 1_000_000,
    }))
    const before = store.usable
    const added = await store.importRevlog(serializeRevlog(other))
    expect(added).toEqual({ ok: true, message: expect.stringMatching(/^Added 600 reviews/) })
    expect(store.usable).toBeGreaterThan(before)
    expect(store.ready.ready).toBe(true)
    const bad = await store.importRevlog('card_id,review_time\n1,2\n')
    expect(bad.ok).toBe(false)
    await store.forgetImported()
    expect(store.usable).toBe(before)
  })

  it('simulates each retention from 70% to 97% and sets the one picked', async () => {
    await seed(300)
    const store = usePersonalizeStore()
    await store.load()
    await store.runSimulation()
    expect(store.simulation).toHaveLength(28)
    const first = store.simulation[0]!
    const last = store.simulation.at(-1)!
    expect(last.reviewsPerDay).toBeGreaterThan(first.reviewsPerDay)
    await store.chooseRetention(0.85)
    expect((await loadSettings()).retention).toBe(0.85)
  })
})
