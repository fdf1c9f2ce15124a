// The decks that ship with the app. Only their ids and versions are in the JavaScript bundle;
// the deck files themselves are separate, precached assets fetched when a deck is new or changed.
import type { StoredDeck } from '@/core/records'
import { installDeck, listDecks } from './decks'

// (import.meta.glob takes literals only, hence the repetition)
const ids = import.meta.glob<string>(['/decks/*.json', '!/decks/deck.schema.json'], {
  eager: true,
  import: 'id',
})
const versions = import.meta.glob<number>(['/decks/*.json', '!/decks/deck.schema.json'], {
  eager: true,
  import: 'version',
})
const urls = import.meta.glob<string>(['/decks/*.json', '!/decks/deck.schema.json'], {
  eager: true,
  query: '?url',
  import: 'default',
})

export interface ShippedDeck {
  id: string
  version: number
  url: string
}

/** The decks this build ships, with the version of each. */
export function shippedDecks(): ShippedDeck[] {
  return Object.keys(urls)
    .filter((path) => typeof ids[path] === 'string')
    .sort()
    .map((path) => ({ id: ids[path]!, version: versions[path] ?? 1, url: urls[path]! }))
}

/**
 * Installs shipped decks that are missing and upgrades those whose version changed; progress on
 * unchanged card ids is kept. Reads only deck versions when everything is current.
 * @returns the ids of the decks installed or upgraded.
 */
export async function syncShippedDecks(
  nowMs: number,
  fetchText: (url: string) => Promise<string> = async (url) => (await fetch(url)).text(),
  installedDecks?: readonly Pick<StoredDeck, 'id' | 'origin' | 'deck'>[],
): Promise<string[]> {
  // callers that have just read the decks pass them in, so a big collection is read once
  const installed = new Map((installedDecks ?? (await listDecks())).map((d) => [d.id, d]))
  const due = shippedDecks().filter((shipped) => {
    const current = installed.get(shipped.id)
    if (current?.origin === 'user') return false // the user made a deck with this id: theirs wins
    return !current || current.deck.version !== shipped.version
  })
  if (!due.length) return []
  // Fetch every file and load the validator at once (it stays out of the first load), then
  // check all before installing any, so one broken file installs none.
  const [{ parseDeckText, formatIssue }, texts] = await Promise.all([
    import('@/core/deck'),
    Promise.all(due.map((d) => fetchText(d.url))),
  ])
  const decks = []
  for (const [i, shipped] of due.entries()) {
    // one deck per task: a first visit validates every deck, and the page should stay responsive
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0))
    const result = parseDeckText(texts[i]!)
    if (!result.ok)
      throw new Error(result.issues.map((issue) => formatIssue(issue, shipped.url)).join('\n'))
    decks.push(result.value)
  }
  const changed: string[] = []
  for (const deck of decks) {
    await installDeck(deck, 'shipped', nowMs)
    changed.push(deck.id)
  }
  return changed
}
