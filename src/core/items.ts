// Study items: what the scheduler tracks. Most cards are one item; a reversible basic card is two
// (front→back, back→front) and a cloze card is one per cloze number, as in Anki.
import { clozeIndexes } from './cloze'
import type { Card, Deck } from './deck'

export type ItemVariant = 'forward' | 'reverse' | `c${number}`

export interface StudyItem {
  /** `deckId/cardId` plus `~reverse` or `~c2` for the extra items of a card. Progress is keyed on it. */
  id: string
  deckId: string
  cardId: string
  variant: ItemVariant
  /** `deckId/fact`: items sharing it are siblings. */
  fact: string
}

/** The fact a card asks about; cards sharing one are siblings. Defaults to the card's own id. */
export function factOf(card: Card): string {
  return card.fact ?? card.id
}

/** The progress key of a card's item: stable across edits because card ids are. */
export function itemId(deckId: string, cardId: string, variant: ItemVariant = 'forward'): string {
  return variant === 'forward' ? `${deckId}/${cardId}` : `${deckId}/${cardId}~${variant}`
}

/** A card's key across its items (`deckId/cardId`, its forward item's id): card resets name cards by it. */
export function cardKey(deckId: string, cardId: string): string {
  return `${deckId}/${cardId}`
}

/** Splits an item id back into its parts (the inverse of `itemId`). */
export function parseItemId(id: string): { deckId: string; cardId: string; variant: ItemVariant } {
  const slash = id.indexOf('/')
  const tilde = id.indexOf('~', slash)
  const deckId = id.slice(0, slash)
  const cardId = tilde === -1 ? id.slice(slash + 1) : id.slice(slash + 1, tilde)
  const variant = (tilde === -1 ? 'forward' : id.slice(tilde + 1)) as ItemVariant
  return { deckId, cardId, variant }
}

/** The items a card yields. */
export function itemsOfCard(deckId: string, card: Card): StudyItem[] {
  const fact = `${deckId}/${factOf(card)}`
  const make = (variant: ItemVariant): StudyItem => ({
    id: itemId(deckId, card.id, variant),
    deckId,
    cardId: card.id,
    variant,
    fact,
  })
  if (card.type === 'basic' && card.reversible) return [make('forward'), make('reverse')]
  if (card.type === 'cloze') {
    const [first, ...rest] = clozeIndexes(card.text)
    if (first === undefined) return [make('forward')]
    // the first cloze keeps the plain id so a card that gains a second blank keeps its progress
    return [make('forward'), ...rest.map((n) => make(`c${n}`))]
  }
  return [make('forward')]
}

/** Every item of a deck, in card order. */
export function itemsOfDeck(deck: Deck): StudyItem[] {
  return deck.cards.flatMap((card) => itemsOfCard(deck.id, card))
}

/** Which cloze number an item asks (the first one for the plain item). */
export function clozeIndexOf(card: Card, variant: ItemVariant): number {
  if (variant.startsWith('c')) return Number(variant.slice(1))
  return card.type === 'cloze' ? (clozeIndexes(card.text)[0] ?? 1) : 1
}
