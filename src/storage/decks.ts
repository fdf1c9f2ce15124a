// Decks as installed on the device, and what installing or editing one does to progress.
import type { Deck } from '@/core/deck'
import { itemsOfDeck } from '@/core/items'
import type { DeckOrigin, StoredDeck } from '@/core/records'
import { announce } from './changes'
import { db } from './db'

/** Every installed deck, shipped and the user's. */
export async function listDecks(): Promise<StoredDeck[]> {
  return (await db()).getAll('decks')
}

export async function getDeck(id: string): Promise<StoredDeck | undefined> {
  return (await db()).get('decks', id)
}

export interface InstallSummary {
  added: number
  changed: number
  retired: number
  restored: number
}

/**
 * Installs or updates a deck in one transaction. Progress follows card ids: items still in the
 * deck keep theirs, items that left are retired (history kept, never queued), items that come
 * back are restored, and `resetCardIds` start over. The deck must already be validated.
 */
export async function installDeck(
  deck: Deck,
  origin: DeckOrigin,
  nowMs: number,
  resetCardIds: readonly string[] = [],
): Promise<InstallSummary> {
  const database = await db()
  const tx = database.transaction(['decks', 'progress'], 'readwrite')
  const decks = tx.objectStore('decks')
  const progress = tx.objectStore('progress')
  const previous = await decks.get(deck.id)
  const items = new Map(itemsOfDeck(deck).map((item) => [item.id, item]))
  const oldCards = new Map(previous?.deck.cards.map((c) => [c.id, JSON.stringify(c)]))
  const reset = new Set(resetCardIds)
  const summary: InstallSummary = { added: 0, changed: 0, retired: 0, restored: 0 }
  for (const card of deck.cards) {
    const old = oldCards.get(card.id)
    if (old === undefined) summary.added++
    else if (old !== JSON.stringify(card)) summary.changed++
  }
  // Writes are queued, not awaited one by one; a failing one aborts the transaction, and waiting
  // on all of them with `tx.done` reports that failure instead of leaving it unhandled.
  const writes: Promise<unknown>[] = []
  for (const row of await progress.index('deckId').getAll(deck.id)) {
    const item = items.get(row.id)
    if (item && reset.has(item.cardId)) writes.push(progress.delete(row.id))
    else if (!item && !row.retired) {
      summary.retired++
      writes.push(progress.put({ ...row, retired: true, updatedAt: nowMs, rev: row.rev + 1 }))
    } else if (item && (row.retired || row.fact !== item.fact)) {
      if (row.retired) summary.restored++
      writes.push(
        progress.put({
          ...row,
          fact: item.fact,
          retired: false,
          updatedAt: nowMs,
          rev: row.rev + 1,
        }),
      )
    }
  }
  writes.push(
    decks.put({
      id: deck.id,
      origin,
      deck,
      installedAt: previous?.installedAt ?? nowMs,
      updatedAt: nowMs,
    }),
  )
  await Promise.all([...writes, tx.done])
  announce({ kind: 'decks' })
  return summary
}

/** Removes a deck with its progress and review history, in one transaction. */
export async function deleteDeck(id: string): Promise<void> {
  const database = await db()
  const tx = database.transaction(['decks', 'progress', 'reviews'], 'readwrite')
  const writes: Promise<unknown>[] = [tx.objectStore('decks').delete(id)]
  for (const key of await tx.objectStore('progress').index('deckId').getAllKeys(id))
    writes.push(tx.objectStore('progress').delete(key))
  for (const key of await tx.objectStore('reviews').index('deckId').getAllKeys(id))
    writes.push(tx.objectStore('reviews').delete(key))
  await Promise.all([...writes, tx.done])
  announce({ kind: 'decks' })
}
