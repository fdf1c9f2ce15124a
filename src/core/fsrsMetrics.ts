// How well a set of FSRS parameters predicts recall: log loss and RMSE (bins), computed as the
// open srs-benchmark computes them, over reviews held out from fitting.
import type { HistoryReview } from './revlog'
import { memoryModel } from './scheduler'

/** One prediction to score: the predicted recall and what happened. */
export interface Prediction {
  /** Predicted probability of recall, 0–1. */
  p: number
  /** 1 if recalled (any rating but again), else 0. */
  y: 0 | 1
  /** Whole days since the card's previous review. */
  elapsedDays: number
  /** The review's position in the card's history, from 1. */
  index: number
  /** Lapses before it: again ratings after a gap of at least a day. */
  lapses: number
}

export interface Metrics {
  /** Mean negative log-likelihood of the outcomes; lower is better. */
  logLoss: number
  /** srs-benchmark's RMSE (bins), 0–1; lower is better. */
  rmseBins: number
  /** How many reviews were scored. */
  reviews: number
}

const EPS = 1e-15

/** Mean log loss of predictions (probabilities clipped as scikit-learn clips them). */
export function logLoss(predictions: readonly Pick<Prediction, 'p' | 'y'>[]): number {
  if (!predictions.length) return NaN
  let sum = 0
  for (const { p, y } of predictions) {
    const q = Math.min(1 - EPS, Math.max(EPS, p))
    sum -= y ? Math.log(q) : Math.log(1 - q)
  }
  return sum / predictions.length
}

// srs-benchmark's bins: geometric in elapsed days, review number and lapses.
const binOf = (x: number, scale: number, base: number, digits: number) => {
  const v = scale * Math.pow(base, Math.floor(Math.log(x) / Math.log(base)))
  const f = Math.pow(10, digits)
  return Math.round(v * f) / f
}

/**
 * RMSE (bins) as srs-benchmark defines it: reviews are grouped by elapsed days, review number
 * and lapse count (each on a geometric scale); within each group the mean predicted recall is
 * compared with the share actually recalled; the root of the mean squared difference is
 * weighted by group size.
 */
export function rmseBins(predictions: readonly Prediction[]): number {
  if (!predictions.length) return NaN
  const groups = new Map<string, { p: number; y: number; n: number }>()
  for (const r of predictions) {
    const key = [
      binOf(Math.max(r.elapsedDays, 1e-6), 2.48, 3.62, 2),
      binOf(r.index, 1.99, 1.89, 0),
      r.lapses === 0 ? 0 : binOf(r.lapses, 1.65, 1.73, 0),
    ].join('|')
    const g = groups.get(key)
    if (g) {
      g.p += r.p
      g.y += r.y
      g.n++
    } else groups.set(key, { p: r.p, y: r.y, n: 1 })
  }
  let sum = 0
  let total = 0
  for (const { p, y, n } of groups.values()) {
    sum += n * Math.pow(y / n - p / n, 2)
    total += n
  }
  return Math.sqrt(sum / total)
}

/**
 * The predictions `weights` make for every usable review (a gap of a day or more) at or after
 * `fromMs`, each from the card's whole earlier history.
 */
export function predictions(
  histories: readonly (readonly HistoryReview[])[],
  weights: readonly number[] | undefined,
  fromMs = -Infinity,
): Prediction[] {
  const model = memoryModel(weights)
  const out: Prediction[] = []
  for (const history of histories) {
    let memory = null as ReturnType<typeof model.next> | null
    let lapses = 0
    history.forEach((review, i) => {
      if (memory && review.elapsedDays > 0 && review.reviewTime >= fromMs)
        out.push({
          p: model.recall(memory.stability, review.elapsedDays),
          y: review.rating > 1 ? 1 : 0,
          elapsedDays: review.elapsedDays,
          index: i + 1,
          lapses,
        })
      if (review.rating === 1 && review.elapsedDays > 0) lapses++
      memory = model.next(memory, review.elapsedDays, review.rating)
    })
  }
  return out
}

/** Log loss and RMSE (bins) of `weights` over the usable reviews from `fromMs` on. */
export function evaluateWeights(
  histories: readonly (readonly HistoryReview[])[],
  weights: readonly number[] | undefined,
  fromMs = -Infinity,
): Metrics {
  const scored = predictions(histories, weights, fromMs)
  return { logLoss: logLoss(scored), rmseBins: rmseBins(scored), reviews: scored.length }
}
