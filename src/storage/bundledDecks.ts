// The decks that ship with the app. Only their ids, versions and file names are in the JavaScript
// bundle; the deck files themselves are separate, precached assets fetched when a deck is new or
// changed. They were validated when the app was built (scripts/vite-shipped-decks.ts) and hold
// the normalized deck as stored, so installing one loads no validator.
import shipped from 'virtual:shipped-decks'
import type { Deck } from '@/core/deck'
import type { StoredDeck } from '@/core/records'
import { installDeck, listDecks } from './decks'

export interface ShippedDeck {
  id: string
  version: number
  url: string
}

/** The decks this build ships, with the version of each. */
export function shippedDecks(): ShippedDeck[] {
  return shipped.map((d) => ({ ...d }))
}

/**
 * A shipped file is the build's own validated output; what can still go wrong is the transfer
 * (a cut-off response, a proxy's error page), which shows as text that is not this deck.
 */
function readShipped(text: string, shipped: ShippedDeck): Deck {
  let deck: Partial<Deck> | null
  try {
    deck = JSON.parse(text) as Partial<Deck> | null
  } catch (e) {
    throw new Error(`${shipped.url}: the file is not the deck (${(e as Error).message})`)
  }
  if (deck?.id !== shipped.id || deck.version !== shipped.version || !Array.isArray(deck.cards))
    throw new Error(`${shipped.url}: the file is not version ${shipped.version} of ${shipped.id}`)
  return deck as Deck
}

/**
 * Installs shipped decks that are missing and upgrades those whose version changed; progress on
 * unchanged card ids is kept. Reads only deck versions when everything is current.
 * @returns the ids of the decks installed or upgraded.
 */
export async function syncShippedDecks(
  nowMs: number,
  fetchText: (url: string) => Promise<string> = async (url) => {
    const response = await fetch(url)
    if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`)
    return response.text()
  },
  installedDecks?: readonly Pick<StoredDeck, 'id' | 'origin' | 'deck'>[],
): Promise<string[]> {
  // callers that have just read the decks pass them in, so a big collection is read once
  const installed = new Map((installedDecks ?? (await listDecks())).map((d) => [d.id, d]))
  const due = shippedDecks().filter((deck) => {
    const current = installed.get(deck.id)
    if (current?.origin === 'user') return false // the user made a deck with this id: theirs wins
    return !current || current.deck.version !== deck.version
  })
  if (!due.length) return []
  // Read every file before installing any, so one broken transfer installs none.
  const texts = await Promise.all(due.map((d) => fetchText(d.url)))
  const decks = due.map((d, i) => readShipped(texts[i]!, d))
  const changed: string[] = []
  for (const deck of decks) {
    await installDeck(deck, 'shipped', nowMs)
    changed.push(deck.id)
  }
  return changed
}
