// Quiz generation: the same settings, seed and decks always give the same questions. Pure.
import { countryByCode } from '../countries'
import { isPlannedEvent } from '../deckLint'
import type { AnswerKind, Card, CardEvent, Deck } from '../deck'
import { factOf, itemsOfCard, type StudyItem } from '../items'
import { nearRejects } from '../grading'
import { normalizeAnswer } from '../normalize'
import { plural } from '../plural'
import {
  type AnswerPools,
  answersCard,
  buildPools,
  canonicalAnswers,
  cardMedia,
  pickDistractors,
  type Question,
  rejectsFor,
  SHORT_ANSWER,
  shuffleAway,
  studyQuestion,
} from '../questions'
import { createRng, type Rng, shuffle } from '../random'
import type { ProgressRow } from '../records'
import { retrievability } from '../scheduler'
import { byText, normalizeConfig, type QuizConfig, type QuizForm } from './config'

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

/** A question made for the quiz, before the questions are shuffled and numbered. */
interface Candidate {
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
  const writtenIn = new Map<string, number>()
  for (const deck of chosen)
    if (deck.source?.year !== undefined) writtenIn.set(deck.id, deck.source.year)
  const ctx = new Builder(groups, pools, settings.seed, writtenIn, cardsByFact(chosen))

  const forms = shuffle(settings.forms, rng)
  const active = forms.slice()
  const made = new Map<QuizForm, number>()
  const candidates: Candidate[] = []
  let turn = 0
  while (candidates.length < settings.count && active.length > 0) {
    const slot = turn % active.length
    const form = active[slot]!
    const candidate = ctx.build(form)
    if (candidate) {
      candidates.push(candidate)
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
  if (candidates.length < settings.count)
    notices.push({
      kind: 'fewer-questions',
      requested: settings.count,
      made: candidates.length,
      message: `The selection gives ${plural(candidates.length, 'question')}, not ${settings.count}: each fact is asked once.`,
    })

  const questions = shuffle(candidates, rng).map((d, i): QuizQuestion => ({
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

/** The typed question made from a flashcard shows its front; this says which side to type. */
export const FLASHCARD_TYPED_HINT = 'This is the front of a flashcard: type what its back says.'

/**
 * A map card's prompt for a question asked with options instead of the map: "Tap the country
 * that…" becomes "Choose the country that…" (every map prompt tells the learner to tap).
 * @example choicePrompt('Tap the country that received the radar.') // 'Choose the country that received the radar.'
 */
export function choicePrompt(prompt: string): string {
  return prompt
    .replace(/(^|[.!?]\s+)Tap\b/g, '$1Choose')
    .replace(/\btap (it|that|the|a|an)\b/g, 'choose $1')
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
      return { prompt: choicePrompt(card.prompt), answer: names[0]!, rights: names }
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
): Pick<Question, 'deckId' | 'cardId' | 'explanation' | 'paragraphs' | 'pictures' | 'rich'> {
  return {
    deckId,
    cardId: card.id,
    ...(card.explanation ? { explanation: card.explanation } : {}),
    paragraphs: card.paragraphs,
    ...cardMedia(card),
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
  /** Still a plan when its source was written ("to be", "due"; or dated after the source). */
  planned: boolean
}

/** Walks the facts in priority order, building one question at a time and never reusing a fact. */
class Builder {
  private readonly taken = new Set<string>()
  // Facts before a form's cursor are taken or cannot give that form: neither changes later.
  private readonly cursor = new Map<QuizForm, number>()
  private readonly matchables = new Map<AnswerKind, Matchable[]>()
  private readonly failedKinds = new Set<AnswerKind>()
  private readonly events: TimelineEvent[] = []
  // an ordering holds only plans or only things done: a failed one is failed for its side only
  private readonly timelineFailed = new Set<boolean>()

  constructor(
    private readonly groups: readonly FactGroup[],
    private readonly pools: AnswerPools,
    private readonly seed: string,
    /** The year each deck's source was written, where the deck gives it. */
    private readonly writtenIn: ReadonlyMap<string, number> = new Map(),
    /** Every card of each fact (`deckId/fact`) in the selected decks, whatever the tag filter. */
    private readonly siblings: ReadonlyMap<string, readonly Card[]> = new Map(),
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
            const planned = isPlannedEvent(event, this.writtenIn.get(entry.deckId))
            const fresh = { key, event, entry, facts: new Set([group.fact]), planned }
            eventsByKey.set(key, fresh)
            this.events.push(fresh)
          }
        }
      }
  }

  build(form: QuizForm): Candidate | undefined {
    let i = this.cursor.get(form) ?? 0
    for (; i < this.groups.length; i++) {
      const group = this.groups[i]!
      if (this.taken.has(group.fact)) continue
      for (const entry of group.entries) {
        const candidate = this.fromEntry(form, entry)
        if (candidate) {
          this.cursor.set(form, i)
          this.taken.add(group.fact)
          return candidate
        }
      }
    }
    this.cursor.set(form, i)
    return undefined
  }

  private fromEntry(form: QuizForm, entry: Entry): Candidate | undefined {
    const one = (question: Question | undefined): Candidate | undefined =>
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
          // the front alone ("EPAA") does not say what to type: the side asked for does
          hint: FLASHCARD_TYPED_HINT,
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

  private timeline(anchor: Entry, rng: Rng): Candidate | undefined {
    const free = (e: TimelineEvent) => ![...e.facts].some((f) => this.taken.has(f))
    const key = eventKey(anchor.card.event!)
    const first = this.events.find((e) => e.key === key)
    if (!first || !free(first) || this.timelineFailed.has(first.planned)) return undefined
    const chosen = [first]
    const years = new Set([first.event.year])
    const labels = new Set([normalizeAnswer(first.event.label)])
    for (const e of this.events) {
      if (chosen.length >= TIMELINE_EVENTS.max) break
      const label = normalizeAnswer(e.event.label)
      // plans are worded as plans ("to be", "due"): beside things done, the tense would sort them
      if (e.planned !== first.planned) continue
      if (years.has(e.event.year) || labels.has(label) || !free(e)) continue
      chosen.push(e)
      years.add(e.event.year)
      labels.add(label)
    }
    // with distinct years required, the greedy pick finds as many as exist: no other anchor does better
    if (chosen.length < TIMELINE_EVENTS.min) {
      this.timelineFailed.add(first.planned)
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
        prompt: first.planned
          ? 'Put these plans in the order they were scheduled, earliest first.'
          : 'Put these events in order, earliest first.',
        items: shuffleAway(answer, rng),
        answer,
      },
    }
  }

  private matching(anchor: Entry, rng: Rng): Candidate | undefined {
    const kind = anchor.card.kind
    if (this.failedKinds.has(kind)) return undefined
    const first = this.matchables.get(kind)?.find((m) => m.entry === anchor)
    if (!first) return undefined
    const chosen = [first]
    for (const m of this.matchables.get(kind) ?? []) {
      if (chosen.length >= MATCHING_PAIRS.max) break
      const fact = m.entry.item.fact
      if (
        this.taken.has(fact) ||
        chosen.some((c) => c.entry.item.fact === fact || clash(c, m, this.siblings))
      )
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

/** Every card of each fact, keyed `deckId/fact` as study items are. */
function cardsByFact(decks: readonly Deck[]): Map<string, Card[]> {
  const out = new Map<string, Card[]>()
  for (const deck of decks)
    for (const card of deck.cards) {
      const key = `${deck.id}/${factOf(card)}`
      out.set(key, [...(out.get(key) ?? []), card])
    }
  return out
}

/**
 * Two pairs clash when they ask alike, or when one's answer would also be right for the other: for
 * its card (an alias, a year inside its range) or for any other card of its fact ("2014" beside
 * "Roughly when was the article written?", whose numeric twin accepts 2011–2014).
 */
function clash(
  a: Matchable,
  b: Matchable,
  siblings: ReadonlyMap<string, readonly Card[]>,
): boolean {
  const fits = (m: Matchable, answer: string) =>
    (siblings.get(m.entry.item.fact) ?? [m.entry.card]).some((card) => answersCard(card, answer)) ||
    answersCard(m.entry.card, answer)
  return normalizeAnswer(a.left) === normalizeAnswer(b.left) || fits(a, b.right) || fits(b, a.right)
}

/**
 * A typed question keeps only the rejects that can change its grading: names near enough to an
 * accepted answer to be mistaken for a typo of it. `rejectsFor` lists every country and every
 * answer of the kind (hundreds), which would otherwise be stored with every session and result.
 */
function withNearRejects(question: Question): Question {
  if (question.form !== 'typed' && question.form !== 'cloze') return question
  const accepted = question.form === 'typed' ? question.accepted : question.blanks
  return { ...question, rejects: nearRejects(accepted, question.rejects) }
}
