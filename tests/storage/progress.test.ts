import { describe, expect, it } from 'vitest'
import { openDB } from 'idb'
import type { ProgressRow } from '@/core/records'
import { DB_NAME, DB_VERSION, db, openAppDb } from '@/storage/db'
import {
  listProgress,
  listReviews,
  resetProgress,
  reviewsSince,
  saveReview,
  StaleProgressError,
  undoReview,
} from '@/storage/progress'
import { NOW } from '../fixtures/decks'
import { testScheduler } from '../fixtures/answers'
import { answerItem } from '@/core/review'

/** An answer's writes, built by the app's own rule on top of `current` (the row it read). */
function answer(itemId: string, recall: 'again' | 'good', at: number, current?: ProgressRow) {
  const [deckId, cardId] = itemId.split('/') as [string, string]
  const item = { id: itemId, deckId, cardId, fact: itemId }
  const write = answerItem(testScheduler, {
    item,
    current,
    recall,
    nowMs: at,
    durationMs: 3000,
    source: 'study',
  })
  return write!
}

describe('saveReview', () => {
  it('writes progress and the log entry together', async () => {
    const { row, review } = answer('d/a', 'good', NOW)
    const saved = await saveReview(row, review, undefined)
    expect(saved.row.rev).toBe(1)
    expect(await listProgress()).toEqual([saved.row])
    expect(await listReviews()).toEqual([{ ...review, id: saved.reviewId }])
  })

  it('refuses a write based on a stale read and changes nothing', async () => {
    const first = answer('d/a', 'good', NOW)
    await saveReview(first.row, first.review, undefined)
    const second = answer('d/a', 'again', NOW + 1000)
    await expect(saveReview(second.row, second.review, undefined)).rejects.toBeInstanceOf(
      StaleProgressError,
    )
    expect((await listProgress())[0]!.memory).toEqual(first.row.memory)
    expect(await listReviews()).toHaveLength(1)
  })

  it('accepts the next answer based on the current rev', async () => {
    const first = answer('d/a', 'good', NOW)
    const saved = await saveReview(first.row, first.review, undefined)
    const next = answer('d/a', 'good', NOW + 600_000, saved.row)
    expect((await saveReview(next.row, next.review, 1)).row.rev).toBe(2)
  })
})

describe('undoReview', () => {
  it('puts back the previous state and drops the log entry', async () => {
    const first = answer('d/a', 'good', NOW)
    const one = await saveReview(first.row, first.review, undefined)
    const second = answer('d/a', 'again', NOW + 600_000, one.row)
    const two = await saveReview(second.row, second.review, 1)
    const restored = await undoReview(two.reviewId, two.row.rev)
    expect(restored && restored.memory).toEqual(one.row.memory)
    expect(await listReviews()).toHaveLength(1)
  })

  it('removes the row when the undone answer was the first', async () => {
    const first = answer('d/a', 'good', NOW)
    const one = await saveReview(first.row, first.review, undefined)
    expect(await undoReview(one.reviewId, one.row.rev)).toBeUndefined()
    expect(await listProgress()).toEqual([])
    expect(await listReviews()).toEqual([])
  })

  it('refuses when the item was answered again since', async () => {
    const first = answer('d/a', 'good', NOW)
    const one = await saveReview(first.row, first.review, undefined)
    const second = answer('d/a', 'good', NOW + 600_000, one.row)
    await saveReview(second.row, second.review, 1)
    expect(await undoReview(one.reviewId, one.row.rev)).toBe(false)
    expect(await listReviews()).toHaveLength(2)
  })
})

describe('saveReview on a retired item', () => {
  it('refuses the answer and keeps the row retired', async () => {
    const first = answer('d/a', 'good', NOW)
    const one = await saveReview(first.row, first.review, undefined)
    // the card left its deck: the install retires the row (as installDeck does)
    const retired = { ...one.row, retired: true, rev: one.row.rev + 1 }
    await (await db()).put('progress', retired)
    const late = answer('d/a', 'good', NOW + 600_000, { ...one.row, rev: retired.rev })
    const refused = saveReview(late.row, late.review, retired.rev)
    await expect(refused).rejects.toBeInstanceOf(StaleProgressError)
    await expect(refused).rejects.toMatchObject({ reason: 'retired' })
    expect(await listProgress()).toEqual([retired])
    expect(await listReviews()).toHaveLength(1)
  })
})

