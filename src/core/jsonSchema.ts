// decks/deck.schema.json is generated from the valibot schema, so the two cannot drift apart
// (a test compares them). Used by the `decks schema` command and tests, never by the app.
import { toJsonSchema } from '@valibot/to-json-schema'
import { DeckSchema } from './deck'

/** The JSON Schema (draft-07) of a deck file, for editor autocompletion and validation. */
export function deckJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(DeckSchema, { errorMode: 'ignore' }) as Record<string, unknown>
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...schema,
    $id: 'https://intercept.invalid/deck.schema.json',
    title: 'Intercept deck',
    description: 'A deck of study cards for Intercept. See README.md, "Authoring decks".',
  }
}
