// Quizzes: settings, generation from a seed, the timed sitting, scoring and what a quiz tells the
// scheduler. Pure: the caller passes `nowMs` (epoch ms) and the seed; nothing here reads a clock.
import * as v from 'valibot'
import { withAliases } from './aliases'
import { countryByCode } from './countries'
import { FINGERPRINT_PATTERN } from './deckFingerprint'
import type { AnswerKind, Card, CardEvent, Deck } from './deck'
import type { Graded, Recall } from './grading'
import { TYPO_MIN_LENGTH } from './grading'
import { itemsOfCard, type StudyItem } from './items'
import { normalizeAnswer } from './normalize'
import {
  answersCard,
  buildPools,
  canonicalAnswers,
  correctAnswerText,
  gradeResponse,
  pickDistractors,
  recallOf,
  rejectsFor,
  responseText,
  SHORT_ANSWER,
  shuffleAway,
  studyQuestion,
  type AnswerPools,
  type Question,
  type Response,
} from './questions'
import { createRng, hashString, shuffle, type Rng } from './random'
import type { ProgressRow } from './records'
import { retrievability } from './scheduler'
import { HOUR_MS, MINUTE_MS } from './time'

// ---------------------------------------------------------------------------------------------
// Settings

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

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

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

// ---------------------------------------------------------------------------------------------
// Generation

/** One question of a quiz. */
export interface QuizQuestion {
  /** `q1`, `q2`, … in the order asked. */
  id: string
  form: QuizForm
  /** The study item asked, when the question asks exactly one (absent for matching and timelines). */
  itemId?: string
  /**
   * Every item the question draws on: one for most questions; for matching, one per pair in
   * `pairs` order; for an ordering of dated events, one per event in the right order.
   */
  itemIds: readonly string[]
  question: Question
}

/** Why a quiz came out different from its settings, in plain words. */
export type QuizNotice =
  | { kind: 'missing-deck'; deckId: string; message: string }
  | { kind: 'form-unavailable'; form: QuizForm; message: string }
  | { kind: 'fewer-questions'; requested: number; made: number; message: string }

/** A generated quiz and what kept it from matching its settings. */
export interface Quiz {
  questions: QuizQuestion[]
  notices: QuizNotice[]
}

/** What `generateQuiz` needs beyond settings and decks. */
export interface GenerateQuizOptions {
  /** Progress by item id: needed for `weakest`. */
  progress?: ReadonlyMap<string, ProgressRow>
  /** Epoch ms at which retrievability is judged; required with `progress` for `weakest`. */
  nowMs?: number
  /**
   * Distractor pools to use instead of `quizPools` over the selected decks (a caller that keeps
   * them, or a preview drawing on the whole library). Pools over more than the selected decks
   * make the quiz depend on what else is installed, so a shared quiz should not pass them.
   */
  pools?: AnswerPools
}

/** Pairs in a matching question, at most and at least. */
export const MATCHING_PAIRS = { max: 4, min: 3 } as const
/** Events in an ordering of dated events, at most and at least. */
export const TIMELINE_EVENTS = { max: 4, min: 3 } as const
/** Longest question text that may stand as the left side of a matching pair. */
const MATCH_PROMPT_MAX = 200
/** Fewest wrong options for a single-choice question made from a card with none of its own. */
const MIN_DISTRACTORS = 2

/**
 * Distractor pools for quizzes: `buildPools` over the decks in id order. The pools' order feeds
 * the seeded shuffles, so building them in a fixed order keeps a quiz code device-independent.
 * `generateQuiz` builds them from the selected decks only, for the same reason.
 */
export function quizPools(decks: readonly Deck[]): AnswerPools {
  return buildPools([...decks].sort((a, b) => byText(a.id, b.id)))
}

interface Entry {
  deckId: string
  card: Card
  item: StudyItem
  /** Retrievability (0–1) in weakest mode; `NEW_RANK` for items never studied; 0 otherwise. */
  rank: number
}

interface FactGroup {
  fact: string
  entries: Entry[]
  rank: number
}

interface Draft {
  form: QuizForm
  itemIds: string[]
  single: boolean
  question: Question
}

// Above any retrievability, so items never studied sort after every studied one.
const NEW_RANK = 2

const UNAVAILABLE: Record<QuizForm, string> = {
  typed: 'no card in the selection can be answered by typing',
  single:
    'no card in the selection has a short answer with enough wrong answers of its kind to choose from',
  multi: 'the selection has no multiple-select card',
  ordering: 'the selection has no ordering card and not three dated events with different years',
  truefalse:
    'no card in the selection has a short answer that a wrong one of its kind could stand in for',
  matching: 'the selection has no three cards of one answer kind with different short answers',
}

const FORM_NAME: Record<QuizForm, string> = {
  typed: 'typed',
  single: 'single-choice',
  multi: 'multiple-select',
  ordering: 'ordering',
  truefalse: 'true/false',
  matching: 'matching',
}

/**
 * Builds a quiz from the settings. Every random choice (which facts, which forms, question order,
 * options, distractors, true or false) is seeded by `config.seed`, decks are read in id order and
 * distractors come from the selected decks only, so the same settings and seed give the same quiz
 * on every device holding the selected decks, whatever else it has installed. Each question's
 * options come from a stream seeded by the seed, its form and its item, so they do not depend on
 * the other questions.
 *
 * - Each fact is asked at most once (cards sharing a `fact` are one fact); reverse items of
 *   basic cards are not asked, their answer having no answer kind to draw distractors from.
 * - Forms take turns so every requested form appears when the selection allows it and `count`
 *   leaves room; a form that cannot be built is dropped with a `form-unavailable` notice and the
 *   other forms fill its turns.
 * - Conversions: typed ← typed, cloze, numeric and short-backed basic cards; single choice ←
 *   single cards, and short-answered basic, typed, numeric and map cards with distractors of the
 *   same kind from the selected decks; multiple select ← multi cards; ordering ← ordering cards, or three
 *   to four dated events (`event`) with different years; true/false ← the answer of a basic,
 *   typed, single, numeric or multi card, or a same-kind distractor in its place; matching
 *   ← three to four cards of one kind whose short answers cannot be mistaken for one another.
 * - `weakest`: facts are taken lowest retrievability first (studied before new); otherwise in
 *   seeded random order. The questions are then shuffled in both cases.
 * @throws TypeError for a weakest-first quiz given `progress` without `nowMs`.
 * @example generateQuiz({ ...config, seed: 'k3x9' }, decks).questions.length <= config.count
 */
