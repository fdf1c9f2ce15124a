// Backup export and import. Import replaces everything in one transaction: all or nothing.
import { backupPicture, makeBackup, restoredPicture, type Backup } from '@/core/backup'
import { pictureIdsOf } from '@/core/pictures'
import { readSettings } from '@/core/settings'
import { announce } from './changes'
import { db } from './db'
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

/**
 * Replaces all stored data with a validated backup, in one transaction: if anything fails,
 * the data stored before is untouched. A quiz in progress is ended, since its questions may come
 * from decks the backup does not have; editor drafts are kept, since no backup holds them and they
 * are the user's unsaved work. Pictures are replaced by the backup's (a draft's pictures with them:
 * the draft then shows their alt text).
 */
export async function importBackup(backup: Backup): Promise<void> {
  const database = await db()
  const stores = [
    'decks',
    'progress',
    'reviews',
    'meta',
    'quizResults',
    'quizSessions',
    'pictures',
  ] as const
  const tx = database.transaction([...stores, 'outbox'], 'readwrite')
  // Requests are queued without awaiting each one (100,000 log rows would take seconds
  // otherwise); any failure aborts the transaction and rejects `tx.done`.
  const requests: Promise<unknown>[] = []
  for (const name of stores) if (name !== 'meta') requests.push(tx.objectStore(name).clear())
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
  await Promise.all([...requests, tx.done])
  announce({ kind: 'all' })
}
