// The deck format: one contract for deck files, the editor, imports, exports and backups.
// The valibot schema below is the source of truth; the types and decks/deck.schema.json derive from it.
import * as v from 'valibot'
import { isCountryCode } from './countries'
import { clozeAnswers, clozeIndexes } from './cloze'
import { parseJson, jsonErrorText } from './json'
import { aliasesOf } from './aliases'
import { sameAnswer } from './normalize'
import { LIMITS } from './limits'

export { LIMITS }

/** What an answer *is*, so distractors can be drawn from answers of the same kind. */
export const ANSWER_KINDS = [
  'country',
  'year',
  'system',
  'organization',
  'person',
  'number',
  'place',
  'program',
  'event',
  'weapon',
  'term',
  'other',
] as const
export type AnswerKind = (typeof ANSWER_KINDS)[number]

export const CARD_TYPES = [
  'basic',
  'cloze',
  'typed',
  'single',
  'multi',
  'ordering',
  'numeric',
  'map',
] as const
export type CardType = (typeof CARD_TYPES)[number]

/** Map regions a map card can zoom to; `world` shows everything. */
export const MAP_REGIONS = [
  'world',
  'europe',
  'middle-east',
  'asia-pacific',
  'north-america',
] as const
export type MapRegion = (typeof MAP_REGIONS)[number]

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

// "is longer than 2,000 characters": the cause, in the words a reader checks against their text
const longerThan = (max: number) => `is longer than ${max.toLocaleString('en-US')} characters`

const Id = v.pipe(
  v.string('must be text'),
  v.regex(
    ID_PATTERN,
    'may use only letters, digits, dot, dash and underscore, starting with a letter or digit',
  ),
  v.maxLength(LIMITS.idLength, longerThan(LIMITS.idLength)),
)

const Text = (max: number) =>
  v.pipe(
    v.string('must be text'),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, longerThan(max)),
  )
const OptionalText = (max: number) =>
  v.optional(v.pipe(v.string('must be text'), v.trim(), v.maxLength(max, longerThan(max))))
const Tag = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.minLength(1, 'must not be empty'),
  v.maxLength(40, longerThan(40)),
)
const TextList = (max: number, min: number, what: string, one = what.replace(/s$/, '')) =>
  v.pipe(
    v.array(Text(max), `must be a list of ${what}`),
    v.minLength(min, `needs at least ${min} ${min === 1 ? one : what}`),
    v.maxLength(LIMITS.choices, `may have at most ${LIMITS.choices} ${what}`),
  )

const Paragraph = v.pipe(
  v.number('must be a paragraph number'),
  v.integer('must be a whole paragraph number'),
  v.minValue(1, 'must be 1 or more'),
  v.maxValue(9999, 'must be at most 9999'),
)

const Year = v.pipe(
  v.number('must be a year'),
  v.integer('must be a whole year'),
  v.minValue(-9999, 'must be a year'),
  v.maxValue(9999, 'must be a year'),
)

/** A dated event the card is about; cards with one appear on the timeline and in ordering quizzes. */
const EventSchema = v.strictObject({
  label: Text(80),
  year: Year,
  /** Last year of a span such as 2018–2020. */
  endYear: v.optional(Year),
})

/**
 * Wrong options for a card asked as a choice in a quiz although it is not a choice card (a flashcard,
 * a typed or a map card). Listed ones come first; only when there are too few are more drawn from
 * answers of the same kind in the decks, which can be too easy (an acronym among expansions) or
 * also right by another fact of the source (a second country that hosts the same system).
 */
const ChoiceDistractors = v.optional(
  v.pipe(
    v.array(Text(LIMITS.shortText), 'must be a list of distractors'),
    v.maxLength(LIMITS.choices, `may have at most ${LIMITS.choices} distractors`),
  ),
)

