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
  /** Items mastered (see MASTERED_STABILITY_DAYS). */
  mastered: number
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
    mastered: 0,
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
  counts.mastered = mastered
  return counts
}

/** A deck's progress as a bar and a line of text (`progressLine`). */
export interface ProgressLine {
  /** Share of items learned (graduated to review), 0–1: the bar's length. */
  learned: number
  /** Share of items mastered, 0–1 (never above `learned`): the bar's darker part. */
  mastered: number
  text: string
}

/**
 * How far a learner is through a deck, honestly and without a discouraging zero: learned cards
 * count as progress from the first session; mastery (three weeks of memory) is named once there
 * is some, since no one can master a card on the first day.
 * @example progressLine({ total: 20, learned: 4, mastered: 0, learning: 3, … }).text // "4 of 20 learned · 3 in learning"
 */
export function progressLine(counts: DeckCounts): ProgressLine {
  const { total, learned, learning, mastered } = counts
  const share = (n: number) => (total ? n / total : 0)
  const n = (x: number) => x.toLocaleString('en-US')
  let text: string
  if (total === 0) text = 'No cards yet'
  else if (learned === 0 && learning === 0) text = `Not started: ${n(total)} to learn`
  else {
    const parts = [`${n(learned)} of ${n(total)} learned`]
    if (mastered > 0) parts.push(`${n(mastered)} mastered`)
    if (learning > 0) parts.push(`${n(learning)} in learning`)
    text = parts.join(' · ')
  }
  return { learned: share(learned), mastered: share(mastered), text }
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
