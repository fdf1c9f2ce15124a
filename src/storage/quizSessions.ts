// The one question about quizzes the app asks at every start: is a sitting still open (so an
// expired one can be handed in)? Apart from the rest of storage/quiz.ts, which loads with the quiz
// screens: the shell imports this file, and everything in a file the shell imports is first load.
import type { QuizSession } from '@/core/quiz/session'
import { db } from './db'

/** Sittings not yet submitted, newest first (normally at most one). */
export async function openSessions(): Promise<QuizSession[]> {
  const all = await (await db()).getAll('quizSessions')
  return all.filter((s) => s.submittedAt === undefined).sort((a, b) => b.startedAt - a.startedAt)
}
