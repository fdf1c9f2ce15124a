// The one place that knows about ts-fsrs. Everything else speaks MemoryState (epoch ms, our names).
import {
  checkParameters,
  clipParameters,
  computeDecayFactor,
  createEmptyCard,
  default_w,
  forgetting_curve,
  fsrs,
  FSRSAlgorithm,
  GenSeedStrategyWithCardId,
  Rating,
  State,
  StrategyMode,
  type Card,
  type Grade,
  type StepUnit,
} from 'ts-fsrs'
import type { Recall } from './grading'
import type { SchedulerSettings } from './schedulerDefaults'
import { DEFAULT_SCHEDULER, isWeights, validSteps } from './schedulerDefaults'
import { DAY_MS } from './time'

export type CardState = 'new' | 'learning' | 'review' | 'relearning'

/** A card's memory as stored: plain data, dates as epoch milliseconds. */
export interface MemoryState {
  state: CardState
  /** When the card is next due (epoch ms). */
  due: number
  stability: number
  difficulty: number
  scheduledDays: number
  learningSteps: number
  reps: number
  lapses: number
  /** Epoch ms of the last review; absent before the first. */
  lastReview?: number
}

export type { SchedulerSettings } from './schedulerDefaults'

export { DEFAULT_SCHEDULER, isWeights, validSteps, WEIGHT_COUNT } from './schedulerDefaults'

/** FSRS-6's default parameters, the average over many learners. */
export const DEFAULT_WEIGHTS: readonly number[] = Object.freeze([...default_w])

/**
 * `weights` made safe for the scheduler: clipped to the ranges FSRS allows (as fsrs-rs clips
 * what it fits), or the defaults when they are not 21 finite numbers.
 */
export function usableWeights(weights: readonly number[] | undefined): readonly number[] {
  if (!isWeights(weights)) return DEFAULT_WEIGHTS
  try {
    return clipParameters([...checkParameters(weights)], 1, true)
  } catch {
    return DEFAULT_WEIGHTS
  }
}

const GRADE: Record<Recall, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
}
const STATE_NAME: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
}
const STATE_OF: Record<CardState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
}

type SeededCard = Card & { item_id: string }

function toCard(memory: MemoryState, itemId: string): SeededCard {
  return {
    due: new Date(memory.due),
    stability: memory.stability,
    difficulty: memory.difficulty,
    elapsed_days: 0,
    scheduled_days: memory.scheduledDays,
    learning_steps: memory.learningSteps,
    reps: memory.reps,
    lapses: memory.lapses,
    state: STATE_OF[memory.state],
    ...(memory.lastReview !== undefined ? { last_review: new Date(memory.lastReview) } : {}),
    item_id: itemId,
  }
}

function fromCard(card: Card): MemoryState {
  return {
    state: STATE_NAME[card.state],
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    ...(card.last_review ? { lastReview: card.last_review.getTime() } : {}),
  }
}

/** The memory state of a card never reviewed, due at `nowMs`. */
export function newMemory(nowMs: number): MemoryState {
  return fromCard(createEmptyCard(new Date(nowMs)))
}

/**
 * Probability (0–1) of recalling the card at `nowMs`, from FSRS's forgetting curve.
 * New cards have none yet and return 0. Cheap: no scheduler object is built.
 */
export function retrievability(
  memory: MemoryState,
  nowMs: number,
  weights: readonly number[] = default_w,
): number {
  if (memory.state === 'new' || memory.lastReview === undefined || memory.stability <= 0) return 0
  const elapsedDays = Math.max(0, (nowMs - memory.lastReview) / DAY_MS)
  return forgetting_curve(weights, elapsedDays, memory.stability)
}

/** A rating as FSRS numbers it: 1 again, 2 hard, 3 good, 4 easy. */
export type Rating4 = 1 | 2 | 3 | 4

/** Stability (days until recall falls to 90%) and difficulty (1–10). */
export interface FsrsMemory {
  stability: number
  difficulty: number
}

