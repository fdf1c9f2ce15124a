// A seeded simulation of a learner's coming days: which cards fall due, whether each is
// recalled (as FSRS predicts), what that costs in reviews and minutes, and how much is known
// at the end. The retention helper runs it once per desired retention; tests and benchmarks
// run it to make a synthetic learner whose memory follows known parameters.
import type { Rng } from './random'
import type { RevlogEntry } from './revlog'
import { memoryModel, type FsrsMemory, type Rating4 } from './scheduler'

const DAY_MS = 86_400_000

/** A card the learner has already studied. */
export interface SimCard {
  stability: number
  difficulty: number
  /** Whole days from the simulation's start until the card is due (0 = due today or overdue). */
  dueInDays: number
  /** Whole days since its last review, at the start. */
  elapsedDays: number
}

/** Seconds each kind of review takes this learner. */
export interface ReviewCosts {
  /** A new card's first study, learning steps included. */
  learnSeconds: number
  /** A review recalled. */
  recallSeconds: number
  /** A review forgotten, relearning included. */
  forgetSeconds: number
}

/** Anki's simulator defaults, for a learner whose log is too short to tell. */
export const DEFAULT_COSTS: ReviewCosts = { learnSeconds: 20, recallSeconds: 8, forgetSeconds: 23 }

/** How ratings fall: on a first study (again…easy) and on a recalled review (hard, good, easy). */
export interface RatingMix {
  first: readonly [number, number, number, number]
  recalled: readonly [number, number, number]
}

export const DEFAULT_RATING_MIX: RatingMix = {
  first: [0.25, 0.1, 0.55, 0.1],
  recalled: [0.1, 0.8, 0.1],
}

export interface SimulationInput {
  /** The learner's memory (the parameters their recall follows). */
  weights?: readonly number[]
  /** The parameters the scheduler uses; the learner's own when absent. */
  scheduleWeights?: readonly number[]
  retention: number
  days: number
  newPerDay: number
  reviewsPerDay: number
  maximumIntervalDays: number
  cards: readonly SimCard[]
  /** Cards not studied yet. */
  newCards: number
  costs?: ReviewCosts
  ratings?: RatingMix
  rng: Rng
  /** Called for each simulated review (for a synthetic review log). */
  onReview?: (review: SimReview) => void
}

export interface SimReview {
  card: number
  day: number
  rating: Rating4
  /** 0 new, 2 review, 3 relearning (the card's state before this review). */
  state: 0 | 2 | 3
  seconds: number
}

export interface SimulationResult {
  retention: number
  /** Average reviews per day (first studies included). */
  reviewsPerDay: number
  minutesPerDay: number
  /** Expected number of cards recalled at the end (the sum of their recall probabilities). */
  remembered: number
  /** Reviews each day. */
  daily: number[]
}

interface Live extends FsrsMemory {
  due: number
  last: number
  lapsed: boolean
}

function pick(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  let x = rng() * total
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!
    if (x < 0) return i
  }
  return weights.length - 1
}

/**
 * Simulates `days` of study. Each day the due cards are reviewed (oldest due first, up to the
 * review limit; the rest wait a day), then new cards are introduced up to the daily limit.
 * A review is recalled with the probability the learner's memory gives, rated by the rating
 * mix, and the card is scheduled at `retention` by the scheduler's parameters.
 */
