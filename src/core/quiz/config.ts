// Quiz settings: what a quiz is set with, their limits, canonical form and validation.
import { FINGERPRINT_PATTERN } from '../deckFingerprint'
import { HOUR_MS, MINUTE_MS } from '../time'
import * as v from 'valibot'

/** The question forms a quiz can be set with, in the order settings list them. */
export const QUIZ_FORMS = ['typed', 'single', 'multi', 'ordering', 'truefalse', 'matching'] as const
/** A question form as quiz settings name it (typed covers cloze and numeric questions too). */
export type QuizForm = (typeof QUIZ_FORMS)[number]

/** The two ways to sit a quiz. */
export const QUIZ_MODES = ['exam', 'practice'] as const
/** Exam: no pausing, no going back, answers revealed at the end. Practice: feedback after each answer. */
export type QuizMode = (typeof QUIZ_MODES)[number]

/** No clock, one limit for the whole quiz, or the same limit for every question. */
export type QuizTiming =
  { kind: 'none' } | { kind: 'total'; limitMs: number } | { kind: 'per-question'; limitMs: number }

/** The settings of a quiz. The same settings, seed and decks always give the same quiz. */
export interface QuizConfig {
  /** Decks to draw from; empty means every deck passed to `generateQuiz`. */
  deckIds: readonly string[]
  /** Only cards carrying one of these tags (a deck's tags count for all its cards); empty means all. */
  tags: readonly string[]
  /** How many questions to ask at most. */
  count: number
  forms: readonly QuizForm[]
  timing: QuizTiming
  mode: QuizMode
  /** Drives every random choice: question order, options and distractors. */
  seed: string
  /** Ask the facts with the lowest retrievability first (new ones after studied ones). */
  weakest?: boolean
  /**
   * `decksFingerprint` of the decks the quiz was set from, so a device whose copies differ can
   * say its questions may differ. Not a setting: generation ignores it and `configKey` leaves it
   * out. Absent from settings saved or shared before it existed.
   */
  decks?: string
}

/** Bounds on settings that come from outside (links, codes, storage). */
export const QUIZ_LIMITS = {
  count: 200,
  decks: 100,
  tags: 50,
  seedLength: 64,
  minLimitMs: 5_000,
  maxLimitMs: 24 * HOUR_MS,
} as const

/** The quick quiz: about five minutes on the facts the learner is weakest at. */
export const QUICK_QUIZ = {
  count: 10,
  limitMs: 5 * MINUTE_MS,
  forms: ['single', 'truefalse', 'typed', 'multi'] as const satisfies readonly QuizForm[],
} as const

const DeckIdSchema = v.pipe(
  v.string('must be text'),
  v.regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    'must be a deck id (letters, digits, dot, dash, underscore)',
  ),
  v.maxLength(64, 'must be at most 64 characters'),
)
const TagSchema = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(40, 'must be at most 40 characters'),
)
const LimitSchema = v.pipe(
  v.number('must be a number of milliseconds'),
  v.integer('must be a whole number of milliseconds'),
  v.minValue(QUIZ_LIMITS.minLimitMs, `must be at least ${QUIZ_LIMITS.minLimitMs / 1000} seconds`),
  v.maxValue(QUIZ_LIMITS.maxLimitMs, 'must be at most 24 hours'),
)

/** Validates a timing from outside. */
export const QuizTimingSchema = v.variant(
  'kind',
  [
    v.object({ kind: v.literal('none') }),
    v.object({ kind: v.literal('total'), limitMs: LimitSchema }),
    v.object({ kind: v.literal('per-question'), limitMs: LimitSchema }),
  ],
  'kind must be one of: none, total, per-question',
)

/** Validates quiz settings from outside (a link, a code, storage); messages are plain words. */
export const QuizConfigSchema = v.object({
  deckIds: v.pipe(
    v.array(DeckIdSchema, 'must be a list of deck ids'),
    v.maxLength(QUIZ_LIMITS.decks, `may list at most ${QUIZ_LIMITS.decks} decks`),
    v.readonly(),
  ),
  tags: v.pipe(
    v.array(TagSchema, 'must be a list of tags'),
    v.maxLength(QUIZ_LIMITS.tags, `may list at most ${QUIZ_LIMITS.tags} tags`),
    v.readonly(),
  ),
  count: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(QUIZ_LIMITS.count, `must be at most ${QUIZ_LIMITS.count}`),
  ),
  forms: v.pipe(
    v.array(
      v.picklist(QUIZ_FORMS, `must be one of: ${QUIZ_FORMS.join(', ')}`),
      'must be a list of forms',
    ),
    v.minLength(1, 'needs at least one form'),
    v.maxLength(QUIZ_FORMS.length * 2, 'lists too many forms'),
    v.readonly(),
  ),
  timing: QuizTimingSchema,
  mode: v.picklist(QUIZ_MODES, 'must be exam or practice'),
  seed: v.pipe(
    v.string('must be text'),
    v.minLength(1, 'must not be empty'),
    v.maxLength(QUIZ_LIMITS.seedLength, `must be at most ${QUIZ_LIMITS.seedLength} characters`),
  ),
  weakest: v.optional(v.boolean('must be true or false')),
  decks: v.optional(
    v.pipe(
      v.string('must be text'),
      v.regex(FINGERPRINT_PATTERN, 'must be a deck fingerprint (four characters)'),
    ),
  ),
})

export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The settings in canonical form: deck ids and tags sorted without repeats (tags lower-cased),
 * forms in `QUIZ_FORMS` order, `weakest` spelled out. Generation and `configKey` both use it, so
 * listing the same settings in another order gives the same quiz and the same history.
 */
export function normalizeConfig(config: QuizConfig): QuizConfig {
  return {
    deckIds: [...new Set(config.deckIds)].sort(byText),
    tags: [...new Set(config.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort(byText),
    count: config.count,
    forms: QUIZ_FORMS.filter((f) => config.forms.includes(f)),
    timing:
      config.timing.kind === 'none'
        ? { kind: 'none' }
        : { kind: config.timing.kind, limitMs: config.timing.limitMs },
    mode: config.mode,
    seed: config.seed,
    weakest: config.weakest ?? false,
    ...(config.decks === undefined ? {} : { decks: config.decks }),
  }
}

/**
 * A stable key for the settings without the seed: attempts at "20 questions on Europe, exam,
 * 10 minutes" share it whatever their seeds, so their history can be listed together. The decks'
 * fingerprint is left out too: an attempt after a deck was edited is still an attempt at the same
 * settings.
 */
export function configKey(config: QuizConfig): string {
  const { seed: _seed, ...rest } = normalizeConfig(config)
  return JSON.stringify([
    rest.deckIds,
    rest.tags,
    rest.count,
    rest.forms,
    rest.timing,
    rest.mode,
    rest.weakest,
  ])
}

/**
 * Settings for the quick quiz: `QUICK_QUIZ.count` questions in five minutes on the weakest facts,
 * in practice mode (feedback as you go).
 */
export function quickQuizConfig(deckIds: readonly string[], seed: string): QuizConfig {
  return {
    deckIds,
    tags: [],
    count: QUICK_QUIZ.count,
    forms: QUICK_QUIZ.forms,
    timing: { kind: 'total', limitMs: QUICK_QUIZ.limitMs },
    mode: 'practice',
    seed,
    weakest: true,
  }
}
