// Authoring: what a save or an import will do to an installed deck, and the pure steps the deck
// editor takes (new ids, empty cards, list edits, validation as you type, cloze from a selection,
// cards from a pasted source). No clock: callers pass `nowMs` where a time is stored.
import { clozeAnswers, clozeIndexes } from './cloze'
import {
  CARD_TYPES,
  LIMITS,
  parseCard,
  parseDeck,
  type Card,
  type CardOf,
  type CardType,
  type Deck,
  type DeckIssue,
} from './deck'
import { createIdAllocator, slugId, stableHash } from './importers/common'

// ---------------------------------------------------------------------------------------------
// Diff

/** What replacing `old` with `next` does, card by card (cards are matched by id). */
export interface DeckDiff {
  /** Ids of cards in `next` only, in `next`'s order. */
  added: string[]
  /** Ids of cards in both whose content differs, in `next`'s order. */
  changed: string[]
  /** Ids of cards in `old` only, in `old`'s order. Their progress is retired, not deleted. */
  removed: string[]
  /** How many cards are the same in both. */
  unchanged: number
  /** Deck fields other than `cards` (title, description, tags…) that differ. */
  metadataChanged: string[]
  /** True when `next` moves cards around without other changes counting. */
  reordered: boolean
  /**
   * The fewest cards that must move for the cards in both decks to be in `next`'s order (0 when
   * none moved): moving one card to the end shifts every card after it, but only one moved.
   */
  moved: number
}

// Length of the longest increasing run (not necessarily contiguous) of `values`: O(n log n).
function longestIncreasing(values: readonly number[]): number {
  const tails: number[] = []
  for (const value of values) {
    let lo = 0
    let hi = tails.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (tails[mid]! < value) lo = mid + 1
      else hi = mid
    }
    tails[lo] = value
  }
  return tails.length
}

// Key order does not matter to a card's meaning: compare canonical JSON.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const sorted: Record<string, unknown> = {}
      for (const key of Object.keys(item).sort()) {
        const v = (item as Record<string, unknown>)[key]
        if (v !== undefined) sorted[key] = v
      }
      return sorted
    }
    return item
  })
}

const META_FIELDS = [
  'id',
  'title',
  'description',
  'language',
  'version',
  'authors',
  'source',
  'tags',
] as const

/**
 * Compares two versions of a deck by card id. With no `old` deck every card is added.
 * Linear in the number of cards.
 * @example deckDiff(installed?.deck, imported).added.length // cards an import adds
 */
export function deckDiff(old: Deck | undefined, next: Deck): DeckDiff {
  const before = new Map((old?.cards ?? []).map((card) => [card.id, card]))
  const nextIds = new Set(next.cards.map((card) => card.id))
  const diff: DeckDiff = {
    added: [],
    changed: [],
    removed: [],
    unchanged: 0,
    metadataChanged: [],
    reordered: false,
    moved: 0,
  }
  for (const card of next.cards) {
    const previous = before.get(card.id)
    if (!previous) diff.added.push(card.id)
    else if (previous !== card && canonical(previous) !== canonical(card))
      diff.changed.push(card.id)
    else diff.unchanged++
  }
  for (const card of old?.cards ?? []) if (!nextIds.has(card.id)) diff.removed.push(card.id)
  if (old) {
    for (const field of META_FIELDS)
      if (canonical(old[field] ?? null) !== canonical(next[field] ?? null))
        diff.metadataChanged.push(field)
    const kept = old.cards.filter((card) => nextIds.has(card.id)).map((card) => card.id)
    const order = next.cards.filter((card) => before.has(card.id)).map((card) => card.id)
    diff.reordered = kept.some((id, i) => order[i] !== id)
    if (diff.reordered) {
      const oldIndex = new Map(kept.map((id, i) => [id, i]))
      diff.moved = kept.length - longestIncreasing(order.map((id) => oldIndex.get(id)!))
    }
  }
  return diff
}

