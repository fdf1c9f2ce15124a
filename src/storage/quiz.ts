// Quizzes on the device: the sitting in progress (so a reload resumes it) and finished results,
// whose scheduler updates are written with them in one transaction.
import type { QuizResult } from '@/core/quiz/result'
import type { QuizSession } from '@/core/quiz/session'
import type { ProgressRow } from '@/core/records'
import type { AnswerWrite } from '@/core/review'
import { announce } from './changes'
import { db } from './db'
import { queueSync } from './outbox'
import { newReviewId } from './progress'

export { openSessions } from './quizSessions'

/** Saves the sitting as it stands; called after every answer and move. */
export async function saveSession(session: QuizSession): Promise<void> {
  await (await db()).put('quizSessions', session)
}

export async function getSession(id: string): Promise<QuizSession | undefined> {
  return (await db()).get('quizSessions', id)
}

export async function getResult(id: string): Promise<QuizResult | undefined> {
  return (await db()).get('quizResults', id)
}

/** Every attempt with the same settings (seed aside), oldest first. */
export async function resultsFor(configKey: string): Promise<QuizResult[]> {
  const rows = await (await db()).getAllFromIndex('quizResults', 'configKey', configKey)
  return rows.sort((a, b) => a.finishedAt - b.finishedAt)
}

/** The most recent results, newest first. */
export async function recentResults(limit = 20): Promise<QuizResult[]> {
  const out: QuizResult[] = []
  let cursor = await (
    await db()
  )
    .transaction('quizResults')
    .store.index('finishedAt')
    .openCursor(null, 'prev')
  while (cursor && out.length < limit) {
    out.push(cursor.value)
    cursor = await cursor.continue()
  }
  return out
}

/** A scheduler update a quiz makes, computed from the row as it is inside the transaction. */
export interface QuizUpdate {
  itemId: string
  /** Returns the new row and its log entry, or null to leave the item alone. */
  apply: (current: ProgressRow | undefined) => AnswerWrite | null
}

/**
 * Stores a finished quiz: the result, the scheduler updates it makes and the removal of its
 * sitting, in one transaction or not at all. Each update sees the progress row as it is at that
 * moment, so an answer given meanwhile in another tab is built on, not overwritten. A quiz whose
 * result is already stored only loses its sitting: its answers are never scheduled twice.
 * @returns the rows written.
 */
export async function finishQuiz(
  result: QuizResult,
  updates: readonly QuizUpdate[],
): Promise<ProgressRow[]> {
  const database = await db()
  const tx = database.transaction(
    ['quizResults', 'quizSessions', 'progress', 'reviews', 'outbox'],
    'readwrite',
  )
  const written: ProgressRow[] = []
  // Two tabs may hand in the same expired quiz as they start: the first records it, the second
  // finds its result and writes nothing, so the scheduler hears each answer once.
  if (await tx.objectStore('quizResults').getKey(result.id)) {
    await tx.objectStore('quizSessions').delete(result.id)
    await tx.done
    return written
  }
  await tx.objectStore('quizResults').put(result)
  await tx.objectStore('quizSessions').delete(result.id)
  await Promise.all(queueSync(tx, 'quiz', [result.id]))
  for (const update of updates) {
    const change = update.apply(await tx.objectStore('progress').get(update.itemId))
    if (!change) continue
    await tx.objectStore('progress').put(change.row)
    const review = change.review
    const id = review.id ?? newReviewId(review.at)
    await tx.objectStore('reviews').add({ ...review, id })
    await Promise.all(queueSync(tx, 'review', [id]))
    written.push(change.row)
  }
  await tx.done
  announce({ kind: 'quiz' })
  if (written.length)
    announce({ kind: 'progress', deckIds: [...new Set(written.map((r) => r.deckId))] })
  return written
}