/** A picture on a card: the SHA-256 of its bytes (kept apart, see core/pictures.ts) and its alt text. */
const PictureSchema = v.strictObject({
  id: v.pipe(
    v.string('must be text'),
    v.regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the picture (64 lowercase hex digits)'),
  ),
  alt: Text(LIMITS.shortText),
})
const PictureList = v.pipe(
  v.array(PictureSchema, 'must be a list of pictures'),
  v.maxLength(4, 'may have at most 4 pictures'),
)
/** Pictures by the side of the card they show on: the prompt (front), the answer (back), the explanation. */
const CardPicturesSchema = v.strictObject({
  prompt: v.optional(PictureList),
  answer: v.optional(PictureList),
  explanation: v.optional(PictureList),
})
/**
 * Formatting kept from an import, by side: the side's text with `<b>`, `<i>`, `<u>`, `<sub>`,
 * `<sup>`, `<br>`, `<ul>`, `<ol>` and `<li>` and nothing else (core/richText.ts reads it, treating
 * anything else as text). The plain field stays what every other part of the app reads.
 */
const RichSchema = v.strictObject({
  prompt: OptionalText(LIMITS.longText * 2),
  answer: OptionalText(LIMITS.longText * 2),
  explanation: OptionalText(LIMITS.longText * 2),
})

const cardBase = {
  id: Id,
  fact: v.optional(Id),
  kind: v.optional(v.picklist(ANSWER_KINDS, `must be one of: ${ANSWER_KINDS.join(', ')}`), 'other'),
  paragraphs: v.optional(v.array(Paragraph, 'must be a list of paragraph numbers'), []),
  tags: v.optional(v.array(Tag, 'must be a list of tags'), []),
  explanation: OptionalText(LIMITS.longText),
  event: v.optional(EventSchema),
  pictures: v.optional(CardPicturesSchema),
  rich: v.optional(RichSchema),
} as const

const BasicCard = v.strictObject({
  ...cardBase,
  type: v.literal('basic'),
  front: Text(LIMITS.longText),
  back: Text(LIMITS.longText),
  reversible: v.optional(v.boolean('must be true or false'), false),
  /** Wrong options for the back when a quiz asks the front as a choice (see `ChoiceDistractors`). */
  distractors: ChoiceDistractors,
})

const ClozeCard = v.strictObject({
  ...cardBase,
  type: v.literal('cloze'),
  /** Text with blanks written as `{{c1::answer}}` or `{{c1::answer::hint}}` (Anki's syntax). */
  text: Text(LIMITS.longText),
})

const TypedCard = v.strictObject({
  ...cardBase,
  type: v.literal('typed'),
  prompt: Text(LIMITS.longText),
  /** The first answer is the one shown; the rest are accepted alternatives. */
  answers: TextList(LIMITS.shortText, 1, 'answers'),
  distractors: ChoiceDistractors,
})

const SingleCard = v.strictObject({
  ...cardBase,
  type: v.literal('single'),
  prompt: Text(LIMITS.longText),
  answer: Text(LIMITS.shortText),
  /** Wrong options; when fewer than three, more are drawn from answers of the same kind. */
  distractors: v.optional(TextList(LIMITS.shortText, 0, 'distractors'), []),
})

const MultiCard = v.strictObject({
  ...cardBase,
  type: v.literal('multi'),
  prompt: Text(LIMITS.longText),
  answers: TextList(LIMITS.shortText, 1, 'correct answers'),
  distractors: TextList(LIMITS.shortText, 1, 'distractors'),
})

const OrderingCard = v.strictObject({
  ...cardBase,
  type: v.literal('ordering'),
  prompt: Text(LIMITS.longText),
  /** Items in the correct order. */
  items: v.pipe(
    v.array(Text(LIMITS.shortText), 'must be a list of items'),
    v.minLength(2, 'needs at least 2 items'),
    v.maxLength(LIMITS.orderingItems, `may have at most ${LIMITS.orderingItems} items`),
  ),
})

const Range = v.strictObject({
  min: v.number('must be a number'),
  max: v.number('must be a number'),
})
const NumericCard = v.strictObject({
  ...cardBase,
  type: v.literal('numeric'),
  prompt: Text(LIMITS.longText),
  /** An exact number, or an inclusive range such as `{ "min": 2018, "max": 2020 }`. */
  answer: v.union(
    [v.number('must be a number'), Range],
    'must be a number or a {"min", "max"} range',
  ),
  unit: OptionalText(40),
})