/** True when a diff changes nothing at all. */
export function isEmptyDiff(diff: DeckDiff): boolean {
  return (
    !diff.added.length &&
    !diff.changed.length &&
    !diff.removed.length &&
    !diff.metadataChanged.length &&
    !diff.reordered
  )
}

/** What a card counts as right, in a comparable form; the rest of the card is wording. */
function answerKey(card: Card): string {
  switch (card.type) {
    case 'basic':
      // a reversible card is also asked back to front, so its front is an answer too
      return canonical([card.back, card.reversible ? card.front : null])
    case 'cloze':
      return canonical([clozeIndexes(card.text), clozeAnswers(card.text)])
    case 'typed':
    case 'multi':
    case 'map':
      return canonical(card.answers)
    case 'single':
      return canonical(card.answer)
    case 'ordering':
      return canonical(card.items)
    case 'numeric':
      return canonical(card.answer)
  }
}

/**
 * True when the answer a learner has been trained on changed: a different type, back, blank,
 * accepted answer, correct choice, order, number or country. Rewording a prompt or an
 * explanation does not count.
 */
export function answerChanged(old: Card, next: Card): boolean {
  return old.type !== next.type || answerKey(old) !== answerKey(next)
}

/** Ids of cards in both decks whose answer changed (see `answerChanged`), in `next`'s order. */
export function changedAnswerIds(old: Deck | undefined, next: Deck): string[] {
  if (!old) return []
  const before = new Map(old.cards.map((card) => [card.id, card]))
  return next.cards
    .filter((card) => {
      const previous = before.get(card.id)
      return previous !== undefined && previous !== card && answerChanged(previous, card)
    })
    .map((card) => card.id)
}

/** How many cards of each type a deck has, in `CARD_TYPES` order, types with none left out. */
export function countByType(deck: Deck): [CardType, number][] {
  const counts = new Map<CardType, number>()
  for (const card of deck.cards) counts.set(card.type, (counts.get(card.type) ?? 0) + 1)
  return CARD_TYPES.filter((type) => counts.has(type)).map((type) => [type, counts.get(type)!])
}

// ---------------------------------------------------------------------------------------------
// Ids, new cards and decks

/**
 * A card id made from `base` (any text: a term, a prompt) that is not in `existingIds`:
 * the slug of `base`, then `-2`, `-3`… Text without Latin letters gets a stable hash.
 * @example newCardId(['thaad'], 'THAAD') // 'thaad-2'
 */
export function newCardId(existingIds: Iterable<string>, base: string): string {
  const slug = slugId(base, 40) ?? (base.trim() ? `card-${stableHash(base)}` : 'card')
  return createIdAllocator(existingIds)(slug)
}

/** A deck id made from its title that is not in `existingIds` (see `newCardId`). */
export function newDeckId(existingIds: Iterable<string>, title: string): string {
  const slug = slugId(title, 48) ?? (title.trim() ? `deck-${stableHash(title)}` : 'my-deck')
  return createIdAllocator(existingIds)(slug)
}

/** The readable names of card types, for menus and summaries. */
export const CARD_TYPE_LABELS: Record<CardType, string> = {
  basic: 'Flashcard (front and back)',
  cloze: 'Cloze (fill in the blank)',
  typed: 'Typed answer',
  single: 'Single choice',
  multi: 'Multiple select',
  ordering: 'Put in order',
  numeric: 'Number',
  map: 'Map (tap a country)',
}

/**
 * A card of `type` with every field empty, to be filled in the editor. It does not pass
 * `parseCard` until it is (an empty prompt is the first thing the editor points out).
 * A numeric card's answer is `NaN` until a number is typed.
 */
