// Decks as installed on the device, and what installing or editing one does to progress.
import type { Deck } from '@/core/deck'
import { planInstall, type InstallSummary } from '@/core/install'
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

export type { InstallSummary } from '@/core/install'

/**
 * Installs or updates a deck in one transaction: the deck, and the progress writes `planInstall`
 * decides (retired, restored, reset). The deck must already be validated.
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
  const [previous, rows] = await Promise.all([
    decks.get(deck.id),
    progress.index('deckId').getAll(deck.id),
  ])
  const plan = planInstall(previous?.deck, deck, rows, nowMs, resetCardIds)
  // Writes are queued, not awaited one by one; a failing one aborts the transaction, and waiting
  // on all of them with `tx.done` reports that failure instead of leaving it unhandled.
  const writes: Promise<unknown>[] = [
    ...plan.remove.map((id) => progress.delete(id)),
    ...plan.put.map((row) => progress.put(row)),
    decks.put({
      id: deck.id,
      origin,
      deck,
      installedAt: previous?.installedAt ?? nowMs,
      updatedAt: nowMs,
    }),
  ]
  await Promise.all([...writes, tx.done])
  announce({ kind: 'decks' })
  return plan.summary
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