export function generateQuiz(
  config: QuizConfig,
  decks: readonly Deck[],
  options: GenerateQuizOptions = {},
): Quiz {
  const settings = normalizeConfig(config)
  const rng = createRng(settings.seed)
  const notices: QuizNotice[] = []

  const byId = new Map(decks.map((d) => [d.id, d]))
  for (const deckId of settings.deckIds)
    if (!byId.has(deckId))
      notices.push({
        kind: 'missing-deck',
        deckId,
        message: `Deck "${deckId}" is not on this device, so its cards were left out.`,
      })
  const chosen = settings.deckIds.length
    ? settings.deckIds.flatMap((id) => byId.get(id) ?? [])
    : [...byId.values()].sort((a, b) => byText(a.id, b.id))

  // distractors come from the selected decks only: a deck installed on one device but not chosen
  // must not change a shared quiz
  const pools = options.pools ?? quizPools(chosen)
  const groups = factGroups(chosen, settings, options)
  const ctx = new Builder(groups, pools, settings.seed)

  const forms = shuffle(settings.forms, rng)
  const active = forms.slice()
  const made = new Map<QuizForm, number>()
  const drafts: Draft[] = []
  let turn = 0
  while (drafts.length < settings.count && active.length > 0) {
    const slot = turn % active.length
    const form = active[slot]!
    const draft = ctx.build(form)
    if (draft) {
      drafts.push(draft)
      made.set(form, (made.get(form) ?? 0) + 1)
      turn++
    } else active.splice(slot, 1) // the next form takes this turn
  }

  for (const form of settings.forms)
    if (!made.get(form) && !active.includes(form))
      notices.push({
        kind: 'form-unavailable',
        form,
        message: `No ${FORM_NAME[form]} questions: ${UNAVAILABLE[form]}.`,
      })
  if (drafts.length < settings.count)
    notices.push({
      kind: 'fewer-questions',
      requested: settings.count,
      made: drafts.length,
      message: `The selection gives ${drafts.length} question${drafts.length === 1 ? '' : 's'}, not ${settings.count}: each fact is asked once.`,
    })

  const questions = shuffle(drafts, rng).map((d, i): QuizQuestion => ({
    id: `q${i + 1}`,
    form: d.form,
    ...(d.single ? { itemId: d.itemIds[0]! } : {}),
    itemIds: d.itemIds,
    question: d.question,
  }))
  return { questions, notices }
}

function factGroups(
  decks: readonly Deck[],
  settings: QuizConfig,
  options: GenerateQuizOptions,
): FactGroup[] {
  // a stream of its own: the order facts are considered in stays put when the forms asked change
  const rng = createRng(`${settings.seed}\u0000facts`)
  const wanted = new Set(settings.tags)
  const weakest = settings.weakest === true
  const { progress, nowMs } = options
  if (weakest && progress && nowMs === undefined)
    throw new TypeError('a weakest-first quiz needs nowMs with progress')
  const rank = (id: string): number => {
    if (!weakest) return 0
    const memory = progress?.get(id)?.memory
    if (!memory || memory.state === 'new') return NEW_RANK
    return retrievability(memory, nowMs ?? 0)
  }
  const byFact = new Map<string, Entry[]>()
  for (const deck of decks) {
    const deckTagged = deck.tags.some((t) => wanted.has(t.toLowerCase()))
    for (const card of deck.cards) {
      if (wanted.size && !deckTagged && !card.tags.some((t) => wanted.has(t.toLowerCase())))
        continue
      for (const item of itemsOfCard(deck.id, card)) {
        if (item.variant === 'reverse') continue
        const list = byFact.get(item.fact) ?? []
        list.push({ deckId: deck.id, card, item, rank: rank(item.id) })
        byFact.set(item.fact, list)
      }
    }
  }
  const groups = shuffle([...byFact], rng).map(([fact, entries]): FactGroup => {
    const mixed = shuffle(entries, rng).sort((a, b) => a.rank - b.rank) // stable: ties keep the shuffle
    return { fact, entries: mixed, rank: mixed[0]?.rank ?? NEW_RANK }
  })
  return groups.sort((a, b) => a.rank - b.rank)
}

/** A card asked for one short answer: what choice, true/false and matching questions are made of. */
interface Ask {
  prompt: string
  /** The answer shown as right. */
  answer: string
  /** Every answer that is right (the card's listed alternatives, a multi card's answers). */
  rights: readonly string[]
}

function askOf(card: Card): Ask | undefined {
  const short = (text: string) => text.length <= SHORT_ANSWER
  switch (card.type) {
    case 'basic':
      return short(card.back)
        ? { prompt: card.front, answer: card.back, rights: [card.back] }
        : undefined
    case 'typed':
      return short(card.answers[0]!)
        ? { prompt: card.prompt, answer: card.answers[0]!, rights: card.answers }
        : undefined
    case 'single':
      return short(card.answer)
        ? { prompt: card.prompt, answer: card.answer, rights: [card.answer] }
        : undefined
    case 'numeric': {
      const [text] = canonicalAnswers(card)
      return text ? { prompt: card.prompt, answer: text, rights: [text] } : undefined
    }
    case 'map': {
      const names = card.answers.map((code) => countryByCode(code)?.name ?? code)
      return { prompt: card.prompt, answer: names[0]!, rights: names }
    }
    case 'multi':
    case 'cloze':
    case 'ordering':
      return undefined
  }
}

function baseOf(
  deckId: string,
  card: Card,
): Pick<Question, 'deckId' | 'cardId' | 'explanation' | 'paragraphs'> {
  return {
    deckId,
    cardId: card.id,
    ...(card.explanation ? { explanation: card.explanation } : {}),
    paragraphs: card.paragraphs,
  }
}

function mergedParagraphs(cards: readonly Card[]): number[] {
  return [...new Set(cards.flatMap((c) => c.paragraphs))].sort((a, b) => a - b)
}

