// The words and rows of a quiz's result page: how the score splits into right, partly right and
// wrong, and the per-pair review of a matching or fill-in-the-blank answer.
import { gradeTyped } from '@/core/grading'
import type { Question, Response } from '@/core/questions'

/** Questions fully right, earning part marks, and earning nothing (unanswered ones included). */
export interface ScoreTally {
  right: number
  partly: number
  wrong: number
}

/** Splits graded questions by the credit they earned (0–1). */
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

/**
 * The tally in words, leaving out empty groups but always saying how many were right.
 * @example tallyText({ right: 1, partly: 2, wrong: 5 }) === '1 right, 2 partly right, 5 wrong'
 */
export function tallyText({ right, partly, wrong }: ScoreTally): string {
  return [
    `${right} right`,
    ...(partly ? [`${partly} partly right`] : []),
    ...(wrong ? [`${wrong} wrong`] : []),
  ].join(', ')
}

/** "1 quiz", "3 quizzes": counted things with their plural. */
export function countOf(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}

/**
 * A chart's one-line summary of quiz scores (0–100), in whole percent, saying what the points
 * are rather than "points".
 * @example trendSummary([{ value: 28.1 }], ['quiz', 'quizzes']) === 'Latest score 28%, best 28% across 1 quiz.'
 */
export function trendSummary(
  points: readonly { value: number; average?: number }[],
  [one, many]: readonly [string, string],
  averageLabel?: string,
): string {
  const last = points[points.length - 1]
  if (!last) return ''
  const pct = (v: number) => `${Math.round(v)}%`
  const best = points.reduce((m, p) => Math.max(m, p.value), -Infinity)
  const avg =
    averageLabel && last.average !== undefined
      ? `, ${averageLabel.toLowerCase()} ${pct(last.average)}`
      : ''
  return `Latest score ${pct(last.value)}${avg}, best ${pct(best)} across ${countOf(points.length, one, many)}.`
}

/** One pair of a matching answer, or one blank of a fill-in-the-blank. */
export interface ReviewRow {
  /** The left-hand item, or "Blank 2". */
  item: string
  /** What was chosen or typed; '' for nothing. */
  given: string
  right: string
  correct: boolean
}

/**
 * Row by row review of the answer forms whose whole answer is a list of parts (matching, fill
 * in the blank); null for the others. Blanks are graded as `gradeResponse` grades them.
 */
export function reviewRows(question: Question, response: Response | null): ReviewRow[] | null {
  if (question.form === 'matching') {
    const matches = response?.form === 'matching' ? response.matches : {}
    return question.pairs.map((p) => {
      const given = matches[p.left] ?? ''
      return { item: p.left, given, right: p.right, correct: given === p.right }
    })
  }
  if (question.form === 'cloze') {
    const texts = response?.form === 'cloze' ? response.texts : []
    return question.blanks.map((blank, i) => {
      const given = texts[i]?.trim() ?? ''
      return {
        item: `Blank ${i + 1}`,
        given,
        right: blank,
        correct: gradeTyped([blank], given, { rejects: question.rejects }).correct,
      }
    })
  }
  return null
}