const MapCard = v.strictObject({
  ...cardBase,
  type: v.literal('map'),
  prompt: Text(LIMITS.longText),
  /** ISO 3166-1 alpha-3 codes; tapping any of them is right. */
  answers: v.pipe(
    v.array(
      v.pipe(v.string('must be a country code'), v.toUpperCase()),
      'must be a list of country codes',
    ),
    v.minLength(1, 'needs at least 1 country'),
    v.maxLength(LIMITS.choices, `may have at most ${LIMITS.choices} countries`),
  ),
  region: v.optional(v.picklist(MAP_REGIONS, `must be one of: ${MAP_REGIONS.join(', ')}`), 'world'),
  /** Wrong countries (ISO alpha-3) for when a quiz asks the card as a choice of names. */
  distractors: v.optional(
    v.pipe(
      v.array(
        v.pipe(v.string('must be a country code'), v.toUpperCase()),
        'must be a list of country codes',
      ),
      v.maxLength(LIMITS.choices, `may have at most ${LIMITS.choices} countries`),
    ),
  ),
})

export const CardSchema = v.variant(
  'type',
  [BasicCard, ClozeCard, TypedCard, SingleCard, MultiCard, OrderingCard, NumericCard, MapCard],
  `type must be one of: ${CARD_TYPES.join(', ')}`,
)

const SourceSchema = v.strictObject({
  title: Text(LIMITS.shortText),
  author: OptionalText(LIMITS.shortText),
  outlet: OptionalText(LIMITS.shortText),
  url: v.optional(
    v.pipe(
      v.string('must be text'),
      v.trim(),
      v.regex(/^https?:\/\/\S+$/i, 'must be a web address starting with http:// or https://'),
      v.maxLength(2000, longerThan(2000)),
    ),
  ),
  year: v.optional(Year),
})

export const DeckSchema = v.strictObject({
  $schema: v.optional(v.string()),
  id: Id,
  title: Text(LIMITS.shortText),
  description: v.optional(OptionalText(LIMITS.longText), ''),
  language: v.optional(
    v.pipe(
      v.string('must be text'),
      v.regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "en-GB"'),
    ),
    'en',
  ),
  version: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(1, 'must be 1 or more'),
    ),
    1,
  ),
  authors: v.optional(v.array(Text(LIMITS.shortText), 'must be a list of names'), []),
  source: v.optional(SourceSchema),
  tags: v.optional(v.array(Tag, 'must be a list of tags'), []),
  cards: v.pipe(
    v.array(CardSchema, 'must be a list of cards'),
    v.maxLength(LIMITS.cardsPerDeck, `may have at most ${LIMITS.cardsPerDeck} cards`),
  ),
})

// The deck without its cards' contents: cards are checked one by one, so one bad card does not hide
// the problems of the others.
const DeckShellSchema = v.strictObject({
  ...DeckSchema.entries,
  cards: v.pipe(
    v.array(v.unknown(), 'must be a list of cards'),
    v.maxLength(LIMITS.cardsPerDeck, `may have at most ${LIMITS.cardsPerDeck} cards`),
  ),
})

export type Card = v.InferOutput<typeof CardSchema>
export type CardInput = v.InferInput<typeof CardSchema>
export type Deck = Omit<v.InferOutput<typeof DeckSchema>, '$schema'>
export type DeckSource = NonNullable<Deck['source']>
export type CardOf<T extends CardType> = Extract<Card, { type: T }>
/** A card of which only some fields are known to be valid (the others failed to parse). */
export type PartialCard = { [T in CardType]: Partial<CardOf<T>> & { type: T } }[CardType]
export type CardEvent = v.InferOutput<typeof EventSchema>
export type CardPicture = v.InferOutput<typeof PictureSchema>
export type CardPictures = v.InferOutput<typeof CardPicturesSchema>
export type PictureSide = keyof CardPictures
export type CardRich = v.InferOutput<typeof RichSchema>

/** One problem in a deck, located so an instructor can find it. */
export interface DeckIssue {
  /** Position of the card in the file, counting from 1, when the problem is in a card. */
  cardIndex?: number
  cardId?: string
  /** Field path inside the card (or deck), e.g. `answers[1]`. */
  field?: string
  message: string
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: DeckIssue[] }

function pathOf(issue: v.BaseIssue<unknown>): (string | number)[] {
  return (issue.path ?? []).map((item) => item.key as string | number)
}

