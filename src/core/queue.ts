// What to study next, and in which order. Pure: the caller supplies now, the day and what was done today.
import type { MemoryState } from './scheduler'
import { endOfStudyDay, MINUTE_MS, type DayOptions } from './time'

/** One study item as the queue sees it. */
export interface QueueEntry {
  id: string
  /** Items sharing a fact are siblings: only one of them is studied per day. */
  fact: string
  /** Absent for an item never studied. */
  memory?: MemoryState
  /** Retired items (removed from their deck) are never queued. */
  retired?: boolean
}

export interface QueueOptions {
  nowMs: number
  day: DayOptions
  /** New items per day, and how many were already introduced today. */
  newPerDay: number
  newToday: number
  /** Reviews per day (Anki's cap, so a backlog is worked off over days), and how many were done today. */
  reviewsPerDay?: number
  reviewsToday?: number
  /** Facts studied earlier today: their siblings wait for another day. */
  factsToday?: ReadonlySet<string>
}

export interface StudyQueue {
  /** Item ids in the order to study them now. */
  now: string[]
  /** Learning items due later today, earliest first: shown when their time comes. */
  later: { id: string; due: number }[]
  /** What is queued, plus every review due today (`dueReviews`), capped or not. */
  counts: { learning: number; review: number; new: number; dueReviews: number }
}

export const LEARN_AHEAD_MS = 20 * MINUTE_MS

/**
 * Orders reviews by retrievability without computing it: FSRS's forgetting curve falls
 * monotonically in elapsed time over stability, so sorting by that ratio (descending) is sorting
 * by retrievability (ascending), at a division instead of a power per card.
 */
function forgetKey(memory: MemoryState, nowMs: number): number {
  const elapsed = Math.max(0, nowMs - (memory.lastReview ?? nowMs))
  return -elapsed / Math.max(memory.stability, 1e-6)
}

/**
 * Builds today's queue: learning and relearning items that are due, then due reviews (lowest
 * retrievability first) with new items (up to the daily limit) spread evenly among them.
 * Only one item per fact is queued, and none whose fact was studied earlier today,
 * except items already in learning, which must finish their steps.
 */
export function buildQueue(entries: readonly QueueEntry[], options: QueueOptions): StudyQueue {
  const { nowMs, day, factsToday } = options
  const dayEnd = endOfStudyDay(nowMs, day)
  const newLimit = Math.max(0, options.newPerDay - options.newToday)
  const reviewLimit = Math.max(0, (options.reviewsPerDay ?? Infinity) - (options.reviewsToday ?? 0))

  const learningNow: QueueEntry[] = []
  const later: { id: string; due: number }[] = []
  const reviews: QueueEntry[] = []
  const reviewKeys: number[] = []
  let dueReviews = 0
  // learning items claim their fact before any review or new sibling can
  const taken = new Set<string>()

  for (const e of entries) {
    if (e.retired) continue
    const m = e.memory
    if (!m || m.state === 'new') continue // new items are picked in a second, short pass below
    if (m.state === 'review') {
      if (m.due < dayEnd) {
        dueReviews++
        // a fact studied earlier today never competes for the lowest keys, so it cannot crowd
        // eligible reviews out of the shortlist
        if (factsToday?.has(e.fact)) continue
        reviews.push(e)
        reviewKeys.push(forgetKey(m, nowMs))
      }
    } else if (m.due <= nowMs) {
      learningNow.push(e)
      taken.add(e.fact)
    } else if (m.due < dayEnd) {
      later.push({ id: e.id, due: m.due })
      taken.add(e.fact)
    }
  }

  learningNow.sort((a, b) => a.memory!.due - b.memory!.due)
  later.sort((a, b) => a.due - b.due)

  const blocked = (fact: string) => taken.has(fact) || (factsToday?.has(fact) ?? false)
  const claim = (i: number) => {
    const fact = reviews[i]!.fact
    if (taken.has(fact)) return false
    taken.add(fact)
    return true
  }
  const reviewIds = lowestEligible(reviewKeys, reviewLimit, claim).map((i) => reviews[i]!.id)
  // New items in collection order, skipping blocked facts as we go: the scan stops at the limit,
  // so it is short however many siblings or facts studied today come first.
  const newIds: string[] = []
  for (let i = 0; i < entries.length && newIds.length < newLimit; i++) {
    const e = entries[i]!
    if (e.retired || (e.memory && e.memory.state !== 'new') || blocked(e.fact)) continue
    taken.add(e.fact)
    newIds.push(e.id)
  }

  return {
    now: [...learningNow.map((e) => e.id), ...interleave(reviewIds, newIds)],
    later,
    counts: {
      learning: learningNow.length + later.length,
      review: reviewIds.length,
      new: newIds.length,
      dueReviews,
    },
  }
}

