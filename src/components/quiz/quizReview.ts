// The words and rows of a quiz's result page: the score's split into right, partly right and
// wrong in words, and the per-pair review of a matching or fill-in-the-blank answer. What counts
// as right is core's (`tallyScores`, `gradeParts`); this only words and labels it.
import { plural } from '@/core/plural'
import { gradeParts, type Question, type Response } from '@/core/questions'
import type { ScoreTally } from '@/core/quiz/result'

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
  return `Latest score ${pct(last.value)}${avg}, best ${pct(best)} across ${plural(points.length, one, many)}.`
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
 * in the blank); null for the others. Each row's verdict is `gradeParts`', the one `gradeResponse`
 * scores, so the table never disagrees with the score.
 */
export function reviewRows(question: Question, response: Response | null): ReviewRow[] | null {
  const parts = gradeParts(question, response)
  if (!parts) return null
  return parts.map(({ given, right, correct }, i) => ({
    item: question.form === 'matching' ? (question.pairs[i]?.left ?? '') : `Blank ${i + 1}`,
    given,
    right,
    correct,
  }))
}
