// Review ids: a ULID for each new review, a content-derived id for reviews from before ids. Apart
// from the review log (reviewLog.ts) because storage needs them at every start, and the log's
// replay brings in the scheduler, which the first load does without.
import { stableHash } from './ids'
import type { ReviewRow } from './records'

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
