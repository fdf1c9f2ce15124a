// Backup export and import. Import replaces everything in one transaction: all or nothing.
import { backupPicture, makeBackup, restoredPicture, type Backup } from '@/core/backup'
import { pictureIdsOf } from '@/core/pictures'
import { readSettings } from '@/core/settings'
import { announce } from './changes'
import type { IDBPTransaction } from 'idb'
import { db, type InterceptDB } from './db'
import { queueSync } from './outbox'
import { readResets, replaceResets } from './resets'

import type { QuizResult } from '@/core/quiz/result'

/** Everything stored, as one backup object (`exportedAt` is supplied by the caller). */
export async function exportBackup(exportedAt: number): Promise<Backup> {
  const database = await db()
  const tx = database.transaction(
    ['decks', 'progress', 'reviews', 'meta', 'quizResults', 'pictures'],
    'readonly',
  )
  const [decks, progress, reviews, settingsRow, quizResults, resets] = await Promise.all([
    tx.objectStore('decks').getAll(),
    tx.objectStore('progress').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.objectStore('meta').get('settings'),
    tx.objectStore('quizResults').getAll(),
    readResets(tx.objectStore('meta')),
  ])
  // only the pictures a deck names: one the editor kept for an unsaved draft is not the learner's data yet
  const named = pictureIdsOf(decks.flatMap((d) => d.deck.cards))
  const pictures = await Promise.all([...named].map((id) => tx.objectStore('pictures').get(id)))
  await tx.done
  return makeBackup({
    exportedAt,
    settings: readSettings(settingsRow?.value),
    decks,
    progress,
    reviews,
    quizResults,
    pictures: pictures.flatMap((p) => (p ? [backupPicture(p)] : [])),
    resets: [...resets.values()],
  })
}

/** The stores a restore replaces (pictures only in part: see `importBackup`). */
const RESTORED = [
  'decks',
  'progress',
  'reviews',
  'meta',
  'quizResults',
  'quizSessions',
  'pictures',
] as const
type RestoreStore = (typeof RESTORED)[number] | 'drafts' | 'outbox'

/**
 * Replaces all stored data with a validated backup, in one transaction: if anything fails,
 * the data stored before is untouched. A quiz in progress is ended, since its questions may come
 * from decks the backup does not have; editor drafts are kept, since no backup holds them and they
 * are the user's unsaved work on this device. Pictures become the backup's plus those a kept draft
 * names (stored when the editor added them), so a deck being written keeps its pictures; every
 * other stored picture goes.
 */
export async function importBackup(backup: Backup): Promise<void> {
  const database = await db()
  const tx = database.transaction([...RESTORED, 'drafts', 'outbox'], 'readwrite')
  // read before any write, in the same transaction: the drafts that survive, and what is stored
  const [drafts, pictureKeys] = await Promise.all([
    tx.objectStore('drafts').getAll(),
    tx.objectStore('pictures').getAllKeys(),
  ])
  const keep = new Set(backup.pictures.map((p) => p.id))
  for (const draft of drafts) for (const id of pictureIdsOf(draft.deck.cards ?? [])) keep.add(id)
  // Requests are queued without awaiting each one (100,000 log rows would take seconds
  // otherwise); any failure aborts the transaction and rejects `tx.done`. A row refused at once
  // (put throws a DataError or DataCloneError instead of failing its request) would leave the
  // transaction to commit what was queued before it: that aborts it too.
  const requests: Promise<unknown>[] = []
  try {
    queueRestore(tx, backup, pictureKeys, keep, requests)
  } catch (error) {
    tx.abort()
    await Promise.allSettled([...requests, tx.done])
    throw error
  }
  await Promise.all([...requests, tx.done])
  announce({ kind: 'all' })
}

function queueRestore(
  tx: IDBPTransaction<InterceptDB, RestoreStore[], 'readwrite'>,
  backup: Backup,
  pictureKeys: readonly string[],
  keep: ReadonlySet<string>,
  requests: Promise<unknown>[],
): void {
  for (const name of RESTORED)
    if (name !== 'meta' && name !== 'pictures') requests.push(tx.objectStore(name).clear())
  for (const id of pictureKeys)
    if (!keep.has(id)) requests.push(tx.objectStore('pictures').delete(id))
  requests.push(tx.objectStore('meta').delete('settings'))
  for (const deck of backup.decks) requests.push(tx.objectStore('decks').put(deck))
  for (const row of backup.progress) requests.push(tx.objectStore('progress').put(row))
  for (const row of backup.reviews) requests.push(tx.objectStore('reviews').put(row))
  for (const row of backup.quizResults)
    requests.push(tx.objectStore('quizResults').put(row as QuizResult))
  for (const picture of backup.pictures)
    requests.push(tx.objectStore('pictures').put(restoredPicture(picture)))
  requests.push(tx.objectStore('meta').put({ key: 'settings', value: backup.settings }))
  // the cards that had started over, as they had (with sync on, the account's resets come back too)
  requests.push(replaceResets(tx.objectStore('meta'), backup.resets ?? []))
  // sync merges the restored data with the account's (review ids make a review count once)
  requests.push(...queueSync(tx, 'all', ['backup']))
}
