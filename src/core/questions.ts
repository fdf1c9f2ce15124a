// Questions: how a card is asked, and how a response to it is graded. Shared by study and quizzes.
import { withAliases } from './aliases'
import { clozeAnswers, clozeFilled, clozeSegments, type ClozeSegment } from './cloze'
import { countryByCode, countryNames } from './countries'
import type { AnswerKind, Card, CardPictures, CardRich, Deck } from './deck'
import {
  gradeChoice,
  gradeMulti,
  gradeNumeric,
  gradeOrdering,
  gradeTyped,
  recallFor,
  type AnswerForm,
  type Graded,
  type NumericAnswer,
  type Recall,
} from './grading'
import { clozeIndexOf, type ItemVariant } from './items'
import { normalizeAnswer } from './normalize'
import { sample, shuffle, type Rng } from './random'

interface QuestionBase {
  /** The card the question was made from (for a matching question, the first of its cards). */
  deckId: string
  cardId: string
  explanation?: string
  paragraphs: readonly number[]
  /** The card's pictures by the side of the question they show on (a reversed card's swapped). */
  pictures?: CardPictures
  /** The card's formatting by side; shown only where the side's text is shown as written. */
  rich?: CardRich
}

export type Question = QuestionBase &
  (
    | { form: 'self'; front: string; back: string }
    | {
        form: 'typed'
        prompt: string
        accepted: readonly string[]
        rejects: readonly string[]
        /** What to type, when the prompt alone does not say (a flashcard's front). */
        hint?: string
      }
    | {
        form: 'cloze'
        segments: readonly ClozeSegment[]
        blanks: readonly string[]
        rejects: readonly string[]
      }
    | { form: 'single'; prompt: string; options: readonly string[]; answer: string }
    | { form: 'multi'; prompt: string; options: readonly string[]; answers: readonly string[] }
    | { form: 'ordering'; prompt: string; items: readonly string[]; answer: readonly string[] }
    | { form: 'numeric'; prompt: string; answer: NumericAnswer; unit?: string }
    | { form: 'map'; prompt: string; answers: readonly string[]; region: string }
    | {
        form: 'truefalse'
        prompt: string
        proposed: string
        answer: boolean
        correctAnswer: string
      }
    | {
        form: 'matching'
        prompt: string
        pairs: readonly { left: string; right: string; cardId: string }[]
        rights: readonly string[]
      }
  )

export type Response =
  | { form: 'self'; recall: Recall }
  | { form: 'typed'; text: string }
  | { form: 'cloze'; texts: readonly string[] }
  | { form: 'single'; choice: string | null }
  | { form: 'multi'; choices: readonly string[] }
  | { form: 'ordering'; order: readonly string[] }
  | { form: 'numeric'; text: string }
  | { form: 'map'; code: string | null }
  | { form: 'truefalse'; value: boolean | null }
  | { form: 'matching'; matches: Readonly<Record<string, string>> }

/** Known answers of each kind across all decks: where distractors come from. */
export type AnswerPools = ReadonlyMap<AnswerKind, readonly string[]>

/** Longest answer that can serve as a choice or be typed; longer backs are self-graded only. */
export const SHORT_ANSWER = 60

function formatNumeric(answer: NumericAnswer, unit?: string): string {
  const text = typeof answer === 'number' ? String(answer) : `${answer.min}–${answer.max}`
  return unit ? `${text} ${unit}` : text
}

/** The answers a card treats as right, for typing or choosing (empty for ordering). */
export function canonicalAnswers(card: Card): string[] {
  switch (card.type) {
    case 'basic':
      return card.back.length <= SHORT_ANSWER ? [card.back] : []
    case 'typed':
      return [...card.answers]
    case 'single':
      return [card.answer]
    case 'multi':
      return [...card.answers]
    case 'numeric':
      return [formatNumeric(card.answer)]
    case 'map':
      return card.answers.map((code) => countryByCode(code)?.name ?? code)
    case 'cloze':
      return clozeAnswers(card.text)
    case 'ordering':
      return []
  }
}

