// Where a learner stands on a deck: counts for the Library, queue entries for study.
import type { StudyItem } from './items'
import type { QueueEntry } from './queue'
import type { ProgressRow } from './records'
import { endOfStudyDay, type DayOptions } from './time'

export interface DeckCounts {
  total: number
  /** Never studied. */
  new: number
  /** In learning or relearning steps. */
  learning: number
  /** Graduated to review. */
  learned: number
  /** Learning and review items due by the end of today's study day. */
  due: number
  /** Share of items mastered (see MASTERED_STABILITY_DAYS), from 0 to 1. */
  mastery: number
}

/**
 * An item counts as mastered once FSRS expects its memory to last three weeks (stability ≥ 21
 * days), the threshold Anki calls "mature". Stability alone needs no clock and no FSRS engine,
 * which keeps the Library's counts cheap and out of the scheduler's bundle.
 */
export const MASTERED_STABILITY_DAYS = 21

/** Queue entries for items, with their stored progress where they have any. */
export function queueEntries(items: readonly StudyItem[], rows: ReadonlyMap<string, ProgressRow>): QueueEntry[] {
  return items.map((item) => {
    const row = rows.get(item.id)
    return { id: item.id, fact: item.fact, memory: row?.memory, retired: false }
  })
}

/** Counts for a set of items at `nowMs`. */
export function countItems(
  items: readonly StudyItem[],
  rows: ReadonlyMap<string, ProgressRow>,
  nowMs: number,
  day: DayOptions,
): DeckCounts {
  const dayEnd = endOfStudyDay(nowMs, day)
  const counts: DeckCounts = { total: items.length, new: 0, learning: 0, learned: 0, due: 0, mastery: 0 }
  let mastered = 0
  for (const item of items) {
    const memory = rows.get(item.id)?.memory
    if (!memory || memory.state === 'new') {
      counts.new++
      continue
    }
    if (memory.state === 'review') counts.learned++
    else counts.learning++
    if (memory.due < dayEnd) counts.due++
    if (memory.state === 'review' && memory.stability >= MASTERED_STABILITY_DAYS) mastered++
  }
  counts.mastery = items.length ? mastered / items.length : 0
  return counts
}
