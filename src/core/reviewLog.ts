// The review log is the truth. Every review has an id that no other review on any device will ever
// have, so logs from several devices merge by plain union; a card's memory is what replaying its
// merged log with the scheduler gives (ts-fsrs is deterministic per card, fuzz included, since the
// fuzz is seeded by the item id and the repetition count).
import { stableHash } from './ids'
import { parseItemId } from './items'
import type { ProgressRow, ReviewRow } from './records'
import { newMemory, type MemoryState, type Scheduler } from './scheduler'

/** A review as stored: its id is always set. */
export type LoggedReview = ReviewRow & { id: string }

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const TIME_CHARS = 10
const RANDOM_CHARS = 16

/** `ms` as ten Crockford base-32 characters, so ids sort by time as text (a ULID's time part). */
export function encodeTime(ms: number): string {
  let rest = Math.max(0, Math.floor(ms))
  let out = ''
  for (let i = 0; i < TIME_CHARS; i++) {
    out = CROCKFORD[rest % 32]! + out
    rest = Math.floor(rest / 32)
  }
  return out
}

/**
 * A ULID for a review answered at `atMs`: 48 bits of time and 80 random bits from `random`
 * (at least 10 bytes, from a secure source: the caller's, since the core has no randomness).
 * Two devices making ids at the same millisecond collide with odds of 1 in 2^80.
 * @example reviewId(Date.UTC(2026, 0, 1), crypto.getRandomValues(new Uint8Array(10)))
 */
export function reviewId(atMs: number, random: Uint8Array): string {
  if (random.length < 10) throw new Error('reviewId needs 10 random bytes')
  let bits = 0
  let value = 0
  let out = ''
  for (let i = 0; i < 10; i++) {
    value = (value << 8) | random[i]!
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += CROCKFORD[(value >>> bits) & 31]
    }
    value &= (1 << bits) - 1
  }
  return encodeTime(atMs) + out.slice(0, RANDOM_CHARS)
}

/**
 * The id of a review recorded before reviews had ids of their own (the numbered log of older
 * versions, old backups). It is made from the review's content, so the same old review restored on
 * two devices gets the same id on both and is counted once after they sync.
 */
export function legacyReviewId(review: Omit<ReviewRow, 'id'>): string {
  const content = [
    review.itemId,
    review.at,
    review.recall,
    review.source,
    review.durationMs,
    review.before.reps,
    review.before.due,
  ].join('|')
  const hash = (stableHash(content) + stableHash(`~${content}`))
    .toUpperCase()
    .replace(/[ILOU]/g, 'Z')
  return encodeTime(review.at) + hash.padEnd(RANDOM_CHARS, '0').slice(0, RANDOM_CHARS)
}

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