interface Matchable {
  entry: Entry
  left: string
  right: string
}

interface TimelineEvent {
  key: string
  event: CardEvent
  entry: Entry
  facts: Set<string>
}

/** Walks the facts in priority order, building one question at a time and never reusing a fact. */
class Builder {
  private readonly taken = new Set<string>()
  // Facts before a form's cursor are taken or cannot give that form: neither changes later.
  private readonly cursor = new Map<QuizForm, number>()
  private readonly matchables = new Map<AnswerKind, Matchable[]>()
  private readonly failedKinds = new Set<AnswerKind>()
  private readonly events: TimelineEvent[] = []
  private timelineFailed = false

  constructor(
    private readonly groups: readonly FactGroup[],
    private readonly pools: AnswerPools,
    private readonly seed: string,
  ) {
    const eventsByKey = new Map<string, TimelineEvent>()
    for (const group of groups)
      for (const entry of group.entries) {
        const match = matchableOf(entry)
        if (match) {
          const list = this.matchables.get(entry.card.kind) ?? []
          list.push(match)
          this.matchables.set(entry.card.kind, list)
        }
        const event = entry.card.event
        if (event) {
          const key = eventKey(event)
          const known = eventsByKey.get(key)
          if (known) known.facts.add(group.fact)
          else {
            const fresh = { key, event, entry, facts: new Set([group.fact]) }
            eventsByKey.set(key, fresh)
            this.events.push(fresh)
          }
        }
      }
  }

  build(form: QuizForm): Draft | undefined {
    let i = this.cursor.get(form) ?? 0
    for (; i < this.groups.length; i++) {
      const group = this.groups[i]!
      if (this.taken.has(group.fact)) continue
      for (const entry of group.entries) {
        const draft = this.fromEntry(form, entry)
        if (draft) {
          this.cursor.set(form, i)
          this.taken.add(group.fact)
          return draft
        }
      }
    }
    this.cursor.set(form, i)
    return undefined
  }

  private fromEntry(form: QuizForm, entry: Entry): Draft | undefined {
    const one = (question: Question | undefined): Draft | undefined =>
      question && { form, itemIds: [entry.item.id], single: true, question }
    // Each question draws on a stream of its own, seeded with the item it starts from: its options
    // then depend on nothing else in the quiz (how many questions came before, which of them
    // failed), so two devices with the same selection agree question by question.
    const rng = createRng(`${this.seed}\u0000${form}\u0000${entry.item.id}`)
    switch (form) {
      case 'typed':
        return one(this.typed(entry, rng))
      case 'single':
        return one(this.single(entry, rng))
      case 'multi':
        return one(
          entry.card.type === 'multi'
            ? studyQuestion(entry.deckId, entry.card, entry.item.variant, this.pools, rng)
            : undefined,
        )
      case 'truefalse':
        return one(this.trueFalse(entry, rng))
      case 'ordering':
        if (entry.card.type === 'ordering')
          return one(studyQuestion(entry.deckId, entry.card, entry.item.variant, this.pools, rng))
        return entry.card.event ? this.timeline(entry, rng) : undefined
      case 'matching':
        return this.matching(entry, rng)
    }
  }

  private typed({ deckId, card, item }: Entry, rng: Rng): Question | undefined {
    switch (card.type) {
      case 'typed':
      case 'cloze':
      case 'numeric':
        return withNearRejects(studyQuestion(deckId, card, item.variant, this.pools, rng))
      case 'basic':
        if (card.back.length > SHORT_ANSWER) return undefined
        return withNearRejects({
          ...baseOf(deckId, card),
          form: 'typed',
          prompt: card.front,
          accepted: [card.back],
          rejects: rejectsFor(card, this.pools),
        })
      default:
        return undefined
    }
  }

  private single({ deckId, card, item }: Entry, rng: Rng): Question | undefined {
    if (card.type === 'single') return studyQuestion(deckId, card, item.variant, this.pools, rng)
    const ask = askOf(card)
    if (!ask) return undefined
    const wrong = pickDistractors(card, 3, this.pools, rng)
    if (wrong.length < MIN_DISTRACTORS) return undefined
    return {
      ...baseOf(deckId, card),
      form: 'single',
      prompt: ask.prompt,
      options: shuffle([ask.answer, ...wrong], rng),
      answer: ask.answer,
    }
  }

  private trueFalse({ deckId, card }: Entry, rng: Rng): Question | undefined {
    // "Tap the country…" followed by a name to judge reads wrong: map cards are asked as choices
    if (card.type === 'map') return undefined
    const ask: Ask | undefined =
      card.type === 'multi'
        ? { prompt: card.prompt, answer: card.answers[0]!, rights: card.answers }
        : askOf(card)
    if (!ask) return undefined
    const [wrong] = pickDistractors(card, 1, this.pools, rng)
    if (wrong === undefined) return undefined
    const truth = rng() < 0.5
    // any answer of a multi card is right; a typed card's first answer is its shown form, the rest
    // may be mere spellings
    const right =
      card.type === 'multi' ? ask.rights[Math.floor(rng() * ask.rights.length)]! : ask.answer
    const correctAnswer = card.type === 'multi' ? ask.rights.join(', ') : ask.answer
    return {
      ...baseOf(deckId, card),
      form: 'truefalse',
      prompt: ask.prompt,
      proposed: truth ? right : wrong,
      answer: truth,
      correctAnswer,
    }
  }