/** Every answer of every card, grouped by kind, without repeats. Distractors count too. */
export function buildPools(decks: readonly Deck[]): AnswerPools {
  const pools = new Map<AnswerKind, string[]>()
  const seen = new Map<AnswerKind, Set<string>>()
  const add = (kind: AnswerKind, answer: string) => {
    const key = normalizeAnswer(answer)
    if (!key || answer.length > SHORT_ANSWER) return
    const keys = seen.get(kind) ?? new Set()
    if (keys.has(key)) return
    keys.add(key)
    seen.set(kind, keys)
    pools.set(kind, [...(pools.get(kind) ?? []), answer])
  }
  for (const deck of decks)
    for (const card of deck.cards) {
      // a card's first answer is the canonical one; listed alternatives are spellings, not rivals
      const answers = card.type === 'typed' ? card.answers.slice(0, 1) : canonicalAnswers(card)
      for (const answer of answers) add(card.kind, answer)
      for (const d of ownDistractors(card)) add(card.kind, d)
    }
  return pools
}

/**
 * The wrong options a card lists itself: a choice card's, or those a flashcard, typed or map card
 * gives for when a quiz asks it as a choice (a map card's as country names).
 */
export function ownDistractors(card: Card): readonly string[] {
  switch (card.type) {
    case 'single':
    case 'multi':
    case 'basic':
    case 'typed':
      return card.distractors ?? []
    case 'map':
      return (card.distractors ?? []).map((code) => countryByCode(code)?.name ?? code)
    default:
      return []
  }
}

/**
 * Numbers near a numeric answer, nearest first. A count never goes below 1 ("0 decades" or "-2
 * decades" would give the question away); a year may.
 */
function numberNeighbours(answer: number, count: boolean): string[] {
  const out: string[] = []
  for (const step of [1, -1, 2, -2, 3, -3, 4, 5, -4, -5]) {
    const n = answer + step
    if (!count || n >= 1) out.push(String(n))
  }
  return out
}

/**
 * Spans as wide as an answer that is a span ("2018–2020" → "2015–2017", "2021–2023"…), just
 * outside it, nearest first: every option then has the shape of the right one, and none overlaps
 * it. An approximate figure ("about thirty", 25–35) gets the same treatment.
 */
function spanNeighbours(range: { min: number; max: number }, count: boolean): string[] {
  const width = range.max - range.min + 1
  const out: string[] = []
  for (const k of [1, -1, 2, -2, 3, -3]) {
    const min = k > 0 ? range.max + 1 + (k - 1) * width : range.min + k * width
    const max = min + width - 1
    if (!count || min >= 1) out.push(`${min}–${max}`)
  }
  return out
}

/**
 * Whether `text`, given as the answer to `card`, would be right: it is (an alias of) one of the
 * card's right answers, or, for a numeric card, a number or range `gradeNumeric` accepts ("2019"
 * for 2018–2020). Such a text can never be offered as a wrong option or a false statement.
 */
export function answersCard(card: Card, text: string): boolean {
  if (card.type === 'numeric' && gradeNumeric(card.answer, text).correct) return true
  const right = rightKeysOf(card)
  return withAliases([text]).some((a) => right.has(normalizeAnswer(a)))
}

function rightKeysOf(card: Card): Set<string> {
  const listed = canonicalAnswers(card).concat(card.type === 'typed' ? card.answers : [])
  return new Set(withAliases(listed).map(normalizeAnswer))
}

/**
 * Up to `count` wrong options of the card's answer kind: first the card's own listed distractors,
 * then answers of the same kind from `pools`. Never one that would be right for the card (see
 * `answersCard`), never two that name the same thing (alike once normalized, or aliases of each
 * other: not "UAE" beside "United Arab Emirates").
 */