describe('reviewsSince and resetProgress', () => {
  it('reads the log from a moment on, and resets everything', async () => {
    const a = answer('d/a', 'good', NOW)
    const b = answer('d/b', 'good', NOW + 5000)
    await saveReview(a.row, a.review, undefined)
    await saveReview(b.row, b.review, undefined)
    expect((await reviewsSince(NOW + 1)).map((r) => r.itemId)).toEqual(['d/b'])
    await resetProgress()
    expect(await listProgress()).toEqual([])
    expect(await listReviews()).toEqual([])
  })
})

describe('migrations', () => {
  it('upgrades a version 1 database without losing data', async () => {
    const v1 = await openAppDb(1)
    const { row, review } = answer('d/a', 'good', NOW)
    await v1.put('progress', { ...row, rev: 1 })
    await v1.add('reviews', review)
    await v1.put('meta', { key: 'settings', value: { newPerDay: 7 } })
    v1.close()

    const latest = await db()
    expect(latest.version).toBe(DB_VERSION)
    expect(await latest.get('progress', 'd/a')).toMatchObject({ memory: row.memory })
    expect(await latest.getAllFromIndex('reviews', 'deckId', 'd')).toHaveLength(1)
    expect(await latest.get('meta', 'settings')).toEqual({
      key: 'settings',
      value: { newPerDay: 7 },
    })
    expect([...latest.objectStoreNames].sort()).toEqual([
      'decks',
      'drafts',
      'meta',
      'outbox',
      'pictures',
      'progress',
      'quizResults',
      'quizSessions',
      'reviews',
    ])
  })

  it('creates every store on a fresh device', async () => {
    const latest = await db()
    expect(latest.version).toBe(DB_VERSION)
    expect(latest.objectStoreNames.contains('quizResults')).toBe(true)
    const raw = await openDB(DB_NAME)
    expect(raw.objectStoreNames.length).toBe(9)
    raw.close()
  })
})

describe('review ids (migration to version 3)', () => {
  for (const version of [1, 2]) {
    it(`gives every review of a version ${version} database an id of its own, losing none`, async () => {
      const old = await openAppDb(version)
      const a = answer('d/a', 'good', NOW)
      const b = answer('d/b', 'again', NOW + 60_000)
      const { id: _none, ...entry } = a.review
      // two reviews alike in every field still count as two
      for (const review of [entry, { ...b.review }, { ...entry }])
        await (old as unknown as { add(store: string, value: unknown): Promise<unknown> }).add(
          'reviews',
          review,
        )
      old.close()

      const latest = await db()
      const reviews = await latest.getAll('reviews')
      expect(reviews).toHaveLength(3)
      expect(new Set(reviews.map((r) => r.id)).size).toBe(3)
      for (const r of reviews) expect(r.id).toMatch(/^[0-9A-Z]{26}(-\d+)?$/)
      expect(reviews.map(({ id: _id, ...rest }) => rest)).toEqual(
        expect.arrayContaining([entry, entry, { ...b.review }]),
      )
      expect(await latest.getAllFromIndex('reviews', 'deckId', 'd')).toHaveLength(3)
      expect(await latest.countFromIndex('reviews', 'itemId', 'd/b')).toBe(1)
      expect((await listReviews()).map((r) => r.at)).toEqual([NOW, NOW, NOW + 60_000])
      expect(latest.objectStoreNames.contains('reviewsNumbered' as 'reviews')).toBe(false)
    })
  }

  it('saves new reviews under ids unique across devices, and undoes by that id', async () => {
    const first = answer('d/a', 'good', NOW)
    const saved = await saveReview(first.row, first.review, undefined)
    expect(saved.reviewId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    const other = answer('d/b', 'good', NOW)
    const savedOther = await saveReview(other.row, other.review, undefined)
    expect(savedOther.reviewId).not.toBe(saved.reviewId)
    expect(await undoReview(saved.reviewId, saved.row.rev)).toBeUndefined()
    expect((await listReviews()).map((r) => r.id)).toEqual([savedOther.reviewId])
  })
})