/**
 * Up to `limit` indices of the smallest keys that `accept` takes, in ascending key order (ties by
 * position). `accept` is asked in that order and may depend on what it accepted before (siblings).
 * Only a shortlist is sorted; when too many of it are refused, a longer one is drawn, whose head
 * is the same, so the result is as if every key had been sorted.
 */
function lowestEligible(
  keys: readonly number[],
  limit: number,
  accept: (index: number) => boolean,
): number[] {
  const out: number[] = []
  if (limit <= 0) return out
  let k = Math.min(limit, keys.length) * 2 + 64
  let asked = 0
  for (;;) {
    const order = lowestFirst(keys, k)
    for (; asked < order.length && out.length < limit; asked++)
      if (accept(order[asked]!)) out.push(order[asked]!)
    if (out.length >= limit || order.length >= keys.length) return out
    k *= 4
  }
}

/**
 * Indices of the `k` smallest keys, in ascending order (ties by position). The threshold comes
 * from a native typed-array sort, so only the few items kept are sorted with a comparator.
 */
function lowestFirst(keys: readonly number[], k: number): number[] {
  let picked: number[]
  if (keys.length <= k) picked = keys.map((_, i) => i)
  else {
    const threshold = Float64Array.from(keys).sort()[k - 1]!
    picked = []
    for (let i = 0; i < keys.length; i++) if (keys[i]! <= threshold) picked.push(i)
  }
  return picked.sort((a, b) => keys[a]! - keys[b]! || a - b)
}

/**
 * Spreads `extra` evenly through `base`, keeping both orders: 4 reviews and 1 new item
 * give R R N R R.
 */
export function interleave<T>(base: readonly T[], extra: readonly T[]): T[] {
  const total = base.length + extra.length
  const out: T[] = []
  let b = 0
  let x = 0
  for (let slot = 0; slot < total; slot++) {
    const wantExtra = Math.floor(((slot + 1) * extra.length) / total + 0.5) > x
    if ((wantExtra && x < extra.length) || b >= base.length) out.push(extra[x++]!)
    else out.push(base[b++]!)
  }
  return out
}

/** What the session shows next: an item, a wait for a learning step, or the end. */
export type NextStep =
  { kind: 'item'; id: string } | { kind: 'wait'; until: number } | { kind: 'done' }

/**
 * Picks the next item of a running session. Learning items whose step has come go first; when the
 * queue is empty, an item due within the learn-ahead window is shown early rather than waiting.
 */
export function nextStep(
  queue: Pick<StudyQueue, 'now' | 'later'>,
  nowMs: number,
  learnAheadMs = LEARN_AHEAD_MS,
): NextStep {
  const dueLater = queue.later[0]
  if (dueLater && dueLater.due <= nowMs) return { kind: 'item', id: dueLater.id }
  const first = queue.now[0]
  if (first !== undefined) return { kind: 'item', id: first }
  if (dueLater && dueLater.due <= nowMs + learnAheadMs) return { kind: 'item', id: dueLater.id }
  if (dueLater) return { kind: 'wait', until: dueLater.due }
  return { kind: 'done' }
}

/**
 * The queue after answering `id`: the item leaves the queue and, if its new due date falls
 * later today (a learning step), it waits in `later` until then.
 */
export function afterAnswer(
  queue: Pick<StudyQueue, 'now' | 'later'>,
  id: string,
  memory: MemoryState,
  nowMs: number,
  day: DayOptions,
): Pick<StudyQueue, 'now' | 'later'> {
  const { now, later } = withoutItem(queue, id)
  if (memory.due < endOfStudyDay(nowMs, day)) {
    const at = later.findIndex((x) => x.due > memory.due)
    later.splice(at === -1 ? later.length : at, 0, { id, due: memory.due })
  }
  return { now, later }
}

/** The queue with `id` taken out of it, wherever it was (now or waiting for later). */
export function withoutItem(
  queue: Pick<StudyQueue, 'now' | 'later'>,
  id: string,
): Pick<StudyQueue, 'now' | 'later'> {
  return { now: queue.now.filter((x) => x !== id), later: queue.later.filter((x) => x.id !== id) }
}

/** The queue with `id` at its front, shown next (an undone answer's card comes back at once). */
export function withItemFirst(
  queue: Pick<StudyQueue, 'now' | 'later'>,
  id: string,
): Pick<StudyQueue, 'now' | 'later'> {
  const rest = withoutItem(queue, id)
  return { now: [id, ...rest.now], later: rest.later }
}
