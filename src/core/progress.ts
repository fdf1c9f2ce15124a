// Where a learner stands on a deck: counts for the Library, queue entries for study.
import type { StudyItem } from './items'
import type { QueueEntry } from './queue'
import type { ProgressRow, ReviewRow } from './records'
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
export function queueEntries(
  items: readonly StudyItem[],
  rows: ReadonlyMap<string, ProgressRow>,
): QueueEntry[] {
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
  const counts: DeckCounts = {
    total: items.length,
    new: 0,
    learning: 0,
    learned: 0,
    due: 0,
    mastery: 0,
  }
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

export interface TodayCounts {
  /** Items studied for the first time today (they count against the new-card limit). */
  newToday: number
  /** Reviews of graduated items today (they count against the review limit). */
  reviewsToday: number
  /** Facts studied today: their siblings wait until tomorrow. */
  factsToday: Set<string>
}

/**
 * What today's study log means for today's queue. Pass the log since the start of the study day;
 * quiz answers do not use up the daily limits. `factOf` maps an item id to its fact.
 */
export function todayCounts(
  log: readonly ReviewRow[],
  factOf: (itemId: string) => string | undefined,
): TodayCounts {
  const seen = new Set<string>()
  const out: TodayCounts = { newToday: 0, reviewsToday: 0, factsToday: new Set() }
  for (const r of log) {
    out.factsToday.add(factOf(r.itemId) ?? r.itemId)
    if (r.source !== 'study') continue
    if (r.before.state === 'new' && !seen.has(r.itemId)) out.newToday++
    else if (r.before.state === 'review') out.reviewsToday++
    seen.add(r.itemId)
  }
  return out
}

/**
 * Items of several decks taken in turn (a, b, c, a, b, c, …), so a session over every deck
 * introduces new cards from all of them rather than finishing one deck first.
 */
export function roundRobin<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = []
  const longest = Math.max(0, ...lists.map((l) => l.length))
  for (let i = 0; i < longest; i++)
    for (const list of lists) if (i < list.length) out.push(list[i]!)
  return out
}

/** What today holds: items due (reviews within the daily cap) and new items still allowed. */
export function todayPlan(
  counts: Pick<DeckCounts, 'due' | 'new'>,
  today: Pick<TodayCounts, 'newToday' | 'reviewsToday'>,
  limits: { newPerDay: number; reviewsPerDay: number },
): { due: number; new: number } {
  return {
    due: Math.min(counts.due, Math.max(0, limits.reviewsPerDay - today.reviewsToday)),
    new: Math.min(counts.new, Math.max(0, limits.newPerDay - today.newToday)),
  }
}
