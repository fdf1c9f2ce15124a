// What installing a deck (new, updated or edited) does to the progress already stored for it.
// Pure: storage reads the rows and the installed deck, and applies the writes in one transaction.
import type { Deck } from './deck'
import { itemsOfDeck } from './items'
import type { ProgressRow } from './records'

/** What an install changes, for the message after it. */
export interface InstallSummary {
  added: number
  changed: number
  retired: number
  restored: number
}

/** The progress writes of an install, and what it changes. */
export interface InstallPlan {
  summary: InstallSummary
  /** Rows to store (each with `rev` bumped). */
  put: ProgressRow[]
  /** Ids of rows to remove. */
  remove: string[]
  /**
   * Cards that start over (asked for, and in the deck before and after): storage records a reset
   * for each (core/resets.ts), so their earlier reviews stop counting on every device, not only
   * here where the rows go.
   */
  reset: string[]
}

/**
 * Progress follows card ids: items still in the deck keep theirs (their fact updated if it
 * changed), items that left are retired (history kept, never queued), items that come back are
 * restored, and items of `resetCardIds` start over. `rows` are the deck's stored progress rows;
 * `previous` the deck as installed before, if it was. `deck` must already be validated.
 */
export function planInstall(
  previous: Deck | undefined,
  deck: Deck,
  rows: readonly ProgressRow[],
  nowMs: number,
  resetCardIds: readonly string[] = [],
): InstallPlan {
  // with no stored rows (a first install) there is nothing to match: skip listing the items
  const items = new Map(rows.length ? itemsOfDeck(deck).map((item) => [item.id, item]) : [])
  const oldCards = new Map(previous?.cards.map((c) => [c.id, JSON.stringify(c)]))
  const resetIds = new Set(resetCardIds)
  const summary: InstallSummary = { added: 0, changed: 0, retired: 0, restored: 0 }
  for (const card of deck.cards) {
    const old = oldCards.get(card.id)
    if (old === undefined) summary.added++
    else if (old !== JSON.stringify(card)) summary.changed++
  }
  const put: ProgressRow[] = []
  const remove: string[] = []
  const reset = deck.cards.flatMap((card) =>
    resetIds.has(card.id) && oldCards.has(card.id) ? [card.id] : [],
  )
  for (const row of rows) {
    const item = items.get(row.id)
    if (item && resetIds.has(item.cardId)) remove.push(row.id)
    else if (!item && !row.retired) {
      summary.retired++
      put.push({ ...row, retired: true, updatedAt: nowMs, rev: row.rev + 1 })
    } else if (item && (row.retired || row.fact !== item.fact)) {
      if (row.retired) summary.restored++
      put.push({ ...row, fact: item.fact, retired: false, updatedAt: nowMs, rev: row.rev + 1 })
    }
  }
  return { summary, put, remove, reset }
}
