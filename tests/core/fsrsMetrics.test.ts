import { describe, expect, it } from 'vitest'
import {
  evaluateWeights,
  logLoss,
  predictions,
  rmseBins,
  type Prediction,
} from '@/core/fsrsMetrics'
import { cardHistories, holdOutFrom, usableReviews } from '@/core/revlog'
import { DEFAULT_WEIGHTS } from '@/core/scheduler'
import { learnerRevlog, LEARNER_WEIGHTS } from '../fixtures/learner'

const pred = (p: number, y: 0 | 1, elapsedDays = 1, index = 2, lapses = 0): Prediction => ({
  p,
  y,
  elapsedDays,
  index,
  lapses,
})

describe('log loss', () => {
  it('is the mean negative log-likelihood of the outcomes', () => {
    expect(logLoss([pred(0.9, 1), pred(0.9, 0)])).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.1)) / 2,
      12,
    )
    expect(Number.isFinite(logLoss([pred(1, 0)]))).toBe(true)
  })
})

describe('RMSE (bins)', () => {
  it('compares mean prediction and recall rate within each bin, weighted by size', () => {
    // one bin of four: mean p 0.8, recalled 3 of 4 → error 0.05
    const bin = [pred(0.8, 1), pred(0.8, 1), pred(0.8, 1), pred(0.8, 0)]
    expect(rmseBins(bin)).toBeCloseTo(0.05, 12)
    // a second bin (elapsed 30 days) of one, predicted 0.5, forgotten → error 0.5
    const both = [...bin, pred(0.5, 0, 30)]
    expect(rmseBins(both)).toBeCloseTo(Math.sqrt((4 * 0.05 ** 2 + 0.5 ** 2) / 5), 12)
  })

  it('puts reviews in srs-benchmark bins: 1 and 3 days together, 4 days apart', () => {
    const a = [pred(0.9, 1, 1), pred(0.9, 0, 3)]
    expect(rmseBins(a)).toBeCloseTo(0.4, 12)
    const b = [pred(0.9, 1, 1), pred(0.9, 0, 4)]
    expect(rmseBins(b)).toBeCloseTo(Math.sqrt((0.1 ** 2 + 0.9 ** 2) / 2), 12)
  })
})

describe('evaluateWeights', () => {
  it('scores only reviews after a gap, from the hold-out time on, with lapses counted', () => {
    const DAY = 86_400_000
    const h = [
      { rating: 3 as const, elapsedDays: 0, reviewTime: 0 },
      { rating: 1 as const, elapsedDays: 2, reviewTime: 2 * DAY },
      { rating: 3 as const, elapsedDays: 0, reviewTime: 2 * DAY + 1 },
      { rating: 3 as const, elapsedDays: 3, reviewTime: 5 * DAY },
    ]
    const all = predictions([h], undefined)
    expect(all.map((p) => [p.index, p.y, p.lapses])).toEqual([
      [2, 0, 0],
      [4, 1, 1],
    ])
    expect(predictions([h], undefined, 3 * DAY)).toHaveLength(1)
  })

  it('scores the parameters a learner really follows better than the defaults', () => {
    const histories = cardHistories(learnerRevlog(3000), 0)
    const from = holdOutFrom(usableReviews(histories))
    const defaults = evaluateWeights(histories, DEFAULT_WEIGHTS, from)
    const truth = evaluateWeights(histories, LEARNER_WEIGHTS, from)
    expect(truth.reviews).toBe(defaults.reviews)
    expect(truth.reviews).toBeGreaterThan(400)
    expect(truth.logLoss).toBeLessThan(defaults.logLoss)
    expect(truth.rmseBins).toBeLessThan(defaults.rmseBins)
  })
})
