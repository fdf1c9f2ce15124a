// What a save or an import will do to an installed deck: the diff, and the plan of an import.
import { CARD_TYPES, type Card, type CardType, type Deck } from './deck'
import { clozeAnswers, clozeIndexes } from './cloze'
import { newDeckId } from './ids'

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
