// Progress per item and the review log. Every answer is written with its log entry in one
// transaction, and the write is refused when it was based on a stale read (another tab answered).
import type { ProgressRow, ReviewRow } from '@/core/records'
import { reviewId, type LoggedReview } from '@/core/reviewIds'
import { announce } from './changes'
import { db } from './db'
import { queueSync } from './outbox'

/** Every progress row, retired ones included. */
export async function listProgress(): Promise<ProgressRow[]> {
  return (await db()).getAll('progress')
}

export async function getProgress(itemId: string): Promise<ProgressRow | undefined> {
  return (await db()).get('progress', itemId)
}

/** A new review id (a ULID): unique across devices, so logs merge when they sync. */
export function newReviewId(atMs: number): string {
  return reviewId(atMs, crypto.getRandomValues(new Uint8Array(10)))
}

/**
 * Thrown when the stored progress moved on since it was read: another tab answered this item
 * (`answered`), or its card left its deck and the row was retired (`retired`).
 */
export class StaleProgressError extends Error {
  constructor(
    readonly itemId: string,
    readonly reason: 'answered' | 'retired' = 'answered',
  ) {
    super(
      reason === 'retired'
        ? `${itemId} was retired from its deck`
        : `progress of ${itemId} changed in another tab`,
    )
    this.name = 'StaleProgressError'
  }
}

/**
 * Records an answer: the new progress row and its review-log entry, in one transaction or
 * neither. `expectedRev` is the `rev` the answer was based on (undefined for an item never
 * studied); if the stored row has moved on or is retired, nothing is written and
 * StaleProgressError is thrown. The row's own `rev`, if any, is ignored: `expectedRev + 1` is stored.
 * Resolves once the transaction has committed, so an acknowledged answer survives closing the tab.
 * @returns the stored row and the id of the log entry.
 */
export async function saveReview(
  row: Omit<ProgressRow, 'rev'>,
  review: ReviewRow,
  expectedRev: number | undefined,
): Promise<{ row: ProgressRow; reviewId: string }> {
  const database = await db()
  // Relaxed durability: committed once the browser has the data (it survives closing the tab or a
  // browser crash; only an OS crash before the disk flush could lose it), at a fraction of the wait.
  const tx = database.transaction(['progress', 'reviews', 'outbox'], 'readwrite', {
    durability: 'relaxed',
  })
  const progress = tx.objectStore('progress')
  const stored: ProgressRow = { ...row, rev: (expectedRev ?? 0) + 1 }
  const entry: LoggedReview = { ...review, id: review.id ?? newReviewId(review.at) }
  // All three requests go out at once (one round trip, not two); if the read shows the row moved
  // on, aborting undoes the write and the log entry, since nothing commits before this check runs.
  const reading = progress.get(row.id)
  const writing = progress.put(stored)
  const adding = tx.objectStore('reviews').add(entry)
  // for sync, in the same transaction: an acknowledged answer is never missed
  const queued = queueSync(tx, 'review', [entry.id])
  const current = await reading
  // a retired row stays retired: an answer never brings back a card its deck dropped
  if (current?.rev !== expectedRev || current?.retired) {
    tx.abort()
    await Promise.allSettled([writing, adding, ...queued, tx.done])
    throw new StaleProgressError(row.id, current?.retired ? 'retired' : 'answered')
  }
  await Promise.all([writing, adding, ...queued, tx.done])
  announce({ kind: 'progress', deckIds: [row.deckId] })
  return { row: stored, reviewId: entry.id }
}

/**
 * Undoes a review: puts back the progress it replaced (or removes the row if the item was new)
 * and deletes its log entry, in one transaction. Refused (returns false) if the item has been
 * answered again since, in this tab or another.
 */
export async function undoReview(
  reviewId: string,
  expectedRev: number,
): Promise<ProgressRow | undefined | false> {
  const database = await db()
  const tx = database.transaction(['progress', 'reviews', 'outbox'], 'readwrite')
  const review = await tx.objectStore('reviews').get(reviewId)
  const current = review && (await tx.objectStore('progress').get(review.itemId))
  if (!review || !current || current.rev !== expectedRev) {
    tx.abort()
    await tx.done.catch(() => undefined)
    return false
  }
  await tx.objectStore('reviews').delete(reviewId)
  // synced as a deletion (a tombstone), so the review is undone on every device
  await Promise.all(queueSync(tx, 'review', [reviewId]))
  let restored: ProgressRow | undefined
  if (review.before.state === 'new' && review.before.reps === 0)
    await tx.objectStore('progress').delete(review.itemId)
  else {
    restored = { ...current, memory: review.before, updatedAt: review.at, rev: current.rev + 1 }
    await tx.objectStore('progress').put(restored)
  }
  await tx.done
  announce({ kind: 'progress', deckIds: [review.deckId] })
  return restored
}

/** Log entries from `fromMs` on (inclusive), oldest first. */
export async function reviewsSince(fromMs: number): Promise<ReviewRow[]> {
  return (await db()).getAllFromIndex('reviews', 'at', IDBKeyRange.lowerBound(fromMs))
}

/** The whole review log, oldest first. */
export async function listReviews(): Promise<ReviewRow[]> {
  return (await db()).getAllFromIndex('reviews', 'at')
}

export async function countReviews(): Promise<number> {
  return (await db()).count('reviews')
}

/**
 * Forgets all progress and history (decks and settings stay), in one transaction. With sync on,
 * every review and quiz result is deleted on the other devices too (tombstones).
 */
export async function resetProgress(): Promise<void> {
  const database = await db()
  const tx = database.transaction(
    ['progress', 'reviews', 'quizResults', 'quizSessions', 'outbox'],
    'readwrite',
  )
  const [reviewIds, quizIds] = await Promise.all([
    tx.objectStore('reviews').getAllKeys(),
    tx.objectStore('quizResults').getAllKeys(),
  ])
  await Promise.all([
    ...queueSync(tx, 'review', reviewIds),
    ...queueSync(tx, 'quiz', quizIds),
    tx.objectStore('progress').clear(),
    tx.objectStore('reviews').clear(),
    tx.objectStore('quizResults').clear(),
    tx.objectStore('quizSessions').clear(),
  ])
  await tx.done
  announce({ kind: 'all' })
}
