// Scheduler settings and their defaults, apart from scheduler.ts so that reading settings does
// not pull the FSRS engine into the first load.

export interface SchedulerSettings {
  /** Desired retention, between 0.7 and 0.99. */
  retention: number
  maximumIntervalDays: number
  /** Learning steps such as `['1m', '10m']`. */
  learningSteps: readonly string[]
  relearningSteps: readonly string[]
  /** Fuzz spreads intervals a little; seeded per card, so the same history gives the same dates. */
  fuzz: boolean
  /** The learner's own FSRS parameters (21 numbers); absent means FSRS's defaults. */
  weights?: readonly number[]
}

/** How many parameters FSRS-6 has. */
export const WEIGHT_COUNT = 21

/** True for a list of 21 finite numbers: the shape of a set of FSRS-6 parameters. */
export function isWeights(value: unknown): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === WEIGHT_COUNT &&
    value.every((x) => typeof x === 'number' && Number.isFinite(x))
  )
}

export const DEFAULT_SCHEDULER: SchedulerSettings = {
  retention: 0.9,
  maximumIntervalDays: 36_500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
}

const STEP = /^\d+(\.\d+)?[mhd]$/

/** True when every step reads like `1m`, `10m`, `1h` or `1d` (ts-fsrs's step units). */
export function validSteps(steps: readonly string[]): steps is `${number}${'m' | 'h' | 'd'}`[] {
  return steps.every((s) => STEP.test(s))
}

/** Steps as one line of text, the way the Settings field shows them: `1m 10m`. */
export function formatSteps(steps: readonly string[]): string {
  return steps.join(' ')
}

/**
 * The steps in a line of text, split at spaces or commas (`1m, 10m` and `1m 10m` read alike).
 * Only splits: whether each step is valid is `validSteps`'s to say.
 */
export function parseSteps(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean)
}
