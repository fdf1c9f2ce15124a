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
