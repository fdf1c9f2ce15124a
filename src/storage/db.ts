// The IndexedDB database: its stores, versions and upgrades. Only src/storage/ opens it.
import {
  deleteDB,
  openDB,
  type DBSchema,
  type IDBPDatabase,
  type IDBPTransaction,
  type StoreNames,
} from 'idb'
import type { QuizResult } from '@/core/quiz/result'
import type { QuizSession } from '@/core/quiz/session'
import type { ProgressRow, ReviewRow, StoredDeck } from '@/core/records'
import type { PictureBlob } from '@/core/pictures'
import { legacyReviewId } from '@/core/reviewIds'

export const DB_NAME = 'intercept'

/**
 * What sync has yet to copy to its replication mirror: a kind and a key, written in the same
 * transaction as the change itself, so an acknowledged change is never missed. The current object
 * (or its absence: undone, deleted) is read when the entry is copied; `all` asks for everything
 * (a restored backup). A `reset` names a card (`deckId/cardId`): its latest reset goes.
 */
export interface OutboxRow {
  seq?: number
  kind: 'review' | 'deck' | 'quiz' | 'settings' | 'reset' | 'all'
  key: string
}

/**
 * Small values kept by key: settings, shipped-deck bookkeeping, flags, sync's bookkeeping, and the
 * latest reset of each card that started over (`resetMetaKey`, see storage/resets.ts).
 */
export interface MetaRow {
  key: string
  value: unknown
}

/** The meta key of a card's latest reset (core/resets.ts); `cardKey` is `deckId/cardId`. */
export const resetMetaKey = (cardKey: string): string => `reset:${cardKey}`

export interface InterceptDB extends DBSchema {
  decks: { key: string; value: StoredDeck }
  progress: { key: string; value: ProgressRow; indexes: { deckId: string } }
  reviews: {
    key: string
    value: ReviewRow
    indexes: { at: number; itemId: string; deckId: string }
  }
  meta: { key: string; value: MetaRow }
  quizResults: {
    key: string
    value: QuizResult
    indexes: { configKey: string; finishedAt: number }
  }
  quizSessions: { key: string; value: QuizSession }
  drafts: { key: string; value: import('@/core/deckEdit').Draft }
  outbox: { key: number; value: OutboxRow }
  /** Picture bytes by their SHA-256, shared by every card and deck that names them. */
  pictures: { key: string; value: PictureBlob }
}

type UpgradeTx = IDBPTransaction<InterceptDB, StoreNames<InterceptDB>[], 'versionchange'>

/**
 * Schema migrations, one per version, applied in order from the stored version to the latest.
 * Never edit a shipped step: add a new one.
 */
export const MIGRATIONS: readonly ((db: IDBPDatabase<InterceptDB>, tx: UpgradeTx) => void)[] = [
  // v1: decks, progress, the review log and settings
  (db) => {
    db.createObjectStore('decks', { keyPath: 'id' })
    const progress = db.createObjectStore('progress', { keyPath: 'id' })
    progress.createIndex('deckId', 'deckId')
    const reviews = db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true })
    reviews.createIndex('at', 'at')
    reviews.createIndex('itemId', 'itemId')
    db.createObjectStore('meta', { keyPath: 'key' })
  },
  // v2: quizzes (results with their history index, the running session) and editor drafts;
  // reviews gain a deck index for per-deck statistics.
  (db, tx) => {
    const results = db.createObjectStore('quizResults', { keyPath: 'id' })
    results.createIndex('configKey', 'configKey')
    results.createIndex('finishedAt', 'finishedAt')
    db.createObjectStore('quizSessions', { keyPath: 'id' })
    db.createObjectStore('drafts', { keyPath: 'id' })
    tx.objectStore('reviews').createIndex('deckId', 'deckId')
  },
  // v3: every review gets an id no other device will give (sync merges logs by id). The numbered
  // log moves aside, is copied into a store keyed by those ids, and is then dropped. The copy runs
  // in requests of this upgrade, so it completes (or the upgrade fails whole) before anyone reads.
  (db, tx) => {
    const numbered = tx.objectStore('reviews')
    numbered.name = 'reviewsNumbered'
    const reviews = db.createObjectStore('reviews', { keyPath: 'id' })
    reviews.createIndex('at', 'at')
    reviews.createIndex('itemId', 'itemId')
    reviews.createIndex('deckId', 'deckId')
    void tx
      .objectStore('reviewsNumbered' as 'reviews')
      .getAll()
      .then((rows) => {
        const used = new Set<string>()
        for (const { id: numberedId, ...row } of rows as (Omit<ReviewRow, 'id'> & {
          id?: unknown
        })[]) {
          // two rows alike in every field would share an id: the second keeps its old number too
          let id = legacyReviewId(row)
          if (used.has(id)) id = `${id}-${String(numberedId)}`
          used.add(id)
          void reviews.put({ ...row, id })
        }
        db.deleteObjectStore('reviewsNumbered' as 'reviews')
      })
      .catch(() => {
        // a failed copy must not open a database that lost its log: the upgrade fails whole
        tx.abort()
      })
  },
  // v4: the sync outbox (see OutboxRow).
  (db) => {
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
  },
  // v5: pictures, as bytes (not Blob: an ArrayBuffer stores the same on every browser), by SHA-256
  (db) => {
    db.createObjectStore('pictures', { keyPath: 'id' })
  },
]

