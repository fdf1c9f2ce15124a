// A finished quiz: its score, its mistakes and what it tells the scheduler.
import type { Graded, Recall } from '../grading'
import {
  correctAnswerText,
  gradeResponse,
  recallOf,
  type Response,
  responseText,
} from '../questions'
import type { ProgressRow } from '../records'
import { configKey, type QuizConfig } from './config'
import type { QuizQuestion } from './generate'
import { quizClockMs, type QuizEnd, type QuizSession } from './session'

/** One question of a finished quiz. */
export interface QuizResultQuestion {
  question: QuizQuestion
  response: Response | null
  graded: Graded
  /** Time spent on the question. */
  elapsedMs: number
  /**
   * Time spent on the question when its answer was given: what the answer's speed is judged on.
   * Absent when unanswered, and in results of sessions saved before it was kept.
   */
  answeredMs?: number
  /** Its own time limit ran out. */
  timedOut: boolean
  /** It was ever shown: a question the clock never reached says nothing about memory. */
  seen: boolean
}

/** A finished quiz, as kept in the attempt history. */
export interface QuizResult {
  /** The session's id. */
  id: string
  configKey: string
  config: QuizConfig
  startedAt: number
  finishedAt: number
  /** Time taken, pauses excluded. */
  durationMs: number
  endedBy: QuizEnd
  total: number
  /** Questions fully right. */
  correct: number
  /** Mean credit from 0 to 1: partial answers (multiple select, ordering, matching, cloze) count in part. */
  score: number
  questions: readonly QuizResultQuestion[]
}

/** Grades a submitted session. Unanswered questions count wrong. Throws if it is not submitted. */
export function scoreQuiz(session: QuizSession): QuizResult {
  const finishedAt = session.submittedAt
  if (finishedAt === undefined) throw new Error('submit the quiz before scoring it')
  const questions = session.questions.map((question, i): QuizResultQuestion => {
    const response = session.answers[i] ?? null
    const answeredMs = response ? session.answeredMs?.[i] : undefined
    return {
      question,
      response,
      graded: response ? gradeResponse(question.question, response) : { correct: false, score: 0 },
      elapsedMs: session.elapsedMs[i] ?? 0,
      ...(answeredMs != null ? { answeredMs } : {}),
      timedOut: session.timedOut[i] ?? false,
      seen: session.shownAt[i] != null,
    }
  })
  const total = questions.length
  return {
    id: session.id,
    configKey: configKey(session.config),
    config: session.config,
    startedAt: session.startedAt,
    finishedAt,
    durationMs: quizClockMs(session, finishedAt),
    endedBy: session.endedBy ?? 'user',
    total,
    correct: questions.filter((q) => q.graded.correct).length,
    score: total ? questions.reduce((sum, q) => sum + q.graded.score, 0) / total : 0,
    questions,
  }
}

/** Questions fully right, earning part marks, and earning nothing (unanswered ones included). */
export interface ScoreTally {
  right: number
  partly: number
  wrong: number
}

/**
 * Splits graded questions by the credit they earned (`graded.score`, 0–1): fully right, some
 * credit (part marks), none. The three always add up to `questions.length`.
 */
export function tallyScores(
  questions: readonly { graded: { correct: boolean; score: number } }[],
): ScoreTally {
  let right = 0
  let partly = 0
  for (const { graded } of questions) {
    if (graded.correct) right++
    else if (graded.score > 0) partly++
  }
  return { right, partly, wrong: questions.length - right - partly }
}

/** A question got wrong, ready for the review: what was given, what is right, and where to read up. */
export interface QuizMistake {
  index: number
  entry: QuizResultQuestion
  given: string
  right: string
  explanation?: string
  deckId: string
  paragraphs: readonly number[]
}

/** Every question not fully right, in quiz order. */
export function mistakesOf(result: QuizResult): QuizMistake[] {
  return result.questions.flatMap((entry, index) => {
    if (entry.graded.correct) return []
    const q = entry.question.question
    return [
      {
        index,
        entry,
        given: responseText(q, entry.response ?? undefined),
        right: correctAnswerText(q),
        ...(q.explanation ? { explanation: q.explanation } : {}),
        deckId: q.deckId,
        paragraphs: q.paragraphs,
      },
    ]
  })
}

/** One scheduler update a quiz asks for. */
export interface QuizReview {
  itemId: string
  recall: Recall
  durationMs: number
}

/** Options of `quizReviews`. */
export interface QuizReviewOptions {
  /** Items due by then count as due (the store may pass the end of the study day); default `nowMs`. */
  dueBy?: number
}

/**
 * What a quiz result tells the scheduler, for a learner who lets quizzes feed it:
 * - wrong (or unanswered once shown) → `again`, so the card is due again soon, due or not;
 * - right and due by `dueBy` → the rating `recallOf` gives (speed-aware, as in study);
 * - right and not due, or never studied (no row, or a `new` one) → nothing: an early right answer
 *   is not a full review, and a card met first in a quiz has not been learnt, so one lucky choice
 *   must not graduate it past study;
 * - never shown (the clock ran out first) → nothing: it says nothing about memory.
 * An answer's time is the time until it was given (`answeredMs`; the time on screen for results
 * kept before that was recorded, and for questions left unanswered).
 * A matching question rates each pair's item on its own (`good` when right, having no per-pair
 * time); an ordering of dated events rates nothing, knowing relative order not being recall of any
 * one card. Items whose progress row is retired are skipped.
 */
export function quizReviews(
  result: QuizResult,
  progress: ReadonlyMap<string, ProgressRow>,
  nowMs: number,
  { dueBy = nowMs }: QuizReviewOptions = {},
): QuizReview[] {
  const out: QuizReview[] = []
  const add = (itemId: string, correct: boolean, recall: Recall, durationMs: number) => {
    const row = progress.get(itemId)
    if (row?.retired) return
    // a new card has no due date to be reached: it counts as not due
    const due = row !== undefined && row.memory.state !== 'new' && row.memory.due <= dueBy
    if (!correct) out.push({ itemId, recall: 'again', durationMs })
    else if (due) out.push({ itemId, recall, durationMs })
  }
  for (const entry of result.questions) {
    if (!entry.seen) continue
    const { question, itemId, itemIds } = entry.question
    const response = entry.response
    const tookMs = entry.answeredMs ?? entry.elapsedMs
    if (question.form === 'matching') {
      const matches = response?.form === 'matching' ? response.matches : {}
      const each = Math.round(tookMs / Math.max(1, question.pairs.length))
      question.pairs.forEach((pair, i) => {
        const id = itemIds[i]
        if (id) add(id, matches[pair.left] === pair.right, 'good', each)
      })
    } else if (itemId) {
      const recall =
        response && entry.graded.correct
          ? recallOf(question, response, entry.graded, tookMs)
          : 'again'
      add(itemId, entry.graded.correct, recall, tookMs)
    }
  }
  return out
}
