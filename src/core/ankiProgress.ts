// A learner's Anki progress, kept: the package's reviews enter the review log and each card's
// memory is what replaying its whole log (what this device had, and Anki's) with FSRS gives.
import type { Deck } from './deck'
import { itemsOfCard, type ItemVariant } from './items'
import type { ProgressRow } from './records'
import type { Recall } from './grading'
import { countingLog, type CardReset } from './resets'
import { legacyReviewId, mergeLogs, replayRow, type LoggedReview } from './reviewLog'
import { newMemory, type Scheduler } from './scheduler'

/** One review from an Anki package's revlog, on an Intercept card. */
export interface AnkiReview {
  cardId: string
  /** Which of the card's study items: `forward`, `reverse`, or a cloze number `c2`… */
  variant: ItemVariant
  /** When it was answered (epoch ms, Anki's revlog id). */
  at: number
  /** Anki's answer button: 1 again, 2 hard, 3 good, 4 easy. */
  ease: 1 | 2 | 3 | 4
  durationMs: number
}

const RECALL: Record<AnkiReview['ease'], Recall> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' }

/** What keeping Anki progress writes: log entries to add and progress rows to put. */
export interface AnkiProgressWrites {
  reviews: LoggedReview[]
  rows: Omit<ProgressRow, 'rev'>[]
}

/**
 * The writes that bring Anki's reviews of `deck` into this device's log and progress. Each Anki
 * review becomes a log entry whose id is made from its content (`legacyReviewId`), so importing
 * the same package twice adds nothing the second time; each item's row is the replay of its
 * merged log (`replayRow`), so reviews made here are never lost. Reviews of cards the deck no
 * longer has are ignored.
 * @param existing this device's log entries for the deck's items
 * @param stored this device's progress rows for the deck
 * @param resets the latest reset of each card (core/resets.ts): the replay starts after it, while
 *   the reviews before it still join the log
 */
export function ankiProgress(
  deck: Deck,
  history: readonly AnkiReview[],
  existing: readonly LoggedReview[],
  stored: readonly ProgressRow[],
  scheduler: Scheduler,
  resets: ReadonlyMap<string, Pick<CardReset, 'at'>> = new Map(),
): AnkiProgressWrites {
  const all = deck.cards.flatMap((card) => itemsOfCard(deck.id, card))
  const items = new Map(all.map((item) => [`${item.cardId}~${item.variant}`, item]))
  const itemsById = new Map(all.map((item) => [item.id, item]))
  const byItem = new Map<string, AnkiReview[]>()
  for (const review of history) {
    const item = items.get(`${review.cardId}~${review.variant}`)
    if (!item) continue
    const list = byItem.get(item.id) ?? []
    list.push(review)
    byItem.set(item.id, list)
  }
  const storedById = new Map(stored.map((row) => [row.id, row]))
  const existingById = new Map<string, LoggedReview[]>()
  for (const review of existing) {
    const list = existingById.get(review.itemId) ?? []
    list.push(review)
    existingById.set(review.itemId, list)
  }
  const reviews: LoggedReview[] = []
  const rows: Omit<ProgressRow, 'rev'>[] = []
  for (const [itemId, list] of byItem) {
    const item = itemsById.get(itemId)!
    list.sort((a, b) => a.at - b.at)
    let memory = newMemory(list[0]!.at)
    const imported: LoggedReview[] = list.map((r) => {
      const step = scheduler.review(memory, RECALL[r.ease], r.at, itemId)
      const row = {
        itemId,
        deckId: deck.id,
        at: r.at,
        recall: RECALL[r.ease],
        durationMs: Math.max(0, Math.round(r.durationMs)),
        before: memory,
        after: step.after,
        source: 'study' as const,
      }
      memory = step.after
      return { ...row, id: legacyReviewId(row) }
    })
    const known = new Set((existingById.get(itemId) ?? []).map((r) => r.id))
    reviews.push(...imported.filter((r) => !known.has(r.id)))
    const merged = countingLog(mergeLogs(existingById.get(itemId) ?? [], imported), resets)
    const replayed = replayRow(itemId, merged, storedById.get(itemId), item, scheduler)
    if (replayed.kind === 'put') rows.push(replayed.row)
  }
  return { reviews, rows }
}