export function emptyCard(type: CardType, id: string): Card {
  const base = { id, kind: 'other' as const, paragraphs: [], tags: [] }
  switch (type) {
    case 'basic':
      return { ...base, type, front: '', back: '', reversible: false }
    case 'cloze':
      return { ...base, type, text: '' }
    case 'typed':
      return { ...base, type, prompt: '', answers: [''] }
    case 'single':
      return { ...base, type, prompt: '', answer: '', distractors: [] }
    case 'multi':
      return { ...base, type, prompt: '', answers: [''], distractors: [''] }
    case 'ordering':
      return { ...base, type, prompt: '', items: ['', ''] }
    case 'numeric':
      return { ...base, type, prompt: '', answer: Number.NaN }
    case 'map':
      return { ...base, type, prompt: '', answers: [], region: 'world' }
  }
}

/** A new, empty deck with id `id`: no title and no cards yet. */
export function emptyDeck(id: string): Deck {
  return {
    id,
    title: '',
    description: '',
    language: 'en',
    version: 1,
    authors: [],
    tags: [],
    cards: [],
  }
}

/** The main question text of a card: its prompt, front or cloze text. */
export function promptOf(card: Card): string {
  return card.type === 'basic' ? card.front : card.type === 'cloze' ? card.text : card.prompt
}

/** The card's first answer as text, for carrying over when its type changes. */
function firstAnswer(card: Card): string {
  switch (card.type) {
    case 'basic':
      return card.back
    case 'cloze':
      return clozeAnswers(card.text)[0] ?? ''
    case 'typed':
    case 'multi':
      return card.answers[0] ?? ''
    case 'single':
      return card.answer
    case 'ordering':
      return card.items[0] ?? ''
    case 'numeric':
      return typeof card.answer === 'number' && Number.isFinite(card.answer)
        ? String(card.answer)
        : ''
    case 'map':
      return ''
  }
}

/**
 * The card as another type, keeping its id, kind, tags, explanation, paragraphs, event and fact,
 * and carrying its prompt and first answer over where the new type has room for them.
 */
export function convertCard(card: Card, type: CardType): Card {
  if (card.type === type) return card
  const prompt = promptOf(card)
  const answer = firstAnswer(card)
  const fresh = emptyCard(type, card.id)
  const shared = {
    kind: card.kind,
    tags: card.tags,
    paragraphs: card.paragraphs,
    ...(card.explanation !== undefined ? { explanation: card.explanation } : {}),
    ...(card.event ? { event: card.event } : {}),
    ...(card.fact ? { fact: card.fact } : {}),
  }
  switch (fresh.type) {
    case 'basic':
      return { ...fresh, ...shared, front: prompt, back: answer }
    case 'cloze':
      return {
        ...fresh,
        ...shared,
        text: card.type === 'basic' ? `${card.front} {{c1::${card.back}}}` : prompt,
      }
    case 'typed':
      return { ...fresh, ...shared, prompt, answers: [answer] }
    case 'single':
      return {
        ...fresh,
        ...shared,
        prompt,
        answer,
        ...(card.type === 'multi' ? { distractors: card.distractors } : {}),
      }
    case 'multi':
      return {
        ...fresh,
        ...shared,
        prompt,
        answers: [answer],
        distractors: card.type === 'single' && card.distractors.length ? card.distractors : [''],
      }
    case 'ordering':
      return { ...fresh, ...shared, prompt }
    case 'numeric': {
      const n = Number(answer)
      return {
        ...fresh,
        ...shared,
        prompt,
        answer: answer.trim() && Number.isFinite(n) ? n : Number.NaN,
      }
    }
    case 'map':
      return { ...fresh, ...shared, prompt }
  }
}

// ---------------------------------------------------------------------------------------------
// Edits: each returns a new deck and leaves the old one as it was (the editor's undo keeps it).

/** The deck with the card at `index` replaced. */
export function replaceCard(deck: Deck, index: number, card: Card): Deck {
  if (index < 0 || index >= deck.cards.length) return deck
  const cards = deck.cards.slice()
  cards[index] = card
  return { ...deck, cards }
}