export function pickDistractors(card: Card, count: number, pools: AnswerPools, rng: Rng): string[] {
  const taken = rightKeysOf(card)
  const out: string[] = []
  const offer = (candidates: readonly string[]) => {
    for (const c of candidates) {
      if (out.length >= count) return
      const names = withAliases([c]).map(normalizeAnswer)
      if (!names[0] || names.some((key) => taken.has(key))) continue
      if (card.type === 'numeric' && gradeNumeric(card.answer, c).correct) continue
      // every name of an accepted option is taken: two names for one thing would make two options
      // right or both wrong, and either gives the question away
      for (const key of names) taken.add(key)
      out.push(c)
    }
  }
  offer(shuffle(ownDistractors(card), rng))
  if (card.type === 'numeric' && (card.kind === 'year' || card.kind === 'number')) {
    const counted = card.kind === 'number'
    if (typeof card.answer === 'number')
      offer(sample(numberNeighbours(card.answer, counted), 10, rng))
    else {
      // a span among single numbers would stand out: offer spans only
      offer(sample(spanNeighbours(card.answer, counted), 6, rng))
      return out
    }
  }
  offer(shuffle(pools.get(card.kind) ?? [], rng))
  if (card.kind === 'country')
    offer(
      shuffle(
        countryNames().filter((n) => n.length < 25),
        rng,
      ).slice(0, 40),
    )
  return out
}

/** Names that must never pass as a typo of this card's answer: same-kind answers and countries. */
export function rejectsFor(card: Card, pools: AnswerPools): string[] {
  const own = ownDistractors(card)
  const kindNames = pools.get(card.kind) ?? []
  return [...own, ...kindNames, ...(card.kind === 'country' ? countryNames() : [])]
}

function base(deckId: string, card: Card): QuestionBase {
  return {
    deckId,
    cardId: card.id,
    ...(card.explanation ? { explanation: card.explanation } : {}),
    paragraphs: card.paragraphs,
    ...cardMedia(card),
  }
}

/** A card's pictures and formatting for a question, sides swapped when it is asked in reverse. */
export function cardMedia(
  card: Pick<Card, 'pictures' | 'rich'>,
  reverse = false,
): Pick<QuestionBase, 'pictures' | 'rich'> {
  const swap = <T extends { prompt?: unknown; answer?: unknown }>(sides: T): T => {
    if (!reverse) return sides
    const { prompt, answer, ...rest } = sides
    return {
      ...rest,
      ...(answer !== undefined ? { prompt: answer } : {}),
      ...(prompt !== undefined ? { answer: prompt } : {}),
    } as T
  }
  return {
    ...(card.pictures ? { pictures: swap(card.pictures) } : {}),
    ...(card.rich ? { rich: swap(card.rich) } : {}),
  }
}

/** Whether asking `card` draws on the answer pools (distractors or typo rejects); others skip building them. */
export function needsPools(card: Card): boolean {
  return card.type === 'single' || card.type === 'typed' || card.type === 'cloze'
}

/**
 * A card asked in its own form, as study shows it. `rng` orders choices; seed it with the item
 * and its review count so the order is stable across a reload.
 */
export function studyQuestion(
  deckId: string,
  card: Card,
  variant: ItemVariant,
  pools: AnswerPools,
  rng: Rng,
): Question {
  const b = base(deckId, card)
  switch (card.type) {
    case 'basic':
      return variant === 'reverse'
        ? { ...b, ...cardMedia(card, true), form: 'self', front: card.back, back: card.front }
        : { ...b, form: 'self', front: card.front, back: card.back }
    case 'typed':
      return {
        ...b,
        form: 'typed',
        prompt: card.prompt,
        accepted: card.answers,
        rejects: rejectsFor(card, pools),
      }
    case 'cloze': {
      const index = clozeIndexOf(card, variant)
      return {
        ...b,
        form: 'cloze',
        segments: clozeSegments(card.text, index),
        blanks: clozeAnswers(card.text, index),
        rejects: rejectsFor(card, pools),
      }
    }
    case 'single': {
      const wrong = pickDistractors(card, Math.max(3, card.distractors.length), pools, rng)
      return {
        ...b,
        form: 'single',
        prompt: card.prompt,
        options: shuffle([card.answer, ...wrong], rng),
        answer: card.answer,
      }
    }
    case 'multi':
      return {
        ...b,
        form: 'multi',
        prompt: card.prompt,
        options: shuffle([...card.answers, ...card.distractors], rng),
        answers: card.answers,
      }
    case 'ordering':
      return {
        ...b,
        form: 'ordering',
        prompt: card.prompt,
        items: shuffleAway(card.items, rng),
        answer: card.items,
      }
    case 'numeric':
      return {
        ...b,
        form: 'numeric',
        prompt: card.prompt,
        answer: card.answer,
        ...(card.unit ? { unit: card.unit } : {}),
      }
    case 'map':
      return { ...b, form: 'map', prompt: card.prompt, answers: card.answers, region: card.region }
  }
}