export function simulate(input: SimulationInput): SimulationResult {
  const steps = simulationSteps(input)
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/**
 * The same simulation a day at a time: it yields after each simulated day (the day's number),
 * so a caller on the UI thread can hand the page back between days; the return value is the
 * result.
 */
export function* simulationSteps(input: SimulationInput): Generator<number, SimulationResult> {
  const truth = memoryModel(input.weights)
  const plan = input.scheduleWeights ? memoryModel(input.scheduleWeights) : truth
  const costs = input.costs ?? DEFAULT_COSTS
  const ratings = input.ratings ?? DEFAULT_RATING_MIX
  const { rng } = input
  const maxIvl = Math.max(1, input.maximumIntervalDays)
  const interval = (s: number) =>
    Math.min(maxIvl, Math.max(1, Math.round(plan.interval(s, input.retention))))
  const cards: Live[] = input.cards.map((c) => ({
    stability: c.stability,
    difficulty: c.difficulty,
    due: Math.max(0, c.dueInDays),
    last: -Math.max(0, c.elapsedDays),
    lapsed: false,
  }))
  let unseen = input.newCards
  const daily: number[] = []
  let seconds = 0
  // cards by the day they fall due, so a day touches only its own cards
  const buckets = new Map<number, number[]>()
  const schedule = (i: number, day: number) => {
    const list = buckets.get(day)
    if (list) list.push(i)
    else buckets.set(day, [i])
  }
  cards
    .map((c, i) => [c.due, i] as const)
    .sort((a, b) => a[0] - b[0])
    .forEach(([due, i]) => schedule(i, due))
  for (let day = 0; day < input.days; day++) {
    let reviews = 0
    const due = buckets.get(day) ?? []
    buckets.delete(day)
    const limit = Math.max(0, input.reviewsPerDay)
    for (const i of due.slice(0, limit)) {
      const card = cards[i]!
      const elapsed = day - card.last
      const recalled = rng() < truth.recall(card.stability, elapsed)
      const rating = (recalled ? 2 + pick(rng, ratings.recalled) : 1) as Rating4
      const cost = recalled ? costs.recallSeconds : costs.forgetSeconds
      input.onReview?.({ card: i, day, rating, state: card.lapsed ? 3 : 2, seconds: cost })
      const next = truth.next(card, elapsed, rating)
      // the scheduler sees the same history through its own parameters
      const planned = plan === truth ? next : plan.next(card, elapsed, rating)
      const dueDay = day + interval(planned.stability)
      Object.assign(card, next, { last: day, due: dueDay, lapsed: !recalled })
      schedule(i, dueDay)
      seconds += cost
      reviews++
    }
    // over the limit: they wait a day, ahead of the cards due then
    const waiting = due.slice(limit)
    if (waiting.length) {
      for (const i of waiting) cards[i]!.due = day + 1
      buckets.set(day + 1, [...waiting, ...(buckets.get(day + 1) ?? [])])
    }
    const fresh = Math.min(unseen, Math.max(0, input.newPerDay))
    for (let k = 0; k < fresh; k++) {
      const rating = (1 + pick(rng, ratings.first)) as Rating4
      const memory = truth.next(null, 0, rating)
      const planned = plan === truth ? memory : plan.next(null, 0, rating)
      const dueDay = day + interval(planned.stability)
      cards.push({ ...memory, last: day, due: dueDay, lapsed: false })
      schedule(cards.length - 1, dueDay)
      input.onReview?.({
        card: cards.length - 1,
        day,
        rating,
        state: 0,
        seconds: costs.learnSeconds,
      })
      seconds += costs.learnSeconds
      reviews++
    }
    unseen -= fresh
    daily.push(reviews)
    yield day
  }
  const end = input.days
  const remembered = cards.reduce((sum, c) => sum + truth.recall(c.stability, end - c.last), 0)
  const total = daily.reduce((a, b) => a + b, 0)
  return {
    retention: input.retention,
    reviewsPerDay: total / Math.max(1, input.days),
    minutesPerDay: seconds / 60 / Math.max(1, input.days),
    remembered,
    daily,
  }
}

/** The desired retentions the helper compares: 0.70 to 0.97 in steps of 0.01. */
export const RETENTION_CHOICES: readonly number[] = Array.from(
  { length: 28 },
  (_, i) => Math.round((0.7 + i * 0.01) * 100) / 100,
)

export interface SyntheticLearnerOptions {
  /** The parameters the learner's memory follows. */
  weights: readonly number[]
  /** The parameters the app schedules with (FSRS's defaults when absent). */
  scheduleWeights?: readonly number[]
  cards: number
  days: number
  newPerDay: number
  startMs: number
  rng: Rng
  retention?: number
}

/**
 * A synthetic review log: a learner whose memory follows `weights`, scheduled by the app, each
 * day's reviews at a random time of day (UTC). Card ids count from 1.
 */
export function syntheticRevlog(options: SyntheticLearnerOptions): RevlogEntry[] {
  const entries: RevlogEntry[] = []
  const { rng } = options
  simulate({
    weights: options.weights,
    scheduleWeights: options.scheduleWeights ?? [],
    retention: options.retention ?? 0.9,
    days: options.days,
    newPerDay: options.newPerDay,
    reviewsPerDay: Number.MAX_SAFE_INTEGER,
    maximumIntervalDays: 36500,
    cards: [],
    newCards: options.cards,
    rng,
    onReview(review) {
      entries.push({
        cardId: review.card + 1,
        // between 08:00 and 20:00 UTC, so a study day never straddles midnight
        reviewTime:
          options.startMs +
          review.day * DAY_MS +
          8 * 3_600_000 +
          Math.floor(rng() * 12 * 3_600_000),
        rating: review.rating,
        state: review.state,
        durationMs: review.seconds * 1000,
      })
    },
  })
  return entries.sort((a, b) => a.reviewTime - b.reviewTime)
}
