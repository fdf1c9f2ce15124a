// Decks as installed on the device, and what installing or editing one does to progress.
import type { AnkiProgressWrites, AnkiReview } from '@/core/ankiProgress'
import type { Deck } from '@/core/deck'
import type { LoggedReview } from '@/core/reviewIds'
import type { Scheduler } from '@/core/scheduler'
import { planInstall, type InstallSummary } from '@/core/install'
import type { DeckOrigin, StoredDeck } from '@/core/records'
import type { PictureBlob } from '@/core/pictures'
import { cardKey } from '@/core/items'
import type { CardReset } from '@/core/resets'
import { reviewId } from '@/core/reviewIds'
import { announce } from './changes'
import { db, resetMetaKey, writeInSlices } from './db'
import { queueSync, syncWrites } from './outbox'
import { pictureWrites, putAndSweepPictures } from './pictures'

/** Every installed deck, shipped and the user's. */
export async function listDecks(): Promise<StoredDeck[]> {
  return (await db()).getAll('decks')
}

export async function getDeck(id: string): Promise<StoredDeck | undefined> {
  return (await db()).get('decks', id)
}

export type { InstallSummary } from '@/core/install'

/** Reviews brought along with a deck (an Anki package's), and the scheduler that replays them. */
export interface InstallHistory {
  reviews: readonly AnkiReview[]
  scheduler: Scheduler
  /** The replay for a device with none of the deck's progress, done ahead (in the import worker). */
  replayed?: AnkiProgressWrites
}

/**
 * Installs or updates a deck in one transaction: the deck, the pictures it names (from `pictures`;
 * stored ones no deck or draft names any more are deleted), and the progress writes `planInstall`
 * decides (retired, restored, reset). The deck must already be validated. With `history`, its
 * reviews join the log in the same transaction, and the items they touch get the progress that
 * replaying their whole log gives (`ankiProgress`).
 */
export async function installDeck(
  deck: Deck,
  origin: DeckOrigin,
  nowMs: number,
  resetCardIds: readonly string[] = [],
  history?: InstallHistory,
  pictures: readonly PictureBlob[] = [],
): Promise<InstallSummary> {
  const database = await db()
  // the replay brings in the scheduler, which the first load does without; it is loaded before
  // the transaction opens, since a transaction left waiting on anything else commits early
  const [replay, readResets] = history?.reviews.length
    ? await Promise.all([
        import('@/core/ankiProgress').then((m) => m.ankiProgress),
        import('./resets').then((m) => m.readResets),
      ])
    : []
  const tx = database.transaction(
    ['decks', 'progress', 'reviews', 'outbox', 'pictures', 'drafts', 'meta'],
    'readwrite',
  )
  const decks = tx.objectStore('decks')
  const progress = tx.objectStore('progress')
  const reviews = tx.objectStore('reviews')
  const meta = tx.objectStore('meta')
  const [previous, rows, logged, resets] = await Promise.all([
    decks.get(deck.id),
    progress.index('deckId').getAll(deck.id),
    history?.reviews.length ? reviews.index('deckId').getAll(deck.id) : [],
    readResets ? readResets(meta) : new Map<string, CardReset>(),
  ])
  const plan = planInstall(previous?.deck, deck, rows, nowMs, resetCardIds)
  // Each card that starts over gets a reset record: its rows go here, and its reviews (kept in
  // the log for history) stop counting on every device that replays the log.
  const newResets = plan.reset.map((cardId): CardReset => ({
    id: reviewId(nowMs, crypto.getRandomValues(new Uint8Array(10))),
    deckId: deck.id,
    cardId,
    at: nowMs,
  }))
  // the replay done ahead holds when this device has nothing of the deck yet and the deck kept its id
  const ahead =
    history?.replayed &&
    !logged.length &&
    !rows.length &&
    !resets.size &&
    history.replayed.rows.every((row) => row.deckId === deck.id)
      ? history.replayed
      : undefined
  const kept = ahead
    ? ahead
    : replay && history
      ? replay(
          deck,
          history.reviews,
          logged.flatMap((r): LoggedReview[] => (r.id === undefined ? [] : [{ ...r, id: r.id }])),
          rows,
          history.scheduler,
          resets,
        )
      : { reviews: [], rows: [] }
  const revs = new Map(rows.map((row) => [row.id, row.rev]))
  for (const row of plan.put) revs.set(row.id, row.rev)
  const replayed = new Set(kept.rows.map((row) => row.id))
  // Thousands of writes (a package with its history) would block the page for hundreds of ms if
  // issued at once: they go out in slices, still in this one transaction, the deck first.
  const record = {
    id: deck.id,
    origin,
    deck,
    installedAt: previous?.installedAt ?? nowMs,
    updatedAt: nowMs,
  }
  const pictureSteps = await pictureWrites(tx, pictures, { put: deck })
  await writeInSlices(tx, [
    () => decks.put(record),
    ...pictureSteps,
    ...plan.remove.map((id) => () => progress.delete(id)),
    ...plan.put.filter((row) => !replayed.has(row.id)).map((row) => () => progress.put(row)),
    ...kept.rows.map((row) => () => progress.put({ ...row, rev: (revs.get(row.id) ?? 0) + 1 })),
    ...kept.reviews.map((review) => () => reviews.put(review)),
    ...newResets.map(
      (reset) => () =>
        meta.put({ key: resetMetaKey(cardKey(deck.id, reset.cardId)), value: reset }),
    ),
    // the user's own decks sync (shipped ones come with the app); a package's kept reviews too
    ...(origin === 'user' ? syncWrites(tx, 'deck', [deck.id]) : []),
    ...syncWrites(
      tx,
      'review',
      kept.reviews.map((review) => review.id),
    ),
    ...syncWrites(
      tx,
      'reset',
      newResets.map((reset) => cardKey(deck.id, reset.cardId)),
    ),
  ])
  announce({ kind: 'decks' })
  if (kept.rows.length) announce({ kind: 'progress', deckIds: [deck.id] })
  return plan.summary
}

/**
 * Removes a deck with its progress, review history and the pictures no other deck (or editor
 * draft) names, in one transaction. With sync on, the deck and its reviews are deleted on the
 * other devices too (tombstones).
 */
export async function deleteDeck(id: string): Promise<void> {
  const database = await db()
  const tx = database.transaction(
    ['decks', 'progress', 'reviews', 'outbox', 'pictures', 'drafts'],
    'readwrite',
  )
  const writes: Promise<unknown>[] = [
    tx.objectStore('decks').delete(id),
    ...queueSync(tx, 'deck', [id]),
    putAndSweepPictures(tx, [], { removedDeckId: id }),
  ]
  for (const key of await tx.objectStore('progress').index('deckId').getAllKeys(id))
    writes.push(tx.objectStore('progress').delete(key))
  const reviewIds = await tx.objectStore('reviews').index('deckId').getAllKeys(id)
  for (const key of reviewIds) writes.push(tx.objectStore('reviews').delete(key))
  writes.push(...queueSync(tx, 'review', reviewIds))
  await Promise.all([...writes, tx.done])
  announce({ kind: 'decks' })
}
