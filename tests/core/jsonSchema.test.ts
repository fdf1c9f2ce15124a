import { describe, expect, it } from 'vitest'
import committed from '../../decks/deck.schema.json'
import { deckJsonSchema } from '@/core/jsonSchema'

describe('decks/deck.schema.json', () => {
  it('matches the TypeScript schema (run `npm run decks -- schema` after changing it)', () => {
    expect(committed).toEqual(deckJsonSchema())
  })

  it('describes every card type', () => {
    const text = JSON.stringify(committed)
    for (const type of ['basic', 'cloze', 'typed', 'single', 'multi', 'ordering', 'numeric', 'map'])
      expect(text).toContain(`"const":"${type}"`)
  })
})