/** A shuffle that never returns the items already in order (that would give the answer away). */
export function shuffleAway<T>(items: readonly T[], rng: Rng): T[] {
  if (items.length < 2) return items.slice()
  for (let attempt = 0; attempt < 8; attempt++) {
    const out = shuffle(items, rng)
    if (out.some((item, i) => item !== items[i])) return out
  }
  return [...items.slice(1), items[0]!]
}

/** One pair of a matching answer, or one blank of a fill-in-the-blank, as it was graded. */
export interface GradedPart {
  /** What was chosen or typed (surrounding spaces dropped); '' for nothing. */
  given: string
  /** The pair's right-hand item, or the blank's answer. */
  right: string
  correct: boolean
  /** A typed blank was accepted despite one typo. */
  typo?: true
}

/**
 * The verdict on each part of an answer whose whole is a list of parts: one per pair of a matching
 * question (in `pairs` order) or per blank of a cloze question (in `blanks` order); null for the
 * other forms. `gradeResponse` scores these same verdicts, so a part-by-part review always agrees
 * with the score. A missing response, or one of another form, leaves every part unanswered.
 * @example gradeParts(cloze, { form: 'cloze', texts: [' Romania '] })?.[0] // { given: 'Romania', right: 'Romania', correct: true }
 */
export function gradeParts(question: Question, response: Response | null): GradedPart[] | null {
  if (question.form === 'matching') {
    const matches = response?.form === 'matching' ? response.matches : {}
    return question.pairs.map((p) => {
      const chosen = matches[p.left]
      return { given: chosen ?? '', right: p.right, correct: chosen === p.right }
    })
  }
  if (question.form === 'cloze') {
    const texts = response?.form === 'cloze' ? response.texts : []
    return question.blanks.map((blank, i) => {
      const typed = texts[i] ?? ''
      const graded = gradeTyped([blank], typed, { rejects: question.rejects })
      return {
        given: typed.trim(),
        right: blank,
        correct: graded.correct,
        ...(graded.typo ? { typo: true as const } : {}),
      }
    })
  }
  return null
}

/** Credit for a list of parts: the share right, fully correct only when every part is. */
function gradeOfParts(parts: readonly GradedPart[] | null): Graded {
  const all = parts ?? []
  const right = all.filter((p) => p.correct).length
  return {
    correct: right === all.length,
    score: all.length ? right / all.length : 0,
    ...(all.some((p) => p.typo) ? { typo: true } : {}),
  }
}

/** Grades a response to a question. A response of another form is simply wrong. */
export function gradeResponse(question: Question, response: Response): Graded {
  const wrong: Graded = { correct: false, score: 0 }
  switch (question.form) {
    case 'self':
      if (response.form !== 'self') return wrong
      return { correct: response.recall !== 'again', score: response.recall === 'again' ? 0 : 1 }
    case 'typed':
      return response.form === 'typed'
        ? gradeTyped(question.accepted, response.text, { rejects: question.rejects })
        : wrong
    case 'cloze':
      return response.form === 'cloze' ? gradeOfParts(gradeParts(question, response)) : wrong
    case 'single':
      return response.form === 'single' ? gradeChoice(question.answer, response.choice) : wrong
    case 'multi':
      return response.form === 'multi'
        ? gradeMulti(question.answers, question.options, response.choices)
        : wrong
    case 'ordering':
      return response.form === 'ordering' ? gradeOrdering(question.answer, response.order) : wrong
    case 'numeric':
      return response.form === 'numeric' ? gradeNumeric(question.answer, response.text) : wrong
    case 'map': {
      if (response.form !== 'map' || !response.code) return wrong
      const correct = question.answers.includes(response.code.toUpperCase())
      return { correct, score: correct ? 1 : 0 }
    }
    case 'truefalse': {
      if (response.form !== 'truefalse' || response.value === null) return wrong
      const correct = response.value === question.answer
      return { correct, score: correct ? 1 : 0 }
    }
    case 'matching':
      return response.form === 'matching' ? gradeOfParts(gradeParts(question, response)) : wrong
  }
}

