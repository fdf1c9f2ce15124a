// User settings: their shape, defaults and bounds. Settings are read on every start, so this
// module checks them with plain predicates rather than pulling the schema library into the
// first load; backups use `settingsProblems` for located messages.
import {
  DEFAULT_SCHEDULER,
  isWeights,
  formatSteps,
  validSteps,
  type SchedulerSettings,
} from './schedulerDefaults'
import type { DayOptions } from './time'

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

export interface Settings {
  newPerDay: number
  reviewsPerDay: number
  /** Desired retention, 0.7–0.99. */
  retention: number
  maximumIntervalDays: number
  learningSteps: string[]
  relearningSteps: string[]
  /** Local hour (0–23) at which a study day begins. */
  dayStartHour: number
  theme: Theme
  /** Quiz answers update the scheduler (wrong → due again soon). */
  quizFeedsScheduler: boolean
  /** The learner's own FSRS parameters, fitted to their history; null means FSRS's defaults. */
  fsrsWeights: number[] | null
}

interface Field<T> {
  fallback: T
  valid: (value: unknown) => boolean
  /** What a valid value looks like, in words. */
  rule: string
}

const wholeNumber = (min: number, max: number) => (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
const steps = (value: unknown) =>
  Array.isArray(value) &&
  value.length <= 10 &&
  value.every((s) => typeof s === 'string') &&
  validSteps(value as string[])

const FIELDS: { [K in keyof Settings]: Field<Settings[K]> } = {
  newPerDay: { fallback: 20, valid: wholeNumber(0, 9999), rule: 'a whole number from 0 to 9999' },
  reviewsPerDay: {
    fallback: 200,
    valid: wholeNumber(0, 99999),
    rule: 'a whole number from 0 to 99999',
  },
  retention: {
    fallback: DEFAULT_SCHEDULER.retention,
    valid: (v) => typeof v === 'number' && v >= 0.7 && v <= 0.99,
    rule: 'a number from 0.7 to 0.99',
  },
  maximumIntervalDays: {
    fallback: DEFAULT_SCHEDULER.maximumIntervalDays,
    valid: wholeNumber(1, 36500),
    rule: 'a whole number of days from 1 to 36500',
  },
  learningSteps: {
    fallback: [...DEFAULT_SCHEDULER.learningSteps],
    valid: steps,
    rule: 'a list of steps such as "1m", "10m"',
  },
  relearningSteps: {
    fallback: [...DEFAULT_SCHEDULER.relearningSteps],
    valid: steps,
    rule: 'a list of steps such as "10m"',
  },
  dayStartHour: { fallback: 4, valid: wholeNumber(0, 23), rule: 'an hour from 0 to 23' },
  theme: {
    fallback: 'system',
    valid: (v) => THEMES.includes(v as Theme),
    rule: `one of ${THEMES.join(', ')}`,
  },
  quizFeedsScheduler: {
    fallback: true,
    valid: (v) => typeof v === 'boolean',
    rule: 'true or false',
  },
  fsrsWeights: {
    fallback: null,
    valid: (v) => v === null || isWeights(v),
    rule: 'null or a list of 21 numbers (FSRS parameters)',
  },
}

const KEYS = Object.keys(FIELDS) as (keyof Settings)[]

export const DEFAULT_SETTINGS: Settings = Object.fromEntries(
  KEYS.map((k) => [k, FIELDS[k].fallback]),
) as unknown as Settings

/** Settings from storage; anything missing or out of range falls back to its default. */
export function readSettings(raw: unknown): Settings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const out = { ...DEFAULT_SETTINGS } as Record<keyof Settings, unknown>
  for (const key of KEYS) if (FIELDS[key].valid(input[key])) out[key] = input[key]
  return structuredCloneable(out as Settings)
}

/** What is wrong with settings from outside (a backup), one message per field; missing fields are fine. */
export function settingsProblems(raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return ['settings must be an object']
  const input = raw as Record<string, unknown>
  return KEYS.filter((k) => input[k] !== undefined && !FIELDS[k].valid(input[k])).map(
    (k) => `settings.${k} must be ${FIELDS[k].rule}`,
  )
}

// Arrays come back as fresh copies so a caller can never mutate the defaults.
function structuredCloneable(settings: Settings): Settings {
  return {
    ...settings,
    learningSteps: [...settings.learningSteps],
    relearningSteps: [...settings.relearningSteps],
    fsrsWeights: settings.fsrsWeights && [...settings.fsrsWeights],
  }
}

/** The scheduler's part of the settings. Fuzz is always on: it spreads reviews of cards learnt together. */
export function schedulerSettings(settings: Settings): SchedulerSettings {
  return {
    retention: settings.retention,
    maximumIntervalDays: settings.maximumIntervalDays,
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
    fuzz: true,
    ...(settings.fsrsWeights ? { weights: settings.fsrsWeights } : {}),
  }
}

/**
 * The study-day options for `settings`, given the local UTC offset: a fixed number of minutes, or
 * a function giving the offset at each instant (so days stay right across DST switches).
 */
export function dayOptions(
  settings: Settings,
  utcOffsetMinutes: DayOptions['utcOffsetMinutes'],
): DayOptions {
  return { dayStartHour: settings.dayStartHour, utcOffsetMinutes }
}

/** Field labels as the settings form shows them, for messages that name the field. */
const FORM_LABELS: Partial<Record<keyof Settings, string>> = {
  newPerDay: 'New cards per day',
  reviewsPerDay: 'Maximum reviews per day',
  retention: 'Desired retention',
  maximumIntervalDays: 'Maximum interval',
  learningSteps: 'Learning steps',
  dayStartHour: 'New day starts at',
}

/**
 * What is wrong with each field of the settings form, in words for the person typing: an empty
 * number box is a problem (never quietly the default), as is a number out of range.
 * Fields absent from the result are fine.
 */
export function settingsFormProblems(
  form: Record<keyof Settings, unknown>,
): Partial<Record<keyof Settings, string>> {
  const problems: Partial<Record<keyof Settings, string>> = {}
  for (const key of KEYS) {
    const value = form[key]
    if (FIELDS[key].valid(value)) continue
    const label = FORM_LABELS[key] ?? key
    if (key === 'learningSteps' || key === 'relearningSteps')
      problems[key] =
        `${label} look like “${formatSteps(DEFAULT_SCHEDULER.learningSteps)}” (m = minutes, h = hours, d = days).`
    else if (value === '' || value === null || value === undefined)
      problems[key] = `${label} is empty: enter ${FIELDS[key].rule}.`
    else problems[key] = `${label} must be ${FIELDS[key].rule}.`
  }
  return problems
}