export const DB_VERSION = MIGRATIONS.length

let opening: Promise<IDBPDatabase<InterceptDB>> | undefined
const outdatedListeners = new Set<() => void>()

/**
 * Calls `listener` when a newer version of the app, open in another tab, needs this tab to let go
 * of the database. From then on this tab can no longer save: the listener should ask for a reload.
 * @returns a function that removes the listener.
 */
export function onDatabaseOutdated(listener: () => void): () => void {
  outdatedListeners.add(listener)
  return () => outdatedListeners.delete(listener)
}

/**
 * Opens the database at `version` (the latest by default), running the migrations it lacks.
 * Another tab holding an older version is asked to close (and told to reload through
 * {@link onDatabaseOutdated}), so upgrades never stall.
 */
export function openAppDb(version = DB_VERSION): Promise<IDBPDatabase<InterceptDB>> {
  return openDB<InterceptDB>(DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]!(db, tx)
    },
    blocking() {
      // a newer version of the app opened in another tab: step aside so it can upgrade
      void opening?.then((db) => db.close())
      opening = undefined
      for (const listener of outdatedListeners) listener()
    },
    terminated() {
      opening = undefined
    },
  })
}

/** The shared connection, opened on first use. */
export function db(): Promise<IDBPDatabase<InterceptDB>> {
  opening ??= openAppDb().catch((error: unknown) => {
    opening = undefined
    throw error
  })
  return opening
}

/** Test seam: closes the connection and deletes the database. */
export async function resetAppDb(): Promise<void> {
  const current = opening
  opening = undefined
  if (current) (await current.catch(() => undefined))?.close()
  await deleteDB(DB_NAME)
}

/** Main-thread work per slice of `writeInSlices`: well under a frame, so the page keeps painting. */
const SLICE_MS = 8

/**
 * Issues `writes` (each starts one request of `tx`) in slices of about 8 ms of this thread's work,
 * waiting for the last request of a slice before starting the next, so the event loop runs in
 * between and a large install never blocks the page for long. It is still one transaction: a
 * pending request keeps it open, and its success event runs the next slice while it is active.
 * `sliceMs` 0 waits after every request (tests).
 * Resolves once the transaction has committed. On any failure, a request's or a synchronous throw
 * (a value that cannot be stored), the transaction is aborted, so nothing is written, and the
 * error is rethrown.
 */
export async function writeInSlices(
  tx: { done: Promise<void>; abort(): void },
  writes: Iterable<() => Promise<unknown>>,
  sliceMs = SLICE_MS,
): Promise<void> {
  const pending: Promise<unknown>[] = []
  try {
    let sliceStart = performance.now()
    for (const write of writes) {
      const request = write()
      pending.push(request)
      if (performance.now() - sliceStart >= sliceMs) {
        await request
        sliceStart = performance.now()
      }
    }
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // a failed request has aborted it already
    }
    await Promise.allSettled([...pending, tx.done])
    throw error
  }
  await Promise.all([...pending, tx.done])
}