/**
 * FSRS's memory model alone, at whole-day resolution as the optimizer sees it: no learning
 * steps, no fuzz, no dates. Evaluation and simulation use it; scheduling uses createScheduler.
 */
export interface MemoryModel {
  weights: readonly number[]
  /** The memory after a review `elapsedDays` (whole days, 0 = same day) after the last, or the first review when `memory` is null. */
  next(memory: FsrsMemory | null, elapsedDays: number, rating: Rating4): FsrsMemory
  /** Probability of recall `elapsedDays` after a review that left `stability`. */
  recall(stability: number, elapsedDays: number): number
  /** Days until recall falls to `retention` (unrounded). */
  interval(stability: number, retention: number): number
}

/** The memory model for `weights` (the defaults when absent or unusable). */
export function memoryModel(weights?: readonly number[]): MemoryModel {
  const w = usableWeights(weights)
  const algorithm = new FSRSAlgorithm({ w, enable_short_term: true })
  const { decay, factor } = computeDecayFactor(w)
  return {
    weights: w,
    next: (memory, elapsedDays, rating) => algorithm.next_state(memory, elapsedDays, rating),
    recall: (stability, elapsedDays) => forgetting_curve(w, Math.max(0, elapsedDays), stability),
    interval: (stability, retention) => (stability / factor) * (Math.pow(retention, 1 / decay) - 1),
  }
}

export interface ReviewOutcome {
  before: MemoryState
  after: MemoryState
}

export interface Scheduler {
  settings: SchedulerSettings
  /** Applies a rating at `nowMs`. `itemId` seeds the fuzz, so it is the same on every device. */
  review(memory: MemoryState, recall: Recall, nowMs: number, itemId: string): ReviewOutcome
  /** The due date each rating would give, for labelling the rating buttons. */
  preview(memory: MemoryState, nowMs: number, itemId: string): Record<Recall, number>
}

/**
 * FSRS in our vocabulary. `now` is always passed in: ts-fsrs would silently fall back to `new Date()`.
 * @example createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }).review(newMemory(now), 'good', now, 'id').after.due
 */
export function createScheduler(settings: SchedulerSettings = DEFAULT_SCHEDULER): Scheduler {
  const learning = validSteps(settings.learningSteps)
    ? settings.learningSteps
    : DEFAULT_SCHEDULER.learningSteps
  const relearning = validSteps(settings.relearningSteps)
    ? settings.relearningSteps
    : DEFAULT_SCHEDULER.relearningSteps
  const engine = fsrs({
    request_retention: Math.min(0.99, Math.max(0.7, settings.retention)),
    maximum_interval: Math.max(1, Math.round(settings.maximumIntervalDays)),
    enable_fuzz: settings.fuzz,
    learning_steps: learning as StepUnit[],
    relearning_steps: relearning as StepUnit[],
    w: usableWeights(settings.weights),
  }).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('item_id'))

  const maxDays = Math.max(1, Math.round(settings.maximumIntervalDays))
  // ts-fsrs keeps hard < good < easy by pushing good and easy a day or two past maximum_interval;
  // the user's maximum is a promise, so hold every rating to it.
  const capped = (card: Card): MemoryState => {
    const memory = fromCard(card)
    if (memory.scheduledDays <= maxDays || memory.lastReview === undefined) return memory
    return { ...memory, scheduledDays: maxDays, due: memory.lastReview + maxDays * DAY_MS }
  }

  return {
    settings,
    review(memory, recall, nowMs, itemId) {
      const { card } = engine.next(toCard(memory, itemId), new Date(nowMs), GRADE[recall])
      return { before: memory, after: capped(card) }
    },
    preview(memory, nowMs, itemId) {
      const options = engine.repeat(toCard(memory, itemId), new Date(nowMs))
      return {
        again: capped(options[Rating.Again].card).due,
        hard: capped(options[Rating.Hard].card).due,
        good: capped(options[Rating.Good].card).due,
        easy: capped(options[Rating.Easy].card).due,
      }
    },
  }
}
