// The rules of personal FSRS parameters: when there is enough history to fit, whether a fit is
// better than what is in use, how to say so in plain words, and when to suggest fitting again.
import { evaluateWeights, type Metrics } from './fsrsMetrics'
import { plural } from './plural'
import type { ProgressRow, ReviewRow } from './records'
import { cardHistories, holdOutFrom, usableReviews, type RevlogEntry } from './revlog'
import { DEFAULT_WEIGHTS } from './scheduler'
import type { RatingMix, ReviewCosts, SimCard } from './simulate'
import { DEFAULT_COSTS, DEFAULT_RATING_MIX } from './simulate'

/**
 * Usable reviews (a day or more after the card's previous review) needed before fitting.
 * The FSRS project asks for about 400; below that the newest fifth held out to measure the gain
 * is under 80 reviews, too few to tell a real gain from luck.
 */
export const MIN_USABLE_REVIEWS = 400

/** Share of usable reviews (the oldest) the measuring fit learns from; the rest are held out. */
export const TRAIN_SHARE = 0.8

/** Suggest fitting again after this many more usable reviews… */
export const REFIT_AFTER_REVIEWS = 1000
/** …or this long, provided some new reviews came in. */
export const REFIT_AFTER_MS = 30 * 86_400_000

/** Where the learner stands on fitting. */
export interface Readiness {
  usable: number
  ready: boolean
  /** How many more usable reviews are needed (0 when ready). */
  needed: number
}

export function readiness(usable: number): Readiness {
  const needed = Math.max(0, MIN_USABLE_REVIEWS - usable)
  return { usable, ready: needed === 0, needed }
}

/** The message shown when the history is too short to fit. */
export function tooShortMessage(usable: number): string {
  const { needed } = readiness(usable)
  return (
    `Not enough history yet: ${usable.toLocaleString('en')} of the ${MIN_USABLE_REVIEWS} ` +
    `reviews needed. Study for a while longer; ${plural(needed, 'more review', 'more reviews')} ` +
    `on a later day than a card's last review will do.`
  )
}

/** What a fit found, measured on the newest reviews it did not learn from. */
export interface FitReport {
  /** Usable reviews in the whole history. */
  usable: number
  /** The parameters in use when fitting began (null = FSRS's defaults). */
  current: number[] | null
  /** Scores on the held-out reviews. */
  defaults: Metrics
  currentScore: Metrics
  /** The parameters fitted on the older reviews only, scored on the held-out ones. */
  heldOutFit: Metrics
  /** The parameters fitted on the whole history: what is adopted. */
  weights: number[]
}