  private timeline(anchor: Entry, rng: Rng): Draft | undefined {
    if (this.timelineFailed) return undefined
    const free = (e: TimelineEvent) => ![...e.facts].some((f) => this.taken.has(f))
    const key = eventKey(anchor.card.event!)
    const first = this.events.find((e) => e.key === key)
    if (!first || !free(first)) return undefined
    const chosen = [first]
    const years = new Set([first.event.year])
    const labels = new Set([normalizeAnswer(first.event.label)])
    for (const e of this.events) {
      if (chosen.length >= TIMELINE_EVENTS.max) break
      const label = normalizeAnswer(e.event.label)
      if (years.has(e.event.year) || labels.has(label) || !free(e)) continue
      chosen.push(e)
      years.add(e.event.year)
      labels.add(label)
    }
    // with distinct years required, the greedy pick finds as many as exist: no other anchor does better
    if (chosen.length < TIMELINE_EVENTS.min) {
      this.timelineFailed = true
      return undefined
    }
    chosen.sort((a, b) => a.event.year - b.event.year)
    for (const e of chosen) for (const f of e.facts) this.taken.add(f)
    const answer = chosen.map((e) => e.event.label)
    const span = (ev: CardEvent) =>
      ev.endYear !== undefined && ev.endYear !== ev.year ? `${ev.year}–${ev.endYear}` : `${ev.year}`
    return {
      form: 'ordering',
      itemIds: chosen.map((e) => e.entry.item.id),
      single: false,
      question: {
        deckId: anchor.deckId,
        cardId: anchor.card.id,
        explanation: chosen.map((e) => `${e.event.label}: ${span(e.event)}`).join('; '),
        paragraphs: mergedParagraphs(chosen.map((e) => e.entry.card)),
        form: 'ordering',
        prompt: 'Put these events in order, earliest first.',
        items: shuffleAway(answer, rng),
        answer,
      },
    }
  }

  private matching(anchor: Entry, rng: Rng): Draft | undefined {
    const kind = anchor.card.kind
    if (this.failedKinds.has(kind)) return undefined
    const first = this.matchables.get(kind)?.find((m) => m.entry === anchor)
    if (!first) return undefined
    const chosen = [first]
    for (const m of this.matchables.get(kind) ?? []) {
      if (chosen.length >= MATCHING_PAIRS.max) break
      const fact = m.entry.item.fact
      if (this.taken.has(fact) || chosen.some((c) => c.entry.item.fact === fact || clash(c, m)))
        continue
      chosen.push(m)
    }
    if (chosen.length < MATCHING_PAIRS.min) {
      this.failedKinds.add(kind)
      return undefined
    }
    for (const m of chosen) this.taken.add(m.entry.item.fact)
    const pairs = shuffle(chosen, rng)
    const rights = shuffleAway(
      pairs.map((p) => p.right),
      rng,
    )
    return {
      form: 'matching',
      itemIds: pairs.map((p) => p.entry.item.id),
      single: false,
      question: {
        deckId: anchor.deckId,
        cardId: anchor.card.id,
        paragraphs: mergedParagraphs(pairs.map((p) => p.entry.card)),
        form: 'matching',
        prompt: 'Match each question with its answer.',
        pairs: pairs.map((p) => ({ left: p.left, right: p.right, cardId: p.entry.card.id })),
        rights,
      },
    }
  }
}

/** Cards naming the same event in the same year date one event, whatever their facts. */
function eventKey(event: CardEvent): string {
  return `${normalizeAnswer(event.label)}|${event.year}`
}

function matchableOf(entry: Entry): Matchable | undefined {
  // map prompts say "Tap the country…": they only make sense with the map
  if (entry.card.type === 'map') return undefined
  const ask = askOf(entry.card)
  if (!ask || ask.prompt.length > MATCH_PROMPT_MAX) return undefined
  return { entry, left: ask.prompt, right: ask.answer }
}

/**
 * Two pairs clash when one's answer would also be right for the other (an alias, or a year inside
 * the other's range), or they ask alike.
 */
function clash(a: Matchable, b: Matchable): boolean {
  return (
    normalizeAnswer(a.left) === normalizeAnswer(b.left) ||
    answersCard(a.entry.card, b.right) ||
    answersCard(b.entry.card, a.right)
  )
}

/**
 * A typed question keeps only the rejects that can change its grading: names near enough to an
 * accepted answer to be mistaken for a typo of it. `rejectsFor` lists every country and every
 * answer of the kind (hundreds), which would otherwise be stored with every session and result.
 */
function withNearRejects(question: Question): Question {
  if (question.form !== 'typed' && question.form !== 'cloze') return question
  const accepted = withAliases(question.form === 'typed' ? question.accepted : question.blanks)
    .map(normalizeAnswer)
    .filter((key) => key.length >= TYPO_MIN_LENGTH)
  const seen = new Set<string>()
  // a reject matters when one typo away from a one-typo variant of an answer: at most two
  // Damerau edits, so at most four Levenshtein edits (a transposition is two)
  const rejects = question.rejects.filter((r) => {
    const key = normalizeAnswer(r)
    if (seen.has(key)) return false
    seen.add(key)
    return accepted.some((a) => levenshteinAtMost(a, key, 4))
  })
  return { ...question, rejects }
}

function levenshteinAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
      row.push(d)
      if (d < best) best = d
    }
    if (best > max) return false
    prev = row
  }
  return prev[b.length]! <= max
}

// ---------------------------------------------------------------------------------------------
// The sitting

/** How a sitting ended: submitted by the learner, or by the clock. */
export type QuizEnd = 'user' | 'time'

/**
 * A quiz being sat, as stored: plain data, times in epoch ms. Remaining time is always worked out
 * from these and the wall clock, so it stays right across hidden tabs and reloads.
 */
export interface QuizSession {
  id: string
  config: QuizConfig
  questions: readonly QuizQuestion[]
  /** One per question; null until answered. */
  answers: readonly (Response | null)[]
  /** Time each question has been on screen and open (not yet answered in practice, not timed out). */
  elapsedMs: readonly number[]
  /**
   * Time spent on each question when its answer was given (in exam mode, the last answer given);
   * null while unanswered. An answer is rated on this, not on when the question was left or timed
   * out. Absent in sessions saved before it was kept.
   */
  answeredMs?: readonly (number | null)[]
  /** When each question was first shown; null if never. */
  shownAt: readonly (number | null)[]
  /** Questions whose own time limit ran out. */
  timedOut: readonly boolean[]
  startedAt: number
  /** Index of the question on screen. */
  current: number
  /** Since when the current question's time has been running; null while it is closed or paused. */
  currentSince: number | null
  /** Set while a practice quiz is paused. */
  pausedAt?: number
  /** Total time spent paused: not counted against a whole-quiz limit. */
  pausedMs: number
  submittedAt?: number
  endedBy?: QuizEnd
}

