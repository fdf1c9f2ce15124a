import { describe, expect, it } from 'vitest'
import { countAnswer, emptySummary, STUDY_TIME_CAP_MS, uncountAnswer } from '@/core/studySession'
import { NOW } from '../fixtures/decks'

describe('study session tally', () => {
  it('counts answers, right ones and ratings, with study time capped per answer', () => {
    let s = emptySummary(NOW)
    s = countAnswer(s, 'good', true, 4000)
    s = countAnswer(s, 'again', false, 60 * 60_000) // left on screen for an hour
    expect(s).toEqual({
      answered: 2,
      correct: 1,
      byRecall: { again: 1, hard: 0, good: 1, easy: 0 },
      startedAt: NOW,
      studyMs: 4000 + STUDY_TIME_CAP_MS,
    })
  })

  it('takes an answer back, keeping the time spent', () => {
    const once = countAnswer(emptySummary(NOW), 'easy', true, 3000)
    expect(uncountAnswer(once, 'easy', true)).toEqual({ ...emptySummary(NOW), studyMs: 3000 })
  })

  it('counts no negative time when the clock went back', () => {
    expect(countAnswer(emptySummary(NOW), 'good', true, -5000).studyMs).toBe(0)
  })
})