export interface Verdict {
  better: boolean
  /** How much smaller the prediction error (RMSE bins) is than with the parameters in use, in %. */
  errorCut: number
  /** How much smaller the log loss is, in %. */
  lossCut: number
  /** One sentence for the learner. */
  summary: string
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`

/**
 * Whether the fit beats the parameters in use on the held-out reviews: lower log loss (the
 * proper score of a probability) and an RMSE (bins) no worse. The summary speaks of the
 * prediction error, the measure a learner can picture ("predicted 90%, recalled 84%").
 */
export function verdict(report: FitReport): Verdict {
  const before = report.currentScore
  const after = report.heldOutFit
  const better = after.logLoss < before.logLoss && after.rmseBins <= before.rmseBins
  const errorCut = before.rmseBins > 0 ? (1 - after.rmseBins / before.rmseBins) * 100 : 0
  const lossCut = before.logLoss > 0 ? (1 - after.logLoss / before.logLoss) * 100 : 0
  const what = report.current ? 'your current parameters' : 'the default parameters'
  const summary = better
    ? `Fitted to your history, FSRS predicts your recall ${errorCut >= 3 ? `${Math.round(errorCut)}% better` : 'slightly better'} than ${what}: ` +
      `on your newest ${after.reviews.toLocaleString('en')} reviews its predictions were off by ` +
      `${pct(after.rmseBins)} on average, against ${pct(before.rmseBins)}.`
    : `Fitting did not beat ${what} on your newest ${after.reviews.toLocaleString('en')} reviews ` +
      `(off by ${pct(after.rmseBins)} against ${pct(before.rmseBins)}), so nothing changes. ` +
      `Try again when your history has grown.`
  return { better, errorCut, lossCut, summary }
}

/** What is remembered about the last adopted fit, to suggest the next one. */
export interface FitRecord {
  fittedAt: number
  usable: number
}

/** Whether to suggest fitting again: a month on with new reviews, or 1,000 more usable reviews. */
export function suggestRefit(last: FitRecord | undefined, usable: number, nowMs: number): boolean {
  if (!last) return readiness(usable).ready
  if (usable <= last.usable) return false
  return usable - last.usable >= REFIT_AFTER_REVIEWS || nowMs - last.fittedAt >= REFIT_AFTER_MS
}

const median = (xs: number[]) => {
  if (!xs.length) return undefined
  const sorted = xs.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * The learner's own costs and rating habits from their log (medians of answer times, shares of
 * ratings), falling back to the defaults for any kind with fewer than 20 reviews. Answer times
 * over 5 minutes are dropped (the learner walked away).
 */
export function learnerHabits(reviews: readonly ReviewRow[]): {
  costs: ReviewCosts
  ratings: RatingMix
} {
  const learn: number[] = []
  const recall: number[] = []
  const forget: number[] = []
  const first = [0, 0, 0, 0]
  const recalled = [0, 0, 0]
  const index = { again: 0, hard: 1, good: 2, easy: 3 } as const
  for (const r of reviews) {
    const seconds = r.durationMs / 1000
    const fresh = r.before.state === 'new'
    if (fresh) first[index[r.recall]]!++
    else if (r.recall !== 'again') recalled[index[r.recall] - 1]!++
    if (seconds <= 0 || seconds > 300) continue
    if (fresh) learn.push(seconds)
    else if (r.recall === 'again') forget.push(seconds)
    else recall.push(seconds)
  }
  const enough = (xs: number[], fallback: number) => (xs.length >= 20 ? median(xs)! : fallback)
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  return {
    costs: {
      learnSeconds: enough(learn, DEFAULT_COSTS.learnSeconds),
      recallSeconds: enough(recall, DEFAULT_COSTS.recallSeconds),
      // a lapse also costs the relearning step that follows
      forgetSeconds: forget.length >= 20 ? median(forget)! * 2 : DEFAULT_COSTS.forgetSeconds,
    },
    ratings: {
      first: sum(first) >= 20 ? (first as unknown as RatingMix['first']) : DEFAULT_RATING_MIX.first,
      recalled:
        sum(recalled) >= 20
          ? (recalled as unknown as RatingMix['recalled'])
          : DEFAULT_RATING_MIX.recalled,
    },
  }
}

/**
 * The learner's collection as the simulation starts it: studied cards (not retired, not new)
 * with their memory, and how many items are still new. `itemCount` is every studyable item.
 */
export function simulationCollection(
  rows: readonly ProgressRow[],
  itemCount: number,
  nowMs: number,
): { cards: SimCard[]; newCards: number } {
  const cards: SimCard[] = []
  for (const row of rows) {
    const m = row.memory
    if (row.retired || m.state === 'new' || m.stability <= 0 || m.lastReview === undefined) continue
    cards.push({
      stability: m.stability,
      difficulty: Math.min(10, Math.max(1, m.difficulty)),
      dueInDays: Math.max(0, Math.ceil((m.due - nowMs) / 86_400_000)),
      elapsedDays: Math.max(0, Math.floor((nowMs - m.lastReview) / 86_400_000)),
    })
  }
  const studied = rows.filter((r) => !r.retired && r.memory.state !== 'new').length
  return { cards, newCards: Math.max(0, itemCount - studied) }
}

/** Fits parameters to a review log: the FSRS optimizer, passed in (it lives in WebAssembly). */
export type FitParameters = (entries: readonly RevlogEntry[], offsetMinutes: number) => number[]

/** The steps of a personal fit, in order, with the share of the work done when each begins. */
export type FitPhase = 'older' | 'measuring' | 'all'
export const FIT_PHASES: Record<FitPhase, { label: string; done: number }> = {
  older: { label: 'Fitting to your older reviews', done: 0 },
  measuring: { label: 'Measuring on your newest reviews', done: 0.45 },
  all: { label: 'Fitting to your whole history', done: 0.5 },
}

/** Where a fit stands, as the screen shows it. */
export type FitStatus =
  | { kind: 'idle' }
  | { kind: 'running'; phase: 'loading' | FitPhase; startedAt: number }
  | { kind: 'done'; report: FitReport; verdict: Verdict }
  | { kind: 'refused'; message: string }
  | { kind: 'failed'; message: string }

export type FitOutcome =
  { ok: true; report: FitReport } | { ok: false; usable: number; message: string }

/**
 * A personal fit, honestly measured: fit on the reviews before the newest fifth, score the
 * defaults, the parameters in use (`current`) and that fit on the newest fifth, then fit again
 * on everything. Refused, with the learner's message, below MIN_USABLE_REVIEWS.
 */
export function personalFit(
  entries: readonly RevlogEntry[],
  offsetMinutes: number,
  current: readonly number[] | null,
  fit: FitParameters,
  onPhase: (phase: FitPhase) => void = () => {},
): FitOutcome {
  const histories = cardHistories(entries, offsetMinutes)
  const usableTimes = usableReviews(histories)
  const from = holdOutFrom(usableTimes, TRAIN_SHARE)
  if (!readiness(usableTimes.length).ready || from === undefined)
    return { ok: false, usable: usableTimes.length, message: tooShortMessage(usableTimes.length) }
  onPhase('older')
  const older = fit(
    entries.filter((e) => e.reviewTime < from),
    offsetMinutes,
  )
  onPhase('measuring')
  const defaults = evaluateWeights(histories, DEFAULT_WEIGHTS, from)
  const report: Omit<FitReport, 'weights'> = {
    usable: usableTimes.length,
    current: current ? [...current] : null,
    defaults,
    currentScore: current ? evaluateWeights(histories, current, from) : defaults,
    heldOutFit: evaluateWeights(histories, older, from),
  }
  onPhase('all')
  return { ok: true, report: { ...report, weights: fit(entries, offsetMinutes) } }
}
