// Sync's side of the device's database: the outbox of changes still to copy to the replication
// mirror, and applying what other devices did. The IndexedDB stores stay the store of record;
// PouchDB (loaded only when sync is on) is a mirror that CouchDB replication reads and writes.
import { itemsOfDeck, type StudyItem } from '@/core/items'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import type { ProgressRow, StoredDeck } from '@/core/records'
import { cardKeyOfItem, countingLog, readCardReset, type CardReset } from '@/core/resets'
import { replayRow, type LoggedReview } from '@/core/reviewLog'
import { createScheduler } from '@/core/scheduler'
import { readSettings, schedulerSettings, type Settings } from '@/core/settings'
import { announce } from './changes'
import { db, type OutboxRow } from './db'
import { getPictures, ownBytes, putAndSweepPictures } from './pictures'
import { raiseResets, readResets, resetKey } from './resets'

export { clearOutbox, countOutbox } from './syncMeta'

/** An outbox entry with the object as it stands now (undefined: it was undone or deleted). */
export type OutboxItem =
  | { seq: number; kind: 'review'; key: string; value: LoggedReview | undefined }
  | { seq: number; kind: 'deck'; key: string; value: StoredDeck | undefined }
  | { seq: number; kind: 'quiz'; key: string; value: { id: string } | undefined }
  | { seq: number; kind: 'settings'; key: string; value: Settings }
  | { seq: number; kind: 'reset'; key: string; value: CardReset | undefined }
  | { seq: number; kind: 'all'; key: string; value: undefined }

/** Up to `limit` outbox entries (all by default), oldest first, each with its object as it stands now. */
export async function readOutbox(limit = Infinity): Promise<OutboxItem[]> {
  const database = await db()
  const tx = database.transaction(['outbox', 'reviews', 'decks', 'quizResults', 'meta'], 'readonly')
  // IndexedDB counts are 32-bit: larger means all
  const rows = (await tx
    .objectStore('outbox')
    .getAll(undefined, limit > 0xffffffff ? undefined : limit)) as Required<OutboxRow>[]
  const items = await Promise.all(
    rows.map(async (row): Promise<OutboxItem> => {
      const { seq, key } = row
      switch (row.kind) {
        case 'review':
          return {
            seq,
            key,
            kind: 'review',
            value: (await tx.objectStore('reviews').get(key)) as LoggedReview | undefined,
          }
        case 'deck':
          return { seq, key, kind: 'deck', value: await tx.objectStore('decks').get(key) }
        case 'quiz':
          return { seq, key, kind: 'quiz', value: await tx.objectStore('quizResults').get(key) }
        case 'settings':
          return {
            seq,
            key,
            kind: 'settings',
            value: readSettings((await tx.objectStore('meta').get('settings'))?.value),
          }
        case 'reset':
          return {
            seq,
            key,
            kind: 'reset',
            value: readCardReset((await tx.objectStore('meta').get(resetKey(key)))?.value),
          }
        default:
          return { seq, key, kind: 'all', value: undefined }
      }
    }),
  )
  await tx.done
  return items
}

/** Removes entries once their objects are in the mirror. */
export async function ackOutbox(seqs: readonly number[]): Promise<void> {
  if (!seqs.length) return
  const tx = (await db()).transaction('outbox', 'readwrite')
  await Promise.all([...seqs.map((seq) => tx.store.delete(seq)), tx.done])
}

/** Everything sync copies: the log and its card resets, the user's decks, quiz results and settings. */
export interface LocalSnapshot {
  reviews: LoggedReview[]
  resets: CardReset[]
  decks: StoredDeck[]
  quizResults: { id: string }[]
  settings: Settings
}

export async function readSnapshot(): Promise<LocalSnapshot> {
  const database = await db()
  const tx = database.transaction(['reviews', 'decks', 'quizResults', 'meta'], 'readonly')
  const [reviews, decks, quizResults, settings, resets] = await Promise.all([
    tx.objectStore('reviews').getAll(),
    tx.objectStore('decks').getAll(),
    tx.objectStore('quizResults').getAll(),
    tx.objectStore('meta').get('settings'),
    readResets(tx.objectStore('meta')),
  ])
  await tx.done
  return {
    reviews: reviews as LoggedReview[],
    resets: [...resets.values()],
    decks: decks.filter((d) => d.origin === 'user'),
    quizResults,
    settings: readSettings(settings?.value),
  }
}

