// The review log is the truth. Every review has an id that no other review on any device will ever
// have, so logs from several devices merge by plain union; a card's memory is what replaying its
// merged log with the scheduler gives (ts-fsrs is deterministic per card, fuzz included, since the
// fuzz is seeded by the item id and the repetition count).
import { parseItemId } from './items'
import type { ProgressRow } from './records'
import type { LoggedReview } from './reviewIds'
import { newMemory, type MemoryState, type Scheduler } from './scheduler'

export { encodeTime, legacyReviewId, reviewId, type LoggedReview } from './reviewIds'

/** Log order: by time, then by id, so every device orders a merged log the same way. */
export function compareReviews(a: LoggedReview, b: LoggedReview): number {
  return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The union of logs, each review once (by id), in log order. */
export function mergeLogs(...logs: readonly (readonly LoggedReview[])[]): LoggedReview[] {
  const byId = new Map<string, LoggedReview>()
  for (const log of logs)
    for (const review of log) if (!byId.has(review.id)) byId.set(review.id, review)
  return [...byId.values()].sort(compareReviews)
}

/**
 * One item's memory after its reviews (any order; they are put in log order), replayed from a new
 * card. Undefined for an empty log: the item was never studied.
 */
export function replayMemory(
  itemId: string,
  reviews: readonly LoggedReview[],
  scheduler: Scheduler,
): MemoryState | undefined {
  const sorted = [...reviews].sort(compareReviews)
  if (!sorted.length) return undefined
  let memory = newMemory(sorted[0]!.at)
  for (const review of sorted)
    memory = scheduler.review(memory, review.recall, review.at, itemId).after
  return memory
}

/** What an item's progress row should be after its log was replayed. */
export type ReplayedRow =
  | { kind: 'put'; row: Omit<ProgressRow, 'rev'> }
  | { kind: 'delete'; id: string }
  | { kind: 'same'; id: string }

/**
 * The progress row an item's log gives, against the row stored now: unchanged, replaced, or
 * removed (every review of the item was undone). A new row takes its card and fact from `item`
 * (the deck on this device) or, for an item whose deck this device lacks, from its id.
 */
export function replayRow(
  itemId: string,
  reviews: readonly LoggedReview[],
  stored: ProgressRow | undefined,
  item: { deckId: string; cardId: string; fact: string } | undefined,
  scheduler: Scheduler,
): ReplayedRow {
  const memory = replayMemory(itemId, reviews, scheduler)
  if (!memory) return stored ? { kind: 'delete', id: itemId } : { kind: 'same', id: itemId }
  if (stored && sameMemory(stored.memory, memory)) return { kind: 'same', id: itemId }
  const last = reviews.reduce((a, b) => (compareReviews(a, b) >= 0 ? a : b))
  const parsed = parseItemId(itemId)
  const deckId = stored?.deckId ?? item?.deckId ?? last.deckId
  const cardId = stored?.cardId ?? item?.cardId ?? parsed.cardId
  return {
    kind: 'put',
    row: {
      id: itemId,
      deckId,
      cardId,
      fact: stored?.fact ?? item?.fact ?? `${deckId}/${cardId}`,
      memory,
      retired: stored?.retired ?? false,
      updatedAt: last.at,
    },
  }
}

/** Field by field: two memories from the same replay are equal exactly, not approximately. */
export function sameMemory(a: MemoryState, b: MemoryState): boolean {
  return (
    a.state === b.state &&
    a.due === b.due &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.scheduledDays === b.scheduledDays &&
    a.learningSteps === b.learningSteps &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.lastReview === b.lastReview
  )
}