/** Why an action on a session was refused. */
export type QuizRefusal =
  | 'submitted'
  | 'paused'
  | 'out-of-range'
  | 'not-current'
  | 'wrong-form'
  | 'timed-out'
  | 'locked'
  | 'no-going-back'
  | 'no-pausing'

/** The outcome of an action: the session after it (deadlines applied either way) and whether it was done. */
export type QuizStep =
  { ok: true; session: QuizSession } | { ok: false; session: QuizSession; reason: QuizRefusal }

/**
 * Starts sitting `quiz` at `nowMs`: the first question is shown and the clock runs.
 * `id` keys the session and, later, its result.
 */
export function startSession(
  config: QuizConfig,
  quiz: Pick<Quiz, 'questions'>,
  nowMs: number,
  id?: string,
): QuizSession {
  const n = quiz.questions.length
  if (n === 0) throw new RangeError('a quiz needs at least one question')
  return {
    id:
      id ??
      `${nowMs.toString(36)}-${hashString(`${config.seed}\u0000${configKey(config)}`).toString(36)}`,
    config,
    questions: quiz.questions,
    answers: Array.from({ length: n }, () => null),
    elapsedMs: Array.from({ length: n }, () => 0),
    answeredMs: Array.from({ length: n }, () => null),
    shownAt: Array.from({ length: n }, (_, i) => (i === 0 ? nowMs : null)),
    timedOut: Array.from({ length: n }, () => false),
    startedAt: nowMs,
    current: 0,
    currentSince: nowMs,
    pausedMs: 0,
  }
}

/** A question still takes answers and time: not timed out, and in practice not yet answered. */
function isOpen(s: QuizSession, index: number): boolean {
  return !s.timedOut[index] && !(s.config.mode === 'practice' && s.answers[index] != null)
}

/** Time on the quiz clock: since the start, less pauses, frozen once submitted. */
function quizClockMs(s: QuizSession, nowMs: number): number {
  const end = s.submittedAt ?? s.pausedAt ?? nowMs
  return Math.max(0, end - s.startedAt - s.pausedMs)
}

/** Time spent on a question so far. */
function spentMs(s: QuizSession, index: number, nowMs: number): number {
  const running = index === s.current && s.currentSince !== null && s.submittedAt === undefined
  return (s.elapsedMs[index] ?? 0) + (running ? Math.max(0, nowMs - s.currentSince!) : 0)
}

/** The session with the current question's running time added to its elapsed time, clock stopped. */
function stopClock(s: QuizSession, atMs: number): QuizSession {
  if (s.currentSince === null) return s
  const elapsedMs = s.elapsedMs.slice()
  elapsedMs[s.current] = spentMs(s, s.current, atMs)
  return { ...s, elapsedMs, currentSince: null }
}

function showAt(s: QuizSession, index: number, atMs: number): QuizSession {
  const shownAt = s.shownAt.slice()
  shownAt[index] ??= atMs
  const next = { ...s, current: index, shownAt }
  return { ...next, currentSince: isOpen(next, index) ? atMs : null }
}

/**
 * When the running clock reaches zero (epoch ms): the whole-quiz deadline, or the current
 * question's. Null with no time limit, while paused, once submitted, or while the current question
 * is closed.
 */
export function deadlineOf(session: QuizSession): number | null {
  const { timing } = session.config
  if (timing.kind === 'none' || session.submittedAt !== undefined || session.pausedAt !== undefined)
    return null
  if (timing.kind === 'total') return session.startedAt + session.pausedMs + timing.limitMs
  if (session.currentSince === null) return null
  return session.currentSince + timing.limitMs - (session.elapsedMs[session.current] ?? 0)
}

/**
 * Milliseconds left at `nowMs`: of the whole quiz, or of the current question for per-question
 * limits (frozen once it is answered in practice or timed out). Never negative; null when untimed.
 */
export function remainingFor(session: QuizSession, nowMs: number): number | null {
  const { timing } = session.config
  if (timing.kind === 'none') return null
  const used =
    timing.kind === 'total' ? quizClockMs(session, nowMs) : spentMs(session, session.current, nowMs)
  return Math.max(0, timing.limitMs - used)
}

/** True when a limit has run out at `nowMs` and `enforceTime` has something to do. */
export function isExpired(session: QuizSession, nowMs: number): boolean {
  const deadline = deadlineOf(session)
  return deadline !== null && nowMs >= deadline
}

/**
 * The current question's own time is up: it is marked timed out and, unanswered, counts wrong.
 * In exam mode the quiz moves on to the next question (its clock starting at the deadline, not
 * `nowMs`, so time keeps its wall-clock meaning) or, after the last, submits itself. In practice
 * mode the question stays on screen, locked, with its answer revealed, until the learner moves on.
 * Returns the session unchanged if the question's time is not up.
 */
export function expireQuestion(session: QuizSession, nowMs: number): QuizSession {
  const { timing } = session.config
  const deadline = deadlineOf(session)
  if (timing.kind !== 'per-question' || deadline === null || nowMs < deadline) return session
  const timedOut = session.timedOut.slice()
  timedOut[session.current] = true
  const elapsedMs = session.elapsedMs.slice()
  elapsedMs[session.current] = timing.limitMs
  const closed: QuizSession = { ...session, timedOut, elapsedMs, currentSince: null }
  if (session.config.mode === 'practice') return closed
  const next = session.current + 1
  return next < session.questions.length
    ? showAt(closed, next, deadline)
    : close(closed, deadline, 'time')
}

/**
 * Applies every deadline passed by `nowMs`: past the whole-quiz limit the quiz submits itself as
 * of its deadline; per-question limits expire one question after another (a long-hidden tab
 * catches up on all it missed). Every action below calls it first.
 */
export function enforceTime(session: QuizSession, nowMs: number): QuizSession {
  let s = session
  while (isExpired(s, nowMs)) {
    const deadline = deadlineOf(s)!
    s =
      s.config.timing.kind === 'total'
        ? close(stopClock(s, deadline), deadline, 'time')
        : expireQuestion(s, nowMs)
  }
  return s
}

function close(s: QuizSession, atMs: number, endedBy: QuizEnd): QuizSession {
  const stopped = stopClock(s, atMs)
  return { ...stopped, submittedAt: atMs, endedBy }
}

