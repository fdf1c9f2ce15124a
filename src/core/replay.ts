// Rescheduling a collection with new FSRS parameters: every card's memory replayed from its log
// (core/reviewLog.ts's replay) with a scheduler carrying the parameters, and which way each moved.
import type { ProgressRow } from './records'
import { compareReviews, replayRow, type LoggedReview } from './reviewLog'
import type { Scheduler } from './scheduler'

/** The outcome of rescheduling a whole collection. */
export interface Rescheduled {
  /** Rows whose memory changed, with their new memory (rev untouched: storage bumps it). */
  rows: ProgressRow[]
  /** Cards (not retired) now due at least an hour earlier than before. */
  earlier: number
  /** Cards (not retired) now due at least an hour later than before. */
  later: number
  /** Cards whose due time stays within the hour, or that have no log to replay. */
  unchanged: number
}

const HOUR_MS = 3_600_000

/**
 * Every card's memory recomputed from its log with `scheduler` (which carries the new
 * parameters), and how many cards move earlier or later. A card with no log (a progress row
 * restored without its history) keeps its memory. `nowMs` stamps the changed rows.
 */
export function rescheduleAll(
  rows: readonly ProgressRow[],
  reviews: readonly LoggedReview[],
  scheduler: Scheduler,
  nowMs: number,
): Rescheduled {
  const byItem = new Map<string, LoggedReview[]>()
  for (const r of [...reviews].sort(compareReviews)) {
    const list = byItem.get(r.itemId)
    if (list) list.push(r)
    else byItem.set(r.itemId, [r])
  }
  const out: Rescheduled = { rows: [], earlier: 0, later: 0, unchanged: 0 }
  for (const row of rows) {
    const log = byItem.get(row.id)
    const replayed = log && replayRow(row.id, log, row, undefined, scheduler)
    if (replayed?.kind !== 'put') {
      if (!row.retired) out.unchanged++
      continue
    }
    const memory = replayed.row.memory
    const shift = memory.due - row.memory.due
    if (!row.retired) {
      if (shift <= -HOUR_MS) out.earlier++
      else if (shift >= HOUR_MS) out.later++
      else out.unchanged++
    }
    out.rows.push({ ...row, memory, updatedAt: nowMs })
  }
  return out
}
