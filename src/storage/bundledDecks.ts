// The decks that ship with the app. Only their ids and versions are in the JavaScript bundle;
// the deck files themselves are separate, precached assets fetched when a deck is new or changed.
import { installDeck, listDecks } from './decks'

// (import.meta.glob takes literals only, hence the repetition)
const ids = import.meta.glob<string>(['/decks/*.json', '!/decks/deck.schema.json'], { eager: true, import: 'id' })
const versions = import.meta.glob<number>(['/decks/*.json', '!/decks/deck.schema.json'], { eager: true, import: 'version' })
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
): Promise<string[]> {
  const installed = new Map((await listDecks()).map((d) => [d.id, d]))
  const changed: string[] = []
  for (const shipped of shippedDecks()) {
    const current = installed.get(shipped.id)
    if (current && current.origin === 'shipped' && current.deck.version === shipped.version) continue
    if (current && current.origin === 'user') continue // the user made a deck with this id: theirs wins
    // the validator loads only when a deck is new or changed, keeping it out of the first load
    const { parseDeckText, formatIssue } = await import('@/core/deck')
    const result = parseDeckText(await fetchText(shipped.url))
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, shipped.url)).join('\n'))
    await installDeck(result.value, 'shipped', nowMs)
    changed.push(shipped.id)
  }
  return changed
}