/** The deck with `cards` inserted at `at` (at the end by default). */
export function insertCards(deck: Deck, cards: readonly Card[], at = deck.cards.length): Deck {
  const list = deck.cards.slice()
  list.splice(Math.max(0, Math.min(at, list.length)), 0, ...cards)
  return { ...deck, cards: list }
}

/** The deck without the card at `index`. */
export function removeCardAt(deck: Deck, index: number): Deck {
  if (index < 0 || index >= deck.cards.length) return deck
  return { ...deck, cards: deck.cards.filter((_card, i) => i !== index) }
}

/** The deck with the card at `from` moved to position `to`. */
export function moveCard(deck: Deck, from: number, to: number): Deck {
  if (from === to || from < 0 || to < 0 || from >= deck.cards.length || to >= deck.cards.length)
    return deck
  const cards = deck.cards.slice()
  const [card] = cards.splice(from, 1)
  cards.splice(to, 0, card!)
  return { ...deck, cards }
}

/** The deck with a copy of the card at `index` (a new id) right after it. */
export function duplicateCardAt(deck: Deck, index: number): Deck {
  const card = deck.cards[index]
  if (!card) return deck
  const copy = {
    ...card,
    id: newCardId(
      deck.cards.map((c) => c.id),
      card.id,
    ),
  }
  return insertCards(deck, [copy], index + 1)
}

/**
 * A copy of a deck to be the user's own: a new deck id (from the title) not in `takenIds`, the
 * same card ids, version 1, and `title` (by default the old one with " (copy)").
 */
export function duplicateDeck(
  deck: Deck,
  takenIds: Iterable<string>,
  title = `${deck.title} (copy)`,
): Deck {
  const name = title.slice(0, LIMITS.shortText)
  return { ...deck, id: newDeckId(takenIds, name), title: name, version: 1 }
}

/**
 * The deck to store on save: `parsed` (validated) with its version raised by one when it
 * differs from the installed `base`, so copies shared earlier can be told apart.
 */
export function deckForSave(parsed: Deck, base: Deck | undefined): Deck {
  if (!base) return parsed
  const diff = deckDiff(base, parsed)
  const changed =
    diff.added.length + diff.changed.length + diff.removed.length > 0 ||
    diff.reordered ||
    diff.metadataChanged.some((f) => f !== 'version')
  return changed ? { ...parsed, version: Math.max(parsed.version, base.version + 1) } : parsed
}

// ---------------------------------------------------------------------------------------------
// Validation as you type

/** Every problem of a working copy, grouped for inline messages. */
export interface DeckValidation {
  /** Problems of the deck's own fields (title, source…), `field` set. */
  deckIssues: DeckIssue[]
  /** Problems by card position (0-based), each with `field` when known. */
  cardIssues: Map<number, DeckIssue[]>
  /** How many problems in all. */
  total: number
  /** The first problem in reading order: deck fields, then cards. */
  first: DeckIssue | undefined
  /** The validated, normalized deck when there is no problem. */
  value: Deck | undefined
}

/**
 * A validator for the editor: `validate(deck)` gives the same verdict as `parseDeck`, but
 * remembers each card object's result, so after an edit (which replaces one card object) only
 * that card is checked again. Keep one validator per editing session.
 */