function fieldName(path: readonly (string | number)[]): string {
  let out = ''
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : out ? `.${key}` : key
  return out
}

const MUST_BE_OBJECT = 'must be an object'
// valibot takes a list for an object (with every field missing); say what is wrong instead
const isList = (raw: unknown) => Array.isArray(raw)

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot reports a missing key and an unknown key with the same issue type: the input tells them apart
  if (issue.input === undefined && issue.kind === 'schema') return 'is required'
  // null, text or a number where a card, deck or source belongs (valibot: "Invalid type: …")
  if (issue.kind === 'schema' && issue.expected === 'Object') return MUST_BE_OBJECT
  // the field is named once, where the issue is located (formatIssue), not again in the message
  if (issue.type === 'strict_object' && issue.path)
    return 'is not a known field (check the spelling)'
  if (issue.type === 'literal') return `must be one of: ${CARD_TYPES.join(', ')}`
  // valibot's defaults read like "Invalid type: Expected …"; ours are already in plain words
  return issue.message
}

function locate(raw: unknown, path: readonly (string | number)[], message: string): DeckIssue {
  if (path[0] === 'cards' && typeof path[1] === 'number') {
    const cards = (raw as { cards?: unknown[] }).cards
    const card = cards?.[path[1]] as { id?: unknown } | undefined
    const rest = path.slice(2)
    return {
      cardIndex: path[1] + 1,
      ...(typeof card?.id === 'string' && card.id ? { cardId: card.id } : {}),
      ...(rest.length ? { field: fieldName(rest) } : {}),
      message,
    }
  }
  return { ...(path.length ? { field: fieldName(path) } : {}), message }
}

/**
 * Checks a card beyond its shape: blanks exist, distractors are never also correct (not even
 * under another name: "United Arab Emirates" for "UAE"), choices are not repeated, ranges run
 * low to high, map answers are real countries. Fields missing from `card` (they failed to parse)
 * are not checked. Returns problems as `[field, message]` pairs.
 */
export function checkCard(card: PartialCard): [string | undefined, string][] {
  const out: [string | undefined, string][] = []
  const dupes = (list: readonly string[], field: string) => {
    list.forEach((item, i) => {
      if (list.findIndex((other) => sameAnswer(other, item)) < i)
        out.push([`${field}[${i}]`, `"${item}" is listed twice`])
    })
  }
  // a distractor equal to an answer is reported by `dupes` or below; one naming the same thing
  // under another name (an alias) is reported here
  const otherName = (distractor: string, answers: readonly string[]) =>
    answers.find(
      (answer) =>
        !sameAnswer(distractor, answer) &&
        aliasesOf(answer).some((name) => sameAnswer(name, distractor)),
    )
  // a listed wrong option of a flashcard, typed or map card must not be one of its answers
  const notRight = (distractors: readonly string[], answers: readonly string[]) => {
    dupes(distractors, 'distractors')
    distractors.forEach((d, i) => {
      const same = answers.find((a) => sameAnswer(a, d))
      const other = same === undefined ? otherName(d, answers) : undefined
      if (same !== undefined) out.push([`distractors[${i}]`, `"${d}" is also an answer`])
      else if (other !== undefined)
        out.push([`distractors[${i}]`, `"${d}" is another name for the answer "${other}"`])
    })
  }
  switch (card.type) {
    case 'cloze':
      if (card.text === undefined) break
      if (clozeIndexes(card.text).length === 0)
        out.push(['text', 'has no blank: mark one as {{c1::answer}}'])
      else if (clozeAnswers(card.text).some((a) => !a.trim()))
        out.push(['text', 'has an empty blank {{c1::}}'])
      break
    case 'typed':
      if (card.answers) dupes(card.answers, 'answers')
      if (card.answers && card.distractors) notRight(card.distractors, card.answers)
      break
    case 'single': {
      if (!card.distractors) break
      dupes(card.distractors, 'distractors')
      const answer = card.answer
      if (answer === undefined) break
      card.distractors.forEach((d, i) => {
        if (sameAnswer(d, answer))
          out.push([`distractors[${i}]`, `"${d}" is the same as the answer`])
        else if (otherName(d, [answer]))
          out.push([`distractors[${i}]`, `"${d}" is another name for the answer "${answer}"`])
      })
      break
    }
    case 'multi': {
      const { answers, distractors } = card
      if (!answers || !distractors) break
      dupes([...answers, ...distractors], 'choices')
      distractors.forEach((d, i) => {
        const answer = otherName(d, answers)
        if (answer !== undefined)
          out.push([`distractors[${i}]`, `"${d}" is another name for the answer "${answer}"`])
      })
      break
    }
    case 'ordering':
      if (card.items) dupes(card.items, 'items')
      break
    case 'numeric':
      if (typeof card.answer === 'object' && card.answer.min > card.answer.max)
        out.push([
          'answer',
          `range runs from ${card.answer.min} down to ${card.answer.max}: put the smaller number in "min"`,
        ])
      break
    case 'map':
      for (const field of ['answers', 'distractors'] as const)
        card[field]?.forEach((code, i) => {
          if (!isCountryCode(code))
            out.push([
              `${field}[${i}]`,
              `"${code}" is not a country code on the map (use ISO alpha-3 such as ROU)`,
            ])
        })
      if (card.answers && card.distractors) notRight(card.distractors, card.answers)
      break
    case 'basic':
      if (card.back !== undefined && card.distractors) notRight(card.distractors, [card.back])
      break
  }
  if (card.event?.endYear !== undefined && card.event.endYear < card.event.year)
    out.push(['event.endYear', `is before the start year ${card.event.year}`])
  return out
}

