import { describe, expect, it } from 'vitest'
import { reviewRows } from '@/components/quiz/quizReview'
import type { Card } from '@/core/deck'
import { gradeResponse, studyQuestion, type Response } from '@/core/questions'
import { createRng } from '@/core/random'

const card: Card = {
  id: 'c',
  type: 'cloze',
  kind: 'country',
  text: '{{c1::Kuwait}} and {{c1::Saudi Arabia}} bought Patriot',
  paragraphs: [6],
  tags: [],
}
const question = studyQuestion('d', card, 'forward', new Map(), createRng(1))

describe('reviewRows', () => {
  // Regression: the mistakes table graded blanks itself (trimming first), so it could mark a
  // blank differently from the score above it.
  it('marks the same blanks right as the score counts', () => {
    const responses: Response[] = [
      { form: 'cloze', texts: ['  Kuwait  ', ' Oman'] },
      { form: 'cloze', texts: ['Kuwiat', 'Saudi Arabiaa'] },
      { form: 'cloze', texts: ['', 'saudi arabia '] },
    ]
    for (const response of responses) {
      const rows = reviewRows(question, response)!
      const right = rows.filter((r) => r.correct).length
      expect(right / rows.length).toBe(gradeResponse(question, response).score)
    }
  })

  it('labels blanks and shows what was typed without its surrounding spaces', () => {
    expect(reviewRows(question, { form: 'cloze', texts: ['  Kuwait  ', 'Saudi Arabiaa'] })).toEqual(
      [
        { item: 'Blank 1', given: 'Kuwait', right: 'Kuwait', correct: true },
        { item: 'Blank 2', given: 'Saudi Arabiaa', right: 'Saudi Arabia', correct: true },
      ],
    )
  })

  it('has no rows for a question answered as a whole', () => {
    const typed = studyQuestion(
      'd',
      {
        id: 't',
        type: 'typed',
        kind: 'country',
        prompt: 'Where?',
        answers: ['Romania'],
        paragraphs: [],
        tags: [],
      },
      'forward',
      new Map(),
      createRng(1),
    )
    expect(reviewRows(typed, { form: 'typed', text: 'Romania' })).toBeNull()
  })
})
