// Personal FSRS in the built app: a seeded synthetic history of real cards, fitted by the
// optimizer in its worker, adopted, and every card rescheduled to match its replayed log.
import { afterEach, describe, expect, it } from 'vitest'
import { itemsOfDeck } from '@/core/items'
import { endOfStudyDay } from '@/core/time'
import { createRng } from '@/core/random'
import type { ProgressRow, StoredDeck } from '@/core/records'
import { replayMemory, reviewId, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { syntheticRevlog } from '@/core/simulate'
import type { Recall } from '@/core/grading'
import { LEARNER_WEIGHTS } from '../fixtures/learner'
import { BASE, openProfile, type Profile } from './browser'

let profile: Profile | undefined
afterEach(async () => {
  if (profile) expect(profile.foreign).toEqual([])
  await profile?.close()
  profile = undefined
})

const DAY = 86_400_000
const RECALL: Recall[] = ['again', 'hard', 'good', 'easy']

/** Reads an object store of the app's database in the page. */
function readStore<T>(p: Profile, store: string): Promise<T[]> {
  return p.page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('intercept')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).getAll()
          req.onsuccess = () => {
            open.result.close()
            resolve(req.result as T[])
          }
          req.onerror = () => reject(req.error)
        }
      }),
    store,
  )
}

/**
 * A learner whose memory follows LEARNER_WEIGHTS studied the shipped cards for four months with
 * the default scheduler, up to a week ago: the log and progress rows the app would have written.
 */
function seededHistory(items: { id: string; deckId: string; cardId: string; fact: string }[]) {
  const scheduler = createScheduler(DEFAULT_SCHEDULER)
  const start = Math.floor(Date.now() / DAY) * DAY - 130 * DAY
  const log = syntheticRevlog({
    weights: LEARNER_WEIGHTS,
    cards: Math.min(items.length, 160),
    days: 120,
    newPerDay: 4,
    startMs: start,
    rng: createRng('e2e-learner'),
  })
  const bytes = createRng('e2e-ids')
  const reviews: LoggedReview[] = []
  const memory = new Map<string, MemoryState>()
  for (const e of log) {
    const item = items[e.cardId - 1]!
    const before = memory.get(item.id) ?? newMemory(e.reviewTime)
    const recall = RECALL[e.rating - 1]!
    const { after } = scheduler.review(before, recall, e.reviewTime, item.id)
    memory.set(item.id, after)
    reviews.push({
      id: reviewId(
        e.reviewTime,
        Uint8Array.from({ length: 10 }, () => Math.floor(bytes() * 256)),
      ),
      itemId: item.id,
      deckId: item.deckId,
      at: e.reviewTime,
      recall,
      durationMs: e.durationMs,
      before,
      after,
      source: 'study',
    })
  }
  const rows: ProgressRow[] = items
    .filter((i) => memory.has(i.id))
    .map((i) => ({
      id: i.id,
      deckId: i.deckId,
      cardId: i.cardId,
      fact: i.fact,
      memory: memory.get(i.id)!,
      retired: false,
      updatedAt: start,
      rev: 1,
    }))
  return { reviews, rows }
}

describe('personal scheduling', () => {
  it('fits a seeded history in the worker, adopts it, and the study queue follows the recomputed states', async () => {
    profile = await openProfile()
    const { page } = profile
    await page.goto(`${BASE}/`)
    await page.locator('.summary').filter({ hasText: 'today' }).waitFor({ timeout: 60_000 })

    const decks = await readStore<StoredDeck>(profile, 'decks')
    const items = decks.flatMap((d) => itemsOfDeck(d.deck))
    const { reviews, rows } = seededHistory(items)
    await page.evaluate(
      ({ reviews, rows }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('intercept')
          open.onsuccess = () => {
            const tx = open.result.transaction(['progress', 'reviews'], 'readwrite')
            for (const r of rows) tx.objectStore('progress').put(r)
            for (const r of reviews) tx.objectStore('reviews').put(r)
            tx.oncomplete = () => {
              open.result.close()
              resolve()
            }
            tx.onerror = () => reject(tx.error)
          }
        }),
      { reviews, rows },
    )

    await page.goto(`${BASE}/settings`)
    await page.getByRole('link', { name: 'Personalize scheduling' }).click()
    await page.getByTestId('usable').filter({ hasText: /\d/ }).waitFor()
    const usable = Number(
      (await page.getByTestId('usable').locator('strong').first().textContent())!.replace(
        /\D/g,
        '',
      ),
    )
    expect(usable).toBeGreaterThanOrEqual(400)

    await page.getByTestId('fit').click()
    await page.locator('#fit-progress').waitFor()
    const verdict = page.getByTestId('verdict')
    await verdict.waitFor({ timeout: 120_000 })
    expect(await verdict.textContent()).toMatch(
      /predicts your recall \d+% better than the default parameters/,
    )
    await page.getByTestId('adopt').click()
    const notice = page.getByTestId('personalize-notice')
    await notice.filter({ hasText: 'Your own parameters are in use' }).waitFor()
    const moved = /(\d+) cards? now comes? back earlier and (\d+) cards? later/.exec(
      (await notice.textContent())!,
    )
    expect(moved).not.toBeNull()
    expect(Number(moved![1])).toBeGreaterThan(0)

    // every card's stored memory is its log replayed with the adopted parameters
    const [meta, stored, logged] = await Promise.all([
      readStore<{ key: string; value: { fsrsWeights?: number[] } }>(profile, 'meta'),
      readStore<ProgressRow>(profile, 'progress'),
      readStore<LoggedReview>(profile, 'reviews'),
    ])
    const weights = meta.find((m) => m.key === 'settings')!.value.fsrsWeights!
    expect(weights).toHaveLength(21)
    const personal = createScheduler({ ...DEFAULT_SCHEDULER, weights })
    for (const row of stored) {
      const log = logged.filter((r) => r.itemId === row.id)
      expect(row.memory).toEqual(replayMemory(row.id, log, personal))
    }

    // and the study queue is built from those states: due today by the learner's day
    const utcOffset = await page.evaluate(() => -new Date().getTimezoneOffset())
    const dayEnd = endOfStudyDay(Date.now(), { dayStartHour: 4, utcOffsetMinutes: utcOffset })
    const due = stored.filter((r) => r.memory.state !== 'new' && r.memory.due < dayEnd).length
    const fresh = items.length - stored.length
    await page.goto(`${BASE}/`)
    await page
      .getByTestId('study-all')
      .filter({ hasText: `Study now (${Math.min(due, 200) + Math.min(fresh, 20)})` })
      .waitFor()
  })
})