/**
 * The meaning checks of a card that failed its shape check, on the fields that did parse, so that
 * every problem of the card is listed at once and not only after its shape is fixed.
 */
function checkFieldsThatParse(raw: unknown): [string | undefined, string][] {
  if (typeof raw !== 'object' || raw === null) return []
  const record = raw as Record<string, unknown>
  const schema = CardSchema.options.find((option) => option.entries.type.literal === record.type)
  if (!schema) return []
  const fields: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(schema.entries)) {
    const result = v.safeParse(entry, record[key], { abortPipeEarly: true })
    if (result.success) fields[key] = result.output
  }
  return checkCard(fields as PartialCard)
}

function issuesOf(
  raw: unknown,
  issues: readonly v.BaseIssue<unknown>[],
  prefix: (string | number)[] = [],
): DeckIssue[] {
  const seen = new Set<string>()
  const out: DeckIssue[] = []
  for (const issue of issues) {
    const located = locate(raw, [...prefix, ...pathOf(issue)], messageOf(issue))
    const key = JSON.stringify(located)
    if (!seen.has(key)) out.push(located)
    seen.add(key)
  }
  return out
}

/**
 * Validates one card (untrusted data) and returns it normalized, or its problems with `field` set.
 */
export function parseCard(raw: unknown): ParseResult<Card> {
  if (isList(raw)) return { ok: false, issues: [{ message: MUST_BE_OBJECT }] }
  const result = v.safeParse(CardSchema, raw, { abortPipeEarly: true })
  const checks = result.success ? checkCard(result.output) : checkFieldsThatParse(raw)
  const issues: DeckIssue[] = [
    ...(result.success
      ? []
      : issuesOf({ cards: [raw] }, result.issues, ['cards', 0]).map(
          ({ cardIndex: _i, ...rest }) => rest,
        )),
    ...checks.map(([field, message]) => ({ ...(field ? { field } : {}), message })),
  ]
  return result.success && !issues.length
    ? { ok: true, value: result.output }
    : { ok: false, issues }
}

/**
 * Validates untrusted deck data (already parsed from JSON) and returns a normalized deck
 * or every problem found, each located by card position, card id and field.
 * @example parseDeck(JSON.parse(text))
 */
export function parseDeck(raw: unknown): ParseResult<Deck> {
  if (isList(raw)) return { ok: false, issues: [{ message: MUST_BE_OBJECT }] }
  const shell = v.safeParse(DeckShellSchema, raw, { abortPipeEarly: true })
  if (!shell.success) {
    const issues = issuesOf(raw, shell.issues)
    // still report problems inside the cards when the list itself is readable
    const cards = (raw as { cards?: unknown } | null)?.cards
    if (Array.isArray(cards) && cards.length <= LIMITS.cardsPerDeck)
      issues.push(...cardIssues(raw, cards).issues)
    return { ok: false, issues }
  }
  const { $schema: _ignored, ...rest } = shell.output
  const { cards, issues } = cardIssues(raw, rest.cards)
  return issues.length ? { ok: false, issues } : { ok: true, value: { ...rest, cards } }
}

