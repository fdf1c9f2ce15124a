// How big a deck and its parts may be. A module of its own, free of the deck schema, so that code
// needing only a limit (ids, the review log in the first load) does not bring in the validator.
export const LIMITS = {
  idLength: 64,
  shortText: 200,
  longText: 2000,
  cardsPerDeck: 20000,
  choices: 12,
  orderingItems: 12,
} as const