function refuse(session: QuizSession, reason: QuizRefusal): QuizStep {
  return { ok: false, session, reason }
}

function gate(session: QuizSession, index: number): QuizRefusal | undefined {
  if (session.submittedAt !== undefined) return 'submitted'
  if (session.pausedAt !== undefined) return 'paused'
  if (!Number.isInteger(index) || index < 0 || index >= session.questions.length)
    return 'out-of-range'
  return undefined
}

/**
 * Records the answer to the question on screen. In exam mode it may be changed until the learner
 * moves on; in practice mode the first answer is final (feedback follows) and the question's
 * clock stops. Refused for another question, a response of another form, a timed-out question,
 * or after the deadline (which `enforceTime` applies first).
 */
export function answer(
  session: QuizSession,
  index: number,
  response: Response,
  nowMs: number,
): QuizStep {
  const s = enforceTime(session, nowMs)
  const refusal = gate(s, index)
  if (refusal) return refuse(s, refusal)
  if (index !== s.current) return refuse(s, 'not-current')
  if (response.form !== s.questions[index]!.question.form) return refuse(s, 'wrong-form')
  if (s.timedOut[index]) return refuse(s, 'timed-out')
  if (s.config.mode === 'practice' && s.answers[index] != null) return refuse(s, 'locked')
  const answers = s.answers.slice()
  answers[index] = response
  // the time to answer, kept apart from the time on screen: an exam question stays open (and its
  // clock runs) until the learner moves on or its time is up
  const answeredMs = s.answeredMs?.slice() ?? Array.from(s.answers, () => null)
  answeredMs[index] = spentMs(s, index, nowMs)
  const recorded = { ...s, answers, answeredMs }
  return { ok: true, session: s.config.mode === 'practice' ? stopClock(recorded, nowMs) : recorded }
}

/**
 * Shows question `index`. Exam mode refuses going back (skipping ahead is allowed; a skipped
 * question stays unanswered). The question left behind stops its clock; the one shown resumes its
 * own if it is still open.
 */
export function moveTo(session: QuizSession, index: number, nowMs: number): QuizStep {
  const s = enforceTime(session, nowMs)
  const refusal = gate(s, index)
  if (refusal) return refuse(s, refusal)
  if (index === s.current) return { ok: true, session: s }
  if (s.config.mode === 'exam' && index < s.current) return refuse(s, 'no-going-back')
  return { ok: true, session: showAt(stopClock(s, nowMs), index, nowMs) }
}

/** Pauses a practice quiz: every clock stops. Exam mode refuses. */
export function pause(session: QuizSession, nowMs: number): QuizStep {
  const s = enforceTime(session, nowMs)
  if (s.config.mode === 'exam') return refuse(s, 'no-pausing')
  const refusal = gate(s, s.current)
  if (refusal === 'paused') return { ok: true, session: s }
  if (refusal) return refuse(s, refusal)
  return { ok: true, session: { ...stopClock(s, nowMs), pausedAt: nowMs } }
}

/** Resumes a paused quiz; the pause does not count against any limit. */
export function resume(session: QuizSession, nowMs: number): QuizSession {
  if (session.pausedAt === undefined || session.submittedAt !== undefined) return session
  const { pausedAt, ...rest } = session
  const s: QuizSession = { ...rest, pausedMs: session.pausedMs + Math.max(0, nowMs - pausedAt) }
  return { ...s, currentSince: isOpen(s, s.current) ? nowMs : null }
}

/**
 * Ends the sitting. Deadlines passed are applied first, so a quiz submitted after its whole-quiz
 * limit (a reload long after) ends at the deadline, by the clock. Submitting twice changes nothing.
 */
export function submit(session: QuizSession, nowMs: number): QuizSession {
  let s = enforceTime(session, nowMs)
  if (s.submittedAt !== undefined) return s
  s = resume(s, nowMs)
  return close(s, nowMs, 'user')
}

/** Whether the right answer to question `index` may be shown: in practice once answered or timed out; in exam only at the end. */
export function isRevealed(session: QuizSession, index: number): boolean {
  if (session.submittedAt !== undefined) return true
  return (
    session.config.mode === 'practice' &&
    (session.answers[index] != null || session.timedOut[index] === true)
  )
}

/** A spoken time warning. */
export type Announcement = 'one-minute' | 'ten-seconds'

const ANNOUNCE_AT: readonly [Announcement, number][] = [
  ['ten-seconds', 10_000],
  ['one-minute', 60_000],
]

/**
 * Which warning to announce to screen readers between two readings of the remaining time: the
 * one whose threshold was just crossed going down. Each fires once per countdown because only a
 * crossing counts; when both were crossed at once (a tab woke up late) only the more urgent is
 * said; nothing on the first reading (`previousRemainingMs` null), when time went up (a new
 * question), or at zero (submission is announced instead).
 * @example announcementsDue(61_000, 59_000) === 'one-minute'
 */
export function announcementsDue(
  previousRemainingMs: number | null,
  remainingMs: number | null,
): Announcement | null {
  if (previousRemainingMs === null || remainingMs === null || remainingMs <= 0) return null
  for (const [name, at] of ANNOUNCE_AT)
    if (previousRemainingMs > at && remainingMs <= at) return name
  return null
}

// ---------------------------------------------------------------------------------------------
// Results

/** One question of a finished quiz. */
export interface QuizResultQuestion {
  question: QuizQuestion
  response: Response | null
  graded: Graded
  /** Time spent on the question. */
  elapsedMs: number
  /**
   * Time spent on the question when its answer was given: what the answer's speed is judged on.
   * Absent when unanswered, and in results of sessions saved before it was kept.
   */
  answeredMs?: number
  /** Its own time limit ran out. */
  timedOut: boolean
  /** It was ever shown: a question the clock never reached says nothing about memory. */
  seen: boolean
}

/** A finished quiz, as kept in the attempt history. */
export interface QuizResult {
  /** The session's id. */
  id: string
  configKey: string
  config: QuizConfig
  startedAt: number
  finishedAt: number
  /** Time taken, pauses excluded. */
  durationMs: number
  endedBy: QuizEnd
  total: number
  /** Questions fully right. */
  correct: number
  /** Mean credit from 0 to 1: partial answers (multiple select, ordering, matching, cloze) count in part. */
  score: number
  questions: readonly QuizResultQuestion[]
}