function cardIssues(
  raw: unknown,
  list: readonly unknown[],
): { cards: Card[]; issues: DeckIssue[] } {
  const cards: Card[] = []
  const issues: DeckIssue[] = []
  const firstIndex = new Map<string, number>()
  list.forEach((item, i) => {
    const result = v.safeParse(CardSchema, item, { abortPipeEarly: true })
    const id = (item as { id?: unknown } | null)?.id
    if (typeof id === 'string') {
      const seenAt = firstIndex.get(id)
      if (seenAt !== undefined)
        issues.push({
          cardIndex: i + 1,
          cardId: id,
          field: 'id',
          message: `is the same as card #${seenAt + 1}: card ids must be unique in a deck`,
        })
      else firstIndex.set(id, i)
    }
    const located = (field: string | undefined, message: string): DeckIssue => ({
      cardIndex: i + 1,
      ...(typeof id === 'string' && id ? { cardId: id } : {}),
      ...(field ? { field } : {}),
      message,
    })
    if (isList(item)) {
      issues.push(located(undefined, MUST_BE_OBJECT))
      return
    }
    if (!result.success) {
      issues.push(...issuesOf(raw, result.issues, ['cards', i]))
      for (const [field, message] of checkFieldsThatParse(item))
        issues.push(located(field, message))
      return
    }
    const card = result.output
    for (const [field, message] of checkCard(card)) issues.push(located(field, message))
    cards.push(card)
  })
  return { cards, issues }
}

/** Parses deck text (JSON). A syntax error is reported with its line and column. */
export function parseDeckText(text: string): ParseResult<Deck> {
  const json = parseJson(text)
  if (!json.ok) return { ok: false, issues: [{ message: jsonErrorText(json) }] }
  return parseDeck(json.value)
}

/** One line per issue: `file: card "id" (#3), field "answers[1]": message`. */
export function formatIssue(issue: DeckIssue, file?: string): string {
  const parts: string[] = []
  if (issue.cardIndex !== undefined)
    parts.push(
      issue.cardId ? `card "${issue.cardId}" (#${issue.cardIndex})` : `card #${issue.cardIndex}`,
    )
  if (issue.field) parts.push(`field "${issue.field}"`)
  const where = [file, parts.join(', ')].filter(Boolean).join(': ')
  return where ? `${where}: ${issue.message}` : issue.message
}

const CARD_KEY_ORDER = [
  'id',
  'type',
  'fact',
  'kind',
  'prompt',
  'front',
  'back',
  'reversible',
  'text',
  'answer',
  'answers',
  'distractors',
  'items',
  'unit',
  'region',
  'explanation',
  'event',
  'pictures',
  'rich',
  'paragraphs',
  'tags',
]

function ordered<T extends object>(value: T, order: readonly string[]): T {
  const out: Record<string, unknown> = {}
  const record = value as Record<string, unknown>
  for (const key of order) if (record[key] !== undefined) out[key] = record[key]
  for (const key of Object.keys(record))
    if (!(key in out) && record[key] !== undefined) out[key] = record[key]
  return out as T
}

/** The deck as plain data in a stable key order, as written to files and shown by `decks dump`. */
export function normalizeDeck(deck: Deck): Deck {
  return ordered({ ...deck, cards: deck.cards.map((card) => ordered(card, CARD_KEY_ORDER)) }, [
    'id',
    'title',
    'description',
    'language',
    'version',
    'authors',
    'source',
    'tags',
    'cards',
  ])
}

/** Serializes a deck to the file format; `parseDeck(JSON.parse(serializeDeck(d)))` gives `d` back. */
export function serializeDeck(deck: Deck, schemaUrl?: string): string {
  const body = normalizeDeck(deck)
  return JSON.stringify(schemaUrl ? { $schema: schemaUrl, ...body } : body, null, 2) + '\n'
}