export function createDeckValidator() {
  const memo = new WeakMap<Card, ReturnType<typeof parseCard>>()
  return function validate(deck: Deck): DeckValidation {
    const shell = parseDeck({ ...deck, cards: [] })
    const deckIssues = shell.ok ? [] : shell.issues
    const cardIssues = new Map<number, DeckIssue[]>()
    const cards: Card[] = []
    const firstIndex = new Map<string, number>()
    let total = deckIssues.length
    let first: DeckIssue | undefined = deckIssues[0]
    deck.cards.forEach((card, i) => {
      let result = memo.get(card)
      if (!result) {
        result = parseCard(card)
        memo.set(card, result)
      }
      const issues: DeckIssue[] = result.ok
        ? []
        : result.issues.map((issue) => ({ ...issue, cardIndex: i + 1, cardId: card.id }))
      const seenAt = firstIndex.get(card.id)
      if (seenAt !== undefined)
        issues.unshift({
          cardIndex: i + 1,
          cardId: card.id,
          field: 'id',
          message: `is the same as card #${seenAt + 1}: card ids must be unique in a deck`,
        })
      else firstIndex.set(card.id, i)
      if (issues.length) {
        cardIssues.set(i, issues)
        total += issues.length
        first ??= issues[0]
      }
      if (result.ok) cards.push(result.value)
    })
    if (deck.cards.length > LIMITS.cardsPerDeck) {
      const issue = { field: 'cards', message: `may have at most ${LIMITS.cardsPerDeck} cards` }
      deckIssues.push(issue)
      total++
      first ??= issue
    }
    const value = total === 0 && shell.ok ? { ...shell.value, cards } : undefined
    return { deckIssues, cardIssues, total, first, value }
  }
}

// ---------------------------------------------------------------------------------------------
// Cloze blanks and cards from a source text

/**
 * Turns `text[start, end)` into a new cloze blank `{{cN::…}}`, N one more than the highest blank
 * already there (Anki's "new cloze"). Spaces at the edges of the selection stay outside the
 * blank. Returns undefined for an empty selection or one that cuts into an existing blank.
 * @example wrapCloze('Aegis Ashore is in Romania', 19, 26) // 'Aegis Ashore is in {{c1::Romania}}'
 */
export function wrapCloze(text: string, start: number, end: number): string | undefined {
  let from = Math.max(0, Math.min(start, end))
  let to = Math.min(text.length, Math.max(start, end))
  while (from < to && /\s/.test(text[from]!)) from++
  while (to > from && /\s/.test(text[to - 1]!)) to--
  if (from === to) return undefined
  // a position is inside a blank when the last "{{" before it is not closed before it
  const inside = (at: number) => {
    const open = text.lastIndexOf('{{', at)
    if (open === -1) return false
    const close = text.indexOf('}}', open)
    return close === -1 || at < close + 2
  }
  const span = text.slice(from, to)
  if (span.includes('{{') || span.includes('}}') || inside(from) || inside(to - 1)) return undefined
  const n = Math.max(0, ...clozeIndexes(text)) + 1
  return `${text.slice(0, from)}{{c${n}::${span}}}${text.slice(to)}`
}

/** The longest source text the source-authoring panel takes: 200,000 characters. */
export const MAX_SOURCE_CHARS = 200_000

/**
 * Splits a pasted source into paragraphs, numbered from 1 by position in the result: paragraphs
 * are separated by blank lines, or by line breaks when the text has no blank line. Lines inside
 * a paragraph are joined with a space; runs of spaces become one. Text past `MAX_SOURCE_CHARS`
 * is ignored.
 */
