// User settings: their shape, defaults and bounds. Validated wherever they come from outside.
import * as v from 'valibot'
import { DEFAULT_SCHEDULER, validSteps, type SchedulerSettings } from './scheduler'
import type { DayOptions } from './time'

export const THEMES = ['system', 'light', 'dark'] as const
export type Theme = (typeof THEMES)[number]

const Steps = v.pipe(
  v.array(v.string()),
  v.maxLength(10, 'may have at most 10 steps'),
  v.check((steps) => validSteps(steps), 'steps look like 1m, 10m, 1h or 1d'),
)

export const SettingsSchema = v.object({
  newPerDay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999)), 20),
  reviewsPerDay: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99999)), 200),
  retention: v.optional(v.pipe(v.number(), v.minValue(0.7), v.maxValue(0.99)), DEFAULT_SCHEDULER.retention),
  maximumIntervalDays: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(36500)),
    DEFAULT_SCHEDULER.maximumIntervalDays,
  ),
  learningSteps: v.optional(Steps, [...DEFAULT_SCHEDULER.learningSteps]),
  relearningSteps: v.optional(Steps, [...DEFAULT_SCHEDULER.relearningSteps]),
  dayStartHour: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(23)), 4),
  theme: v.optional(v.picklist(THEMES), 'system'),
  /** Quiz answers update the scheduler (wrong → due again soon). */
  quizFeedsScheduler: v.optional(v.boolean(), true),
})

export type Settings = v.InferOutput<typeof SettingsSchema>

export const DEFAULT_SETTINGS: Settings = v.parse(SettingsSchema, {})

/** Settings from storage or a backup; anything missing or out of range falls back to its default. */
export function readSettings(raw: unknown): Settings {
  const input = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(SettingsSchema.entries)) {
    const one = v.safeParse(SettingsSchema.entries[key as keyof Settings], input[key])
    out[key] = one.success ? one.output : DEFAULT_SETTINGS[key as keyof Settings]
  }
  return out as Settings
}

/** The scheduler's part of the settings. Fuzz is always on: it spreads reviews of cards learnt together. */
export function schedulerSettings(settings: Settings): SchedulerSettings {
  return {
    retention: settings.retention,
    maximumIntervalDays: settings.maximumIntervalDays,
    learningSteps: settings.learningSteps,
    relearningSteps: settings.relearningSteps,
    fuzz: true,
  }
}

/** The study-day options for `settings`, given the local UTC offset the shell read at `now`. */
export function dayOptions(settings: Settings, utcOffsetMinutes: number): DayOptions {
  return { dayStartHour: settings.dayStartHour, utcOffsetMinutes }
}
