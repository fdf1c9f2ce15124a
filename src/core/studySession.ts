// The running tally of a study session: what its summary screen shows, and what an undo takes back.
import type { Recall } from './grading'
import { MINUTE_MS } from './time'

/** What a study session has done so far. */
export interface SessionSummary {
  answered: number
  correct: number
  byRecall: Record<Recall, number>
  /** When the session started (epoch ms). */
  startedAt: number
  /** Time spent on cards, each answer counted up to `STUDY_TIME_CAP_MS`. */
  studyMs: number
}

/**
 * Longest time one answer adds to the study time: a card left on screen while the learner was
 * away says nothing about how long they studied.
 */
export const STUDY_TIME_CAP_MS = 5 * MINUTE_MS

/** The tally of a session that starts at `startedAt`. */
export function emptySummary(startedAt: number): SessionSummary {
  return {
    answered: 0,
    correct: 0,
    byRecall: { again: 0, hard: 0, good: 0, easy: 0 },
    startedAt,
    studyMs: 0,
  }
}

/** The tally after one more answer, which took `shownForMs` from showing the card. */
export function countAnswer(
  summary: SessionSummary,
  recall: Recall,
  correct: boolean,
  shownForMs: number,
): SessionSummary {
  return {
    ...summary,
    answered: summary.answered + 1,
    correct: summary.correct + (correct ? 1 : 0),
    byRecall: { ...summary.byRecall, [recall]: summary.byRecall[recall] + 1 },
    studyMs: summary.studyMs + Math.min(Math.max(0, shownForMs), STUDY_TIME_CAP_MS),
  }
}

/**
 * The tally with an answer taken back. Its study time stays: the learner did spend it.
 */
export function uncountAnswer(
  summary: SessionSummary,
  recall: Recall,
  correct: boolean,
): SessionSummary {
  return {
    ...summary,
    answered: summary.answered - 1,
    correct: summary.correct - (correct ? 1 : 0),
    byRecall: { ...summary.byRecall, [recall]: summary.byRecall[recall] - 1 },
  }
}