export function splitParagraphs(text: string): string[] {
  const body = text.slice(0, MAX_SOURCE_CHARS).replace(/\r\n?/g, '\n').trim()
  const parts = /\n[ \t]*\n/.test(body) ? body.split(/\n[ \t]*\n+/) : body.split('\n')
  return parts.map((part) => part.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

/** The sentence (or sentences) of `paragraph` around `[start, end)`, with their offsets. */
export function sentenceAround(
  paragraph: string,
  start: number,
  end: number,
): { text: string; start: number } {
  const ends = /[.!?…]["”’)\]]*\s+/g
  let from = 0
  let to = paragraph.length
  for (const match of paragraph.matchAll(ends)) {
    const after = match.index + match[0].length
    if (after <= start) from = after
    else if (match.index >= end - 1) {
      to = match.index + match[0].trimEnd().length
      break
    }
  }
  const text = paragraph.slice(from, to)
  const lead = text.length - text.trimStart().length
  return { text: text.trim(), start: from + lead }
}

/**
 * Where `words` first occur in `paragraph`, ignoring case and runs of spaces, or undefined.
 * For choosing a span by typing it instead of selecting it.
 */
export function findSpan(
  paragraph: string,
  words: string,
): { start: number; end: number } | undefined {
  const needle = words.trim().replace(/\s+/g, ' ')
  if (!needle) return undefined
  const at = paragraph.toLowerCase().indexOf(needle.toLowerCase())
  return at === -1 ? undefined : { start: at, end: at + needle.length }
}

/** What kind of card to make from a span of a source. */
export type SourceCardKind = 'cloze' | 'question'

/**
 * A card made from the span `[start, end)` of paragraph number `paragraphNumber` (counting from
 * 1): the sentence around the span, either as a cloze with the span blanked, or as a flashcard
 * whose front is the sentence with the span replaced by "_____" and whose back is the span.
 * The card refers to its paragraph; its id comes from the span and avoids `takenIds`.
 * Returns undefined for an empty span.
 */
export function cardFromSource(
  kind: SourceCardKind,
  paragraph: string,
  paragraphNumber: number,
  start: number,
  end: number,
  takenIds: Iterable<string>,
): Card | undefined {
  const span = paragraph.slice(Math.min(start, end), Math.max(start, end)).trim()
  if (!span) return undefined
  const from = paragraph.indexOf(span, Math.min(start, end))
  const sentence = sentenceAround(paragraph, from, from + span.length)
  const local = from - sentence.start
  const id = newCardId(takenIds, span)
  const base = { id, kind: 'other' as const, paragraphs: [paragraphNumber], tags: [] }
  // the text after the span is the same in the sentence and in the card made from it
  const after = sentence.text.length - (local + span.length)
  if (kind === 'cloze') {
    const wrapped = wrapCloze(sentence.text, local, local + span.length)
    const text = wrapped ?? `{{c1::${span}}}`
    const blankEnd = wrapped === undefined ? text.length : text.length - after
    return {
      ...base,
      type: 'cloze',
      text: clipAround(text, wrapped === undefined ? 0 : local, blankEnd, LIMITS.longText),
    } satisfies CardOf<'cloze'>
  }
  const front = `${sentence.text.slice(0, local)}_____${sentence.text.slice(local + span.length)}`
  return {
    ...base,
    type: 'basic',
    front: clipAround(front, local, local + 5, LIMITS.longText),
    back: span.slice(0, LIMITS.longText),
    reversible: false,
  } satisfies CardOf<'basic'>
}

/**
 * At most `max` characters of `text` that keep `[start, end)` (a blank) whole, cut at spaces
 * where there are any: a plain cut of a long sentence could fall inside `{{c1::…}}` and leave a
 * card with no blank. A blank longer than `max` is cut like any text.
 * @example clipAround('a b {{c1::x}}', 4, 13, 9) // '{{c1::x}}'
 */
export function clipAround(text: string, start: number, end: number, max: number): string {
  if (text.length <= max) return text
  if (end - start > max) return text.slice(0, max)
  // as much context before the blank as after it, then whatever room the other side leaves
  const room = max - (end - start)
  let from = Math.max(0, start - Math.ceil(room / 2))
  let to = Math.min(text.length, from + max)
  from = Math.max(0, to - max)
  // move each cut to a space, but never into the blank
  if (from > 0 && text[from - 1] !== ' ') {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < start) from = space + 1
  }
  if (to < text.length && text[to] !== ' ') {
    const space = text.lastIndexOf(' ', to)
    if (space >= end) to = space
  }
  return text.slice(from, to).trim()
}

// ---------------------------------------------------------------------------------------------
// Imports

/** How an import lands: as a new deck, as an update of the installed deck with its id, or as a copy. */
export type ImportMode = 'new' | 'update' | 'copy'

/** An import, planned: the deck that will be installed and what it does to what is there. */
export interface ImportPlan {
  mode: ImportMode
  /** The deck to install (a new id when `mode` is `copy`). */
  deck: Deck
  /** The installed deck it replaces or was copied from, if any. */
  existing?: { id: string; title: string; origin: 'shipped' | 'user' }
  diff: DeckDiff
}

/** How `planImport` treats the incoming deck's id. */
export interface PlanImportOptions {
  /**
   * True (the default) when the deck's id came with it, as in a deck file or link: a matching
   * installed deck is the same deck. False when the importer made the id up from a title
   * ("Imported from Quizlet"), so a match may be a different deck that happens to share it.
   */
  stableId?: boolean
}

/**
 * True when `next` is plausibly a new version of `old`: at least half the cards of the smaller
 * deck are in both by id. One shared card is not enough in big decks, since text imports make
 * card ids from terms ("thaad"), which unrelated decks can share.
 */
function sameCards(old: Deck, next: Deck): boolean {
  const ids = new Set(old.cards.map((card) => card.id))
  let shared = 0
  for (const card of next.cards) if (ids.has(card.id)) shared++
  return shared > 0 && 2 * shared >= Math.min(old.cards.length, next.cards.length)
}

/**
 * Plans an import against the installed decks. A deck with a new id is added. A deck with the id
 * of one of the user's decks updates it (progress kept by card id) unless `asCopy`; a deck with
 * the id of a shipped deck is always added as a copy with a new id, since shipped decks are
 * never changed by imports. With `stableId: false` (text imports, whose deck id comes from a
 * title), a deck whose id is taken but whose cards are not those of the installed deck (see
 * `sameCards`) is added as a new deck with an unused id, so a second Quizlet paste never
 * replaces the first.
 * @example planImport(deck, await listDecks(), false, { stableId: format === 'deck-json' })
 */
export function planImport(
  deck: Deck,
  installed: readonly { id: string; origin: 'shipped' | 'user'; deck: Deck }[],
  asCopy = false,
  { stableId = true }: PlanImportOptions = {},
): ImportPlan {
  const match = installed.find((d) => d.id === deck.id)
  if (!match) return { mode: 'new', deck, diff: deckDiff(undefined, deck) }
  const takenIds = () => installed.map((d) => d.id)
  if (!stableId && !sameCards(match.deck, deck)) {
    const fresh = { ...deck, id: newDeckId(takenIds(), deck.title) }
    return { mode: 'new', deck: fresh, diff: deckDiff(undefined, fresh) }
  }
  const existing = { id: match.id, title: match.deck.title, origin: match.origin }
  if (match.origin === 'shipped' || asCopy) {
    const copy = { ...deck, id: newDeckId(takenIds(), deck.title) }
    return { mode: 'copy', deck: copy, existing, diff: deckDiff(undefined, copy) }
  }
  return { mode: 'update', deck, existing, diff: deckDiff(match.deck, deck) }
}

// ---------------------------------------------------------------------------------------------
// Drafts

/** Which editing session a draft belongs to: editing deck `id`, copying deck `from`, or a new deck. */
export interface EditTarget {
  id?: string
  from?: string
}

/**
 * An editor's unsaved working copy, kept on the device as the user types so nothing is lost to a
 * closed tab. The deck may be invalid (that is why it is a draft).
 */
export interface Draft {
  /** `draftKey` of the editing session. */
  id: string
  /** When it was last saved (epoch ms). */
  updatedAt: number
  deck: Deck
  /** Cards whose progress the user asked to reset on save. */
  resetCardIds: string[]
}

/** The draft key of an editing session: `edit:<id>`, `copy:<id>` or `new`. */
export function draftKey(target: EditTarget): string {
  if (target.id) return `edit:${target.id}`
  if (target.from) return `copy:${target.from}`
  return 'new'
}