/** What other devices did, as one batch from the mirror's changes feed. */
export interface IncomingBatch {
  reviews: LoggedReview[]
  /** Ids of undone reviews. */
  deletedReviews: string[]
  /** Cards that started over on another device (optional: batches without any). */
  resets?: CardReset[]
  decks: StoredDeck[]
  deletedDecks: string[]
  quizResults: { id: string }[]
  /** Ids of deleted quiz results (progress reset on another device). */
  deletedQuizResults: string[]
  /** The merged settings, when they changed. */
  settings?: Record<string, unknown>
}

export interface AppliedBatch {
  /** Items whose progress changed (replayed from their merged log). */
  items: string[]
  decks: string[]
  settings: boolean
  quiz: boolean
  /** Pictures of the device's decks arrived (set by the engine once it fetched them). */
  pictures?: boolean
}

/**
 * Applies a batch in one transaction: reviews added and removed, card resets kept where later than
 * this device's, then every touched item's progress replayed from its merged log after its card's
 * latest reset (with the settings as they stand after the batch), decks, quiz results and settings. Applying the same batch twice changes nothing the second time.
 */
export async function applyIncoming(batch: IncomingBatch): Promise<AppliedBatch> {
  const database = await db()
  const tx = database.transaction(
    ['reviews', 'progress', 'decks', 'quizResults', 'meta', 'pictures', 'drafts'],
    'readwrite',
  )
  const out: AppliedBatch = { items: [], decks: [], settings: false, quiz: false }
  const meta = tx.objectStore('meta')
  let settings = readSettings((await meta.get('settings'))?.value)
  /** New personal FSRS parameters: every card is rescheduled, as the device that adopted them did. */
  let rescheduleAll = false
  if (batch.settings) {
    const merged = readSettings({ ...settings, ...batch.settings })
    if (JSON.stringify(merged) !== JSON.stringify(settings)) {
      rescheduleAll = JSON.stringify(merged.fsrsWeights) !== JSON.stringify(settings.fsrsWeights)
      settings = merged
      await meta.put({ key: 'settings', value: merged })
      out.settings = true
    }
  }

  const decks = tx.objectStore('decks')
  for (const deck of batch.decks) {
    const current = await decks.get(deck.id)
    if (current && current.origin !== 'user') continue // never replace a shipped deck
    if (current && JSON.stringify(current) === JSON.stringify(deck)) continue
    await decks.put(deck)
    out.decks.push(deck.id)
  }
  for (const id of batch.deletedDecks) {
    const current = await decks.get(id)
    if (current?.origin !== 'user') continue
    await decks.delete(id)
    out.decks.push(id)
  }
  // pictures no deck (or draft) shows any more go, as when the deck changes here
  if (out.decks.length) await putAndSweepPictures(tx, [], {})

  // Requests go out together, not one await at a time: a batch of 2,000 reviews is a few round
  // trips of the event loop instead of thousands.
  const quiz = tx.objectStore('quizResults')
  const [quizHeld, quizGone] = await Promise.all([
    Promise.all(batch.quizResults.map((result) => quiz.getKey(result.id))),
    Promise.all(batch.deletedQuizResults.map((id) => quiz.getKey(id))),
  ])
  const quizWrites = [
    ...batch.quizResults.filter((_, i) => !quizHeld[i]).map((r) => quiz.put(r as never)),
    ...batch.deletedQuizResults.filter((_, i) => quizGone[i]).map((id) => quiz.delete(id)),
  ]
  out.quiz = quizWrites.length > 0

  const reviews = tx.objectStore('reviews')
  const touched = new Set<string>()
  const [held, removed] = await Promise.all([
    Promise.all(batch.reviews.map((review) => reviews.getKey(review.id))),
    Promise.all(batch.deletedReviews.map((id) => reviews.get(id))),
  ])
  const reviewWrites: Promise<unknown>[] = []
  batch.reviews.forEach((review, i) => {
    if (held[i]) return
    reviewWrites.push(reviews.put(review))
    touched.add(review.itemId)
  })
  removed.forEach((stored, i) => {
    if (!stored) return
    reviewWrites.push(reviews.delete(batch.deletedReviews[i]!))
    touched.add(stored.itemId)
  })
  await Promise.all([...quizWrites, ...reviewWrites])

  const progress = tx.objectStore('progress')
  // A card that started over elsewhere: each of its items with a row here is replayed from after
  // the reset (an item without a row has nothing here that counts after an earlier reset either).
  const raised = await raiseResets(meta, batch.resets ?? [])
  const ofCards = await Promise.all(
    raised.map((key) => progress.getAllKeys(IDBKeyRange.bound(key, `${key}~\uffff`))),
  )
  ofCards.forEach((rowIds, i) => {
    for (const id of rowIds) if (cardKeyOfItem(id) === raised[i]) touched.add(id)
  })
  const resets = await readResets(meta)
  const rescheduled = rescheduleAll
    ? (await progress.getAllKeys()).filter((id) => !touched.has(id))
    : []
  if (touched.size || rescheduled.length) {
    // each touched item replayed once from its merged log, with its deck's items read once
    const scheduler = createScheduler(schedulerSettings(settings))
    const itemIds = [...touched, ...rescheduled]
    const [logs, rows] = await Promise.all([
      Promise.all(itemIds.map((id) => reviews.index('itemId').getAll(id))),
      Promise.all(itemIds.map((id) => progress.get(id))),
    ])
    const deckOf = (i: number) => rows[i]?.deckId ?? logs[i]![0]?.deckId ?? ''
    const deckIds = [...new Set(itemIds.map((_, i) => deckOf(i)))]
    const deckRows = await Promise.all(deckIds.map((id) => decks.get(id)))
    const itemsByDeck = new Map(
      deckIds.map((id, i): [string, Map<string, StudyItem>] => {
        const deck = deckRows[i]
        return [id, new Map(deck ? itemsOfDeck(deck.deck).map((item) => [item.id, item]) : [])]
      }),
    )
    const progressWrites: Promise<unknown>[] = []
    itemIds.forEach((itemId, i) => {
      const stored = rows[i]
      // the reviews before the card's latest reset stay in the log but are not replayed
      const log = countingLog(logs[i] as LoggedReview[], resets)
      // a card with no log of its own keeps its row when only the parameters changed
      if (!log.length && !touched.has(itemId)) return
      const item = itemsByDeck.get(deckOf(i))?.get(itemId)
      const result = replayRow(itemId, log, stored, item, scheduler)
      if (result.kind === 'same') return
      if (result.kind === 'delete') progressWrites.push(progress.delete(itemId))
      else
        progressWrites.push(
          progress.put({ ...result.row, rev: (stored?.rev ?? 0) + 1 } satisfies ProgressRow),
        )
      out.items.push(itemId)
    })
    await Promise.all(progressWrites)
  }
  await tx.done
  if (out.settings) announce({ kind: 'settings' })
  if (out.decks.length) announce({ kind: 'decks' })
  if (out.quiz) announce({ kind: 'quiz' })
  if (out.items.length) announce({ kind: 'all' })
  return out
}