/** Grades a submitted session. Unanswered questions count wrong. Throws if it is not submitted. */
export function scoreQuiz(session: QuizSession): QuizResult {
  const finishedAt = session.submittedAt
  if (finishedAt === undefined) throw new Error('submit the quiz before scoring it')
  const questions = session.questions.map((question, i): QuizResultQuestion => {
    const response = session.answers[i] ?? null
    const answeredMs = response ? session.answeredMs?.[i] : undefined
    return {
      question,
      response,
      graded: response ? gradeResponse(question.question, response) : { correct: false, score: 0 },
      elapsedMs: session.elapsedMs[i] ?? 0,
      ...(answeredMs != null ? { answeredMs } : {}),
      timedOut: session.timedOut[i] ?? false,
      seen: session.shownAt[i] != null,
    }
  })
  const total = questions.length
  return {
    id: session.id,
    configKey: configKey(session.config),
    config: session.config,
    startedAt: session.startedAt,
    finishedAt,
    durationMs: quizClockMs(session, finishedAt),
    endedBy: session.endedBy ?? 'user',
    total,
    correct: questions.filter((q) => q.graded.correct).length,
    score: total ? questions.reduce((sum, q) => sum + q.graded.score, 0) / total : 0,
    questions,
  }
}

/** Questions fully right, earning part marks, and earning nothing (unanswered ones included). */
export interface ScoreTally {
  right: number
  partly: number
  wrong: number
}

/**
 * Splits graded questions by the credit they earned (`graded.score`, 0–1): fully right, some
 * credit (part marks), none. The three always add up to `questions.length`.
 */
export function tallyScores(
  questions: readonly { graded: { correct: boolean; score: number } }[],
): ScoreTally {
  let right = 0
  let partly = 0
  for (const { graded } of questions) {
    if (graded.correct) right++
    else if (graded.score > 0) partly++
  }
  return { right, partly, wrong: questions.length - right - partly }
}

/** A question got wrong, ready for the review: what was given, what is right, and where to read up. */
export interface QuizMistake {
  index: number
  entry: QuizResultQuestion
  given: string
  right: string
  explanation?: string
  deckId: string
  paragraphs: readonly number[]
}

/** Every question not fully right, in quiz order. */
export function mistakesOf(result: QuizResult): QuizMistake[] {
  return result.questions.flatMap((entry, index) => {
    if (entry.graded.correct) return []
    const q = entry.question.question
    return [
      {
        index,
        entry,
        given: responseText(q, entry.response ?? undefined),
        right: correctAnswerText(q),
        ...(q.explanation ? { explanation: q.explanation } : {}),
        deckId: q.deckId,
        paragraphs: q.paragraphs,
      },
    ]
  })
}

/** One scheduler update a quiz asks for. */
export interface QuizReview {
  itemId: string
  recall: Recall
  durationMs: number
}

/** Options of `quizReviews`. */
export interface QuizReviewOptions {
  /** Items due by then count as due (the store may pass the end of the study day); default `nowMs`. */
  dueBy?: number
}

/**
 * What a quiz result tells the scheduler, for a learner who lets quizzes feed it:
 * - wrong (or unanswered once shown) → `again`, so the card is due again soon, due or not;
 * - right and due by `dueBy` → the rating `recallOf` gives (speed-aware, as in study);
 * - right and not due, or never studied (no row, or a `new` one) → nothing: an early right answer
 *   is not a full review, and a card met first in a quiz has not been learnt, so one lucky choice
 *   must not graduate it past study;
 * - never shown (the clock ran out first) → nothing: it says nothing about memory.
 * An answer's time is the time until it was given (`answeredMs`; the time on screen for results
 * kept before that was recorded, and for questions left unanswered).
 * A matching question rates each pair's item on its own (`good` when right, having no per-pair
 * time); an ordering of dated events rates nothing, knowing relative order not being recall of any
 * one card. Items whose progress row is retired are skipped.
 */
export function quizReviews(
  result: QuizResult,
  progress: ReadonlyMap<string, ProgressRow>,
  nowMs: number,
  { dueBy = nowMs }: QuizReviewOptions = {},
): QuizReview[] {
  const out: QuizReview[] = []
  const add = (itemId: string, correct: boolean, recall: Recall, durationMs: number) => {
    const row = progress.get(itemId)
    if (row?.retired) return
    // a new card has no due date to be reached: it counts as not due
    const due = row !== undefined && row.memory.state !== 'new' && row.memory.due <= dueBy
    if (!correct) out.push({ itemId, recall: 'again', durationMs })
    else if (due) out.push({ itemId, recall, durationMs })
  }
  for (const entry of result.questions) {
    if (!entry.seen) continue
    const { question, itemId, itemIds } = entry.question
    const response = entry.response
    const tookMs = entry.answeredMs ?? entry.elapsedMs
    if (question.form === 'matching') {
      const matches = response?.form === 'matching' ? response.matches : {}
      const each = Math.round(tookMs / Math.max(1, question.pairs.length))
      question.pairs.forEach((pair, i) => {
        const id = itemIds[i]
        if (id) add(id, matches[pair.left] === pair.right, 'good', each)
      })
    } else if (itemId) {
      const recall =
        response && entry.graded.correct
          ? recallOf(question, response, entry.graded, tookMs)
          : 'again'
      add(itemId, entry.graded.correct, recall, tookMs)
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Schemas for questions, sessions and results coming back from storage or a backup file

const Finite = v.pipe(v.number(), v.finite())
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))
const Duration = v.pipe(Finite, v.minValue(0))
const Str = (max = 5_000) => v.pipe(v.string(), v.maxLength(max))
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(200))
const List = <T extends v.GenericSchema>(item: T, max: number) =>
  v.pipe(v.array(item), v.maxLength(max), v.readonly())
const Texts = (max = 200) => List(Str(), max)

const questionBase = {
  deckId: Id,
  cardId: Id,
  explanation: v.optional(Str()),
  paragraphs: List(Count, 1_000),
}

