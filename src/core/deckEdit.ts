// The deck editor's pure steps: new cards and decks, type changes, list edits, validation as
// you type, and the editor's unsaved working copy. No clock: callers pass `nowMs` where a time is stored.
import { clozeAnswers } from './cloze'
import {
  LIMITS,
  parseCard,
  parseDeck,
  type Card,
  type CardType,
  type Deck,
  type DeckIssue,
} from './deck'
import { deckDiff } from './deckDiff'
import { newCardId, newDeckId } from './ids'

// ---------------------------------------------------------------------------------------------
// New cards and decks

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
