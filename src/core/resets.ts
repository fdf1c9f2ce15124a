// A card that starts over. When a deck edit changes a card's answer, the editor can reset the card:
// what the learner knew of the old answer no longer counts. The reset is a record of its own (an
// id no other device gives, the card, the moment), kept and synced beside the review log: the
// card's reviews stay in the log (history and statistics still count them), and scheduling replays
// only the reviews after the card's latest reset. Resets are never undone or deleted, and only the
// latest of a card matters, so every device that has seen the same resets replays the same log.
import { cardKey, parseItemId } from './items'

export { cardKey } from './items'

/** A card starting over at `at`: its reviews up to that moment no longer count for scheduling. */
export interface CardReset {
  /** Unique on every device (a ULID, as review ids). */
  id: string
  deckId: string
  cardId: string
  /** When the card started over (epoch ms). */
  at: number
}

/** The card an item belongs to, as `cardKey` names it. */
export function cardKeyOfItem(itemId: string): string {
  const { deckId, cardId } = parseItemId(itemId)
  return cardKey(deckId, cardId)
}

/**
 * The reset that stands of two (the later one; at the same moment, the higher id), so that
 * devices meeting the same resets in any order keep the same one.
 */
export function laterReset(a: CardReset | undefined, b: CardReset): CardReset {
  if (!a) return b
  if (a.at !== b.at) return a.at > b.at ? a : b
  return a.id >= b.id ? a : b
}

/**
 * Resets by card key, the latest of each card kept.
 * @example latestResets([...stored, ...incoming]).get('deck/card')
 */
export function latestResets(resets: Iterable<CardReset>): Map<string, CardReset> {
  const out = new Map<string, CardReset>()
  for (const reset of resets) {
    const key = cardKey(reset.deckId, reset.cardId)
    out.set(key, laterReset(out.get(key), reset))
  }
  return out
}

/** Whether a review at `atMs` still counts for scheduling after `reset` (a review at the same ms does not). */
export function countsAfter(atMs: number, reset: Pick<CardReset, 'at'> | undefined): boolean {
  return !reset || atMs > reset.at
}

/**
 * The part of a log that scheduling replays: every review made after its card's latest reset.
 * `resets` maps card keys to their latest reset (`latestResets`).
 */
export function countingLog<T extends { itemId: string; at: number }>(
  reviews: readonly T[],
  resets: ReadonlyMap<string, Pick<CardReset, 'at'>>,
): T[] {
  if (!resets.size) return [...reviews]
  return reviews.filter((review) =>
    countsAfter(review.at, resets.get(cardKeyOfItem(review.itemId))),
  )
}

const ID = /^[0-9A-Za-z-]{10,80}$/
const KEY = /^[^/~]{1,200}$/

/**
 * `input` if it is a well-formed reset (a stored one, another device's), else undefined; extra
 * fields of a document are dropped. Checked by hand, not with the backup's schema library: storage
 * reads resets on the first load, which does without it.
 */
export function readCardReset(input: unknown): CardReset | undefined {
  if (typeof input !== 'object' || input === null) return undefined
  const { id, deckId, cardId, at } = input as Record<string, unknown>
  if (typeof id !== 'string' || !ID.test(id)) return undefined
  if (typeof deckId !== 'string' || !KEY.test(deckId)) return undefined
  if (typeof cardId !== 'string' || !KEY.test(cardId)) return undefined
  if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at > 8.64e15) return undefined
  return { id, deckId, cardId, at }
}