const ClozeSegmentSchema = v.variant('kind', [
  v.object({ kind: v.literal('text'), text: Str() }),
  v.object({
    kind: v.literal('blank'),
    index: Count,
    answer: Str(),
    hint: v.optional(Str()),
    hidden: v.boolean(),
  }),
])

/** Validates a question (as stored in a session or result). */
export const QuestionSchema = v.variant('form', [
  v.object({ ...questionBase, form: v.literal('self'), front: Str(), back: Str() }),
  v.object({
    ...questionBase,
    form: v.literal('typed'),
    prompt: Str(),
    accepted: Texts(),
    rejects: Texts(10_000),
  }),
  v.object({
    ...questionBase,
    form: v.literal('cloze'),
    segments: List(ClozeSegmentSchema, 1_000),
    blanks: Texts(),
    rejects: Texts(10_000),
  }),
  v.object({
    ...questionBase,
    form: v.literal('single'),
    prompt: Str(),
    options: Texts(),
    answer: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('multi'),
    prompt: Str(),
    options: Texts(),
    answers: Texts(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('ordering'),
    prompt: Str(),
    items: Texts(),
    answer: Texts(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('numeric'),
    prompt: Str(),
    answer: v.union([Finite, v.object({ min: Finite, max: Finite })]),
    unit: v.optional(Str()),
  }),
  v.object({
    ...questionBase,
    form: v.literal('map'),
    prompt: Str(),
    answers: Texts(),
    region: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('truefalse'),
    prompt: Str(),
    proposed: Str(),
    answer: v.boolean(),
    correctAnswer: Str(),
  }),
  v.object({
    ...questionBase,
    form: v.literal('matching'),
    prompt: Str(),
    pairs: List(v.object({ left: Str(), right: Str(), cardId: Id }), 200),
    rights: Texts(),
  }),
])

/** Validates a response (as stored in a session or result). */
export const ResponseSchema = v.variant('form', [
  v.object({ form: v.literal('self'), recall: v.picklist(['again', 'hard', 'good', 'easy']) }),
  v.object({ form: v.literal('typed'), text: Str() }),
  v.object({ form: v.literal('cloze'), texts: Texts() }),
  v.object({ form: v.literal('single'), choice: v.nullable(Str()) }),
  v.object({ form: v.literal('multi'), choices: Texts() }),
  v.object({ form: v.literal('ordering'), order: Texts() }),
  v.object({ form: v.literal('numeric'), text: Str() }),
  v.object({ form: v.literal('map'), code: v.nullable(Str(10)) }),
  v.object({ form: v.literal('truefalse'), value: v.nullable(v.boolean()) }),
  v.object({ form: v.literal('matching'), matches: v.pipe(v.record(Str(), Str()), v.readonly()) }),
])

/** Validates a quiz question (form, items and the question itself). */
export const QuizQuestionSchema = v.object({
  id: Id,
  form: v.picklist(QUIZ_FORMS),
  itemId: v.optional(Id),
  itemIds: List(Id, 200),
  question: QuestionSchema,
})

const GradedSchema = v.object({
  correct: v.boolean(),
  score: v.pipe(Finite, v.minValue(0), v.maxValue(1)),
  typo: v.optional(v.boolean()),
})

const QuizEndSchema = v.picklist(['user', 'time'])
const QUESTIONS_MAX = QUIZ_LIMITS.count

/** Validates a stored session; the per-question lists must match the questions and `current` be one of them. */
export const QuizSessionSchema = v.pipe(
  v.object({
    id: Id,
    config: QuizConfigSchema,
    questions: v.pipe(List(QuizQuestionSchema, QUESTIONS_MAX), v.minLength(1)),
    answers: List(v.nullable(ResponseSchema), QUESTIONS_MAX),
    elapsedMs: List(Duration, QUESTIONS_MAX),
    answeredMs: v.optional(List(v.nullable(Duration), QUESTIONS_MAX)),
    shownAt: List(v.nullable(Epoch), QUESTIONS_MAX),
    timedOut: List(v.boolean(), QUESTIONS_MAX),
    startedAt: Epoch,
    current: Count,
    currentSince: v.nullable(Epoch),
    pausedAt: v.optional(Epoch),
    pausedMs: Duration,
    submittedAt: v.optional(Epoch),
    endedBy: v.optional(QuizEndSchema),
  }),
  v.check((s) => {
    const n = s.questions.length
    return (
      s.answers.length === n &&
      s.elapsedMs.length === n &&
      (s.answeredMs === undefined || s.answeredMs.length === n) &&
      s.shownAt.length === n &&
      s.timedOut.length === n &&
      s.current < n
    )
  }, 'the session lists do not match its questions'),
)

/** Validates a stored quiz result. */
export const QuizResultSchema = v.object({
  id: Id,
  configKey: v.pipe(v.string(), v.maxLength(20_000)),
  config: QuizConfigSchema,
  startedAt: Epoch,
  finishedAt: Epoch,
  durationMs: Duration,
  endedBy: QuizEndSchema,
  total: Count,
  correct: Count,
  score: v.pipe(Finite, v.minValue(0), v.maxValue(1)),
  questions: List(
    v.object({
      question: QuizQuestionSchema,
      response: v.nullable(ResponseSchema),
      graded: GradedSchema,
      elapsedMs: Duration,
      answeredMs: v.optional(Duration),
      timedOut: v.boolean(),
      seen: v.boolean(),
    }),
    QUESTIONS_MAX,
  ),
})

// Type-level check that the schemas and the types agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _configAgrees: Same<v.InferOutput<typeof QuizConfigSchema>, QuizConfig> = true
const _questionAgrees: Same<v.InferOutput<typeof QuestionSchema>, Question> = true
const _responseAgrees: Same<v.InferOutput<typeof ResponseSchema>, Response> = true
const _quizQuestionAgrees: Same<v.InferOutput<typeof QuizQuestionSchema>, QuizQuestion> = true
const _sessionAgrees: Same<v.InferOutput<typeof QuizSessionSchema>, QuizSession> = true
const _resultAgrees: Same<v.InferOutput<typeof QuizResultSchema>, QuizResult> = true
void [
  _configAgrees,
  _questionAgrees,
  _responseAgrees,
  _quizQuestionAgrees,
  _sessionAgrees,
  _resultAgrees,
]
