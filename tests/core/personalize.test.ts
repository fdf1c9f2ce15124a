import { describe, expect, it } from 'vitest'
import {
  learnerHabits,
  MIN_USABLE_REVIEWS,
  readiness,
  simulationCollection,
  suggestRefit,
  tooShortMessage,
  verdict,
  type FitReport,
} from '@/core/personalize'
import type { ProgressRow, ReviewRow } from '@/core/records'
import { newMemory } from '@/core/scheduler'
import { DEFAULT_COSTS } from '@/core/simulate'
import { NOW } from '../fixtures/decks'

const DAY = 86_400_000
const score = (logLoss: number, rmseBins: number) => ({ logLoss, rmseBins, reviews: 120 })
const report = (fitted: ReturnType<typeof score>): FitReport => ({
  usable: 600,
  current: null,
  defaults: score(0.4, 0.08),
  currentScore: score(0.4, 0.08),
  heldOutFit: fitted,
  weights: [],
})

describe('readiness', () => {
  it('asks for 400 usable reviews and says how many more', () => {
    expect(MIN_USABLE_REVIEWS).toBe(400)
    expect(readiness(150)).toEqual({ usable: 150, ready: false, needed: 250 })
    expect(readiness(400).ready).toBe(true)
    expect(tooShortMessage(150)).toBe(
      'Not enough history yet: 150 of the 400 reviews needed. Study for a while longer; 250 more reviews on a later day than a card’s last review will do.'.replace(
        '’',
        "'",
      ),
    )
  })
})

describe('verdict', () => {
  it('adopts a fit that predicts better and says by how much in plain words', () => {
    const v = verdict(report(score(0.38, 0.06)))
    expect(v.better).toBe(true)
    expect(Math.round(v.errorCut)).toBe(25)
    expect(v.summary).toMatch(/predicts your recall 25% better than the default parameters/)
    expect(v.summary).toMatch(/off by 6\.0% on average, against 8\.0%/)
  })

  it('calls a gain of under 3% slight', () => {
    expect(verdict(report(score(0.399, 0.079))).summary).toMatch(
      /predicts your recall slightly better/,
    )
  })

  it('keeps the current parameters when the fit is no better on either measure', () => {
    expect(verdict(report(score(0.41, 0.06))).better).toBe(false)
    const worse = verdict(report(score(0.39, 0.09)))
    expect(worse.better).toBe(false)
    expect(worse.summary).toMatch(/did not beat the default parameters.*nothing changes/)
  })
})

describe('suggestRefit', () => {
  it('suggests again after a month with new reviews or 1,000 more, never otherwise', () => {
    const last = { fittedAt: NOW, usable: 500 }
    expect(suggestRefit(last, 900, NOW + 5 * DAY)).toBe(false)
    expect(suggestRefit(last, 1500, NOW + 5 * DAY)).toBe(true)
    expect(suggestRefit(last, 501, NOW + 31 * DAY)).toBe(true)
    expect(suggestRefit(last, 500, NOW + 90 * DAY)).toBe(false)
    expect(suggestRefit(undefined, 399, NOW)).toBe(false)
  })
})

describe('learnerHabits', () => {
  it('takes median answer times once there are enough, else the defaults', () => {
    const review = (recall: ReviewRow['recall'], seconds: number, fresh: boolean): ReviewRow => {
      const m = newMemory(NOW)
      return {
        itemId: 'd/a',
        deckId: 'd',
        at: NOW,
        recall,
        durationMs: seconds * 1000,
        before: fresh ? m : { ...m, state: 'review' },
        after: m,
        source: 'study',
      }
    }
    const log = [
      ...Array.from({ length: 25 }, (_, i) => review('good', 5 + (i % 3), false)),
      review('good', 4000, false),
      ...Array.from({ length: 5 }, () => review('again', 30, false)),
    ]
    const { costs, ratings } = learnerHabits(log)
    expect(costs.recallSeconds).toBe(6)
    expect(costs.forgetSeconds).toBe(DEFAULT_COSTS.forgetSeconds)
    expect(ratings.recalled).toEqual([0, 26, 0])
  })
})

describe('simulationCollection', () => {
  it('starts the simulation from studied cards and counts the rest as new', () => {
    const row = (
      id: string,
      state: ProgressRow['memory']['state'],
      retired = false,
    ): ProgressRow => ({
      id,
      deckId: 'd',
      cardId: id,
      fact: id,
      memory: {
        ...newMemory(NOW),
        state,
        stability: 4,
        difficulty: 5,
        lastReview: NOW - 2 * DAY,
        due: NOW + 3 * DAY,
      },
      retired,
      updatedAt: NOW,
      rev: 1,
    })
    const out = simulationCollection([row('a', 'review'), row('b', 'review', true)], 10, NOW)
    expect(out.cards).toEqual([{ stability: 4, difficulty: 5, dueInDays: 3, elapsedDays: 2 }])
    expect(out.newCards).toBe(9)
  })
})