/** The pictures with these ids that the device has. */
export function readPictures(ids: readonly string[]): Promise<PictureBlob[]> {
  return getPictures(ids)
}

/** Pictures the device's decks show and it lacks (decks from another device bring only names). */
export async function wantedPictures(): Promise<string[]> {
  const tx = (await db()).transaction(['decks', 'pictures'], 'readonly')
  const [decks, stored] = await Promise.all([
    tx.objectStore('decks').getAll(),
    tx.objectStore('pictures').getAllKeys(),
  ])
  await tx.done
  const have = new Set(stored)
  const named = pictureIdsOf(decks.flatMap((deck) => deck.deck.cards))
  return [...named].filter((id) => !have.has(id))
}

/**
 * Keeps pictures fetched for the device's decks, in one transaction, each only while a deck or a
 * draft still shows it (a deck deleted meanwhile leaves nothing behind). The caller has checked
 * the bytes against their ids.
 */
export async function keepPictures(pictures: readonly PictureBlob[]): Promise<void> {
  const tx = (await db()).transaction(['decks', 'drafts', 'pictures'], 'readwrite')
  const [decks, drafts] = await Promise.all([
    tx.objectStore('decks').getAll(),
    tx.objectStore('drafts').getAll(),
  ])
  const named = pictureIdsOf([
    ...decks.flatMap((deck) => deck.deck.cards),
    ...drafts.flatMap((draft) => draft.deck.cards ?? []),
  ])
  const store = tx.objectStore('pictures')
  await Promise.all([
    ...pictures.filter((p) => named.has(p.id)).map((p) => store.put(ownBytes(p))),
    tx.done,
  ])
  if (pictures.some((p) => named.has(p.id))) announce({ kind: 'decks' })
}
