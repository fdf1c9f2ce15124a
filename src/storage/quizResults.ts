// Finished quizzes, read-only here: the quiz module writes the `quizResults` store (storage/quiz.ts),
// the Stats page reads the whole history through this file.
import type { QuizResult } from '@/core/quiz/result'
import { db } from './db'

/**
 * Every finished quiz on this device, oldest first (by `finishedAt`, epoch ms; ties in id order).
 * A row whose `score` is not a finite number (a broken or foreign write) is left out rather than
 * drawn as NaN. One read transaction; writes nothing.
 */
export async function listQuizResults(): Promise<QuizResult[]> {
  const rows = await (await db()).getAllFromIndex('quizResults', 'finishedAt')
  return rows.filter((row) => Number.isFinite(row.score))
}