/** How the question is answered, which sets what counts as a quick or slow answer. */
export function answerForm(question: Question): AnswerForm {
  switch (question.form) {
    case 'self':
      return 'self'
    case 'single':
    case 'map':
    case 'truefalse':
      return 'choice'
    case 'typed':
    case 'cloze':
    case 'numeric':
      return 'typed'
    case 'multi':
    case 'ordering':
    case 'matching':
      return 'arrange'
  }
}

/**
 * The rating an answer earns: self-graded questions carry the learner's own rating; others are
 * graded and timed (see `recallFor`).
 */
export function recallOf(
  question: Question,
  response: Response,
  graded: Graded,
  elapsedMs: number,
): Recall {
  if (response.form === 'self') return response.recall
  const form = answerForm(question)
  return recallFor(graded, form === 'self' ? 'choice' : form, elapsedMs)
}

/** What the question asks, as one line: the prompt, or what stands for it. */
export function questionTitle(question: Question): string {
  switch (question.form) {
    case 'self':
      return question.front
    case 'cloze':
      return clozeFilled(
        question.segments
          .map((s) => (s.kind === 'text' ? s.text : s.hidden ? '…' : s.answer))
          .join(''),
      )
    default:
      return question.prompt
  }
}

/** The right answer in words, for feedback and quiz review. */
export function correctAnswerText(question: Question): string {
  switch (question.form) {
    case 'self':
      return question.back
    case 'typed':
      return question.accepted[0] ?? ''
    case 'cloze':
      return clozeFilled(
        question.segments
          .map((s) => (s.kind === 'text' ? s.text : `{{c${s.index}::${s.answer}}}`))
          .join(''),
      )
    case 'single':
      return question.answer
    case 'multi':
      return question.answers.join(', ')
    case 'ordering':
      return question.answer.map((item, i) => `${i + 1}. ${item}`).join('  ')
    case 'numeric':
      return formatNumeric(question.answer, question.unit)
    case 'map':
      return question.answers.map((code) => countryByCode(code)?.name ?? code).join(' or ')
    case 'truefalse':
      return question.answer ? 'True' : `False: ${question.correctAnswer}`
    case 'matching':
      return question.pairs.map((p) => `${p.left} → ${p.right}`).join('; ')
  }
}

/**
 * An ordering question's right order and the order given, as lists: one line of numbered items
 * runs on and cannot be compared by eye. Null for the other forms; `given` is null without an
 * ordering response.
 */
export function orderingLists(
  question: Question,
  response: Response | null | undefined,
): { right: string[]; given: string[] | null } | null {
  if (question.form !== 'ordering') return null
  return {
    right: [...question.answer],
    given: response?.form === 'ordering' ? [...response.order] : null,
  }
}

/** The learner's response in words, for the quiz review ("you answered …"). */
export function responseText(question: Question, response: Response | undefined): string {
  if (!response) return 'No answer'
  switch (response.form) {
    case 'self':
      return response.recall
    case 'typed':
    case 'numeric':
      return response.text.trim() || 'No answer'
    case 'cloze':
      return response.texts.map((t) => t.trim() || '…').join(', ')
    case 'single':
      return response.choice ?? 'No answer'
    case 'multi':
      return response.choices.length ? response.choices.join(', ') : 'No answer'
    case 'ordering':
      return response.order.map((item, i) => `${i + 1}. ${item}`).join('  ')
    case 'map':
      return response.code ? (countryByCode(response.code)?.name ?? response.code) : 'No answer'
    case 'truefalse':
      return response.value === null ? 'No answer' : response.value ? 'True' : 'False'
    case 'matching': {
      const pairs = question.form === 'matching' ? question.pairs : []
      const given = pairs
        .filter((p) => response.matches[p.left])
        .map((p) => `${p.left} → ${response.matches[p.left]}`)
      return given.length ? given.join('; ') : 'No answer'
    }
  }
}
