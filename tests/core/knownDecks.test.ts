import { describe, expect, it } from 'vitest'
import { KNOWN_DECK_IDS } from '@/core/knownDecks'

const shippedIds = import.meta.glob<string>(['/decks/*.json', '!/decks/deck.schema.json'], {
  eager: true,
  import: 'id',
})

describe('KNOWN_DECK_IDS', () => {
  it('lists every shipped deck, so its quiz codes stay short', () => {
    const missing = Object.entries(shippedIds)
      .filter(([, id]) => !KNOWN_DECK_IDS.includes(id))
      .map(([file, id]) => `${id} (${file}): append it to KNOWN_DECK_IDS`)
    expect(Object.keys(shippedIds)).not.toHaveLength(0)
    expect(missing).toEqual([])
  })

  it('keeps the order codes already handed out rely on', () => {
    // Codes name shipped decks by position: new decks go after these, and these never move.
    expect(KNOWN_DECK_IDS.slice(0, 4)).toEqual([
      'bmd-threat-and-us-systems',
      'bmd-gulf-and-asia',
      'bmd-europe-and-nato',
      'bmd-why-cooperate',
    ])
    expect(new Set(KNOWN_DECK_IDS).size).toBe(KNOWN_DECK_IDS.length)
  })
})
