// The decks Intercept ships (decks/*.json), numbered for quiz codes: a version-2 code names a
// shipped deck by its place in this list (one bit each) instead of spelling out its id.

/**
 * Ids of the shipped decks, in the order quiz codes number them: bit `i` of a code's deck mask is
 * `KNOWN_DECK_IDS[i]`. Codes already handed out depend on this order, so a new shipped deck is
 * **appended**, and no entry is ever reordered or removed (a retired deck keeps its place).
 * `tests/core/knownDecks.test.ts` fails if a deck in `decks/` is missing here.
 */
export const KNOWN_DECK_IDS: readonly string[] = [
  'bmd-threat-and-us-systems',
  'bmd-gulf-and-asia',
  'bmd-europe-and-nato',
  'bmd-why-cooperate',
]
