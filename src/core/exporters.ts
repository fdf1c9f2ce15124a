// Decks out of Intercept: the deck file itself, and text Anki can import.
import { countryByCode } from './countries'
import { serializeDeck, type Card, type Deck } from './deck'
import { ANKI_NOTETYPES, guidFromId } from './importers/anki'
import { quoteField } from './importers/delimited'

/**
 * The `$schema` written into exported deck files: the path the README documents, so a deck saved
 * next to `deck.schema.json` (as in `decks/`) gets autocompletion in editors. The schema's `$id`
 * (`https://intercept.invalid/…`) resolves nowhere, so it would give editors nothing to load.
 * Importing ignores `$schema`, so files with either value read the same.
 */
export const DECK_SCHEMA_URL = './deck.schema.json'

/**
 * The deck file format: `serializeDeck` with a `$schema` line, so editors can validate and
 * complete it. `parseDeckText(exportDeckFile(d))` gives `d` back.
 */
export function exportDeckFile(deck: Deck, schemaUrl = DECK_SCHEMA_URL): string {
  return serializeDeck(deck, schemaUrl)
}

/** One Anki note: its type and its two fields. */
interface AnkiNote {
  notetype: string
  first: string
  second: string
}

function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : '?'
}

// Anki's Basic note has two fields, so the explanation follows the answer after a blank line.
function withExplanation(back: string, card: Card): string {
  return card.explanation ? `${back}\n\n${card.explanation}` : back
}

/** How each card type becomes an Anki note; types Anki lacks become Basic notes that show the answer. */
function toNote(card: Card): AnkiNote {
  switch (card.type) {
    case 'basic':
      return {
        notetype: card.reversible ? ANKI_NOTETYPES.reversed : ANKI_NOTETYPES.basic,
        first: card.front,
        second: withExplanation(card.back, card),
      }
    case 'cloze':
      return { notetype: ANKI_NOTETYPES.cloze, first: card.text, second: card.explanation ?? '' }
    case 'typed':
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(card.answers[0] ?? '', card),
      }
    case 'single':
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(card.answer, card),
      }
    case 'multi':
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(card.answers.join(', '), card),
      }
    case 'ordering':
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(card.items.map((item, i) => `${i + 1}. ${item}`).join('\n'), card),
      }
    case 'numeric': {
      const answer =
        typeof card.answer === 'number'
          ? numberText(card.answer)
          : `${numberText(card.answer.min)}–${numberText(card.answer.max)}`
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(card.unit ? `${answer} ${card.unit}` : answer, card),
      }
    }
    case 'map':
      return {
        notetype: ANKI_NOTETYPES.basic,
        first: card.prompt,
        second: withExplanation(
          card.answers.map((code) => countryByCode(code)?.name ?? code).join(', '),
          card,
        ),
      }
  }
}

// Anki tags are separated by spaces, so a space inside one of ours becomes "_" (Anki's own habit).
function ankiTags(tags: readonly string[]): string {
  return tags
    .map((tag) => tag.trim().replace(/\s+/g, '_'))
    .filter(Boolean)
    .join(' ')
}

const ANKI_HEADER = [
  '#separator:tab',
  '#html:false',
  '#guid column:1',
  '#notetype column:2',
  '#tags column:5',
]

/**
 * The deck as Anki import text (File › Import in Anki 2.1.55+): a header (`#separator:tab`,
 * `#html:false`, GUID in column 1, note type in 2, tags in 5, `#deck:` the title) and one line
 * per card with its two fields in columns 3 and 4. Fields holding a tab, line break or quote are
 * quoted as CSV. Basic cards are Basic (or Basic (and reversed card)) notes and cloze cards
 * Cloze notes with the explanation as Back Extra; other types become Basic notes: typed → the
 * first answer, single → the answer, multi → the right answers, ordering → the items in order,
 * numeric → the number or range with its unit, map → the country names; their explanation
 * follows the answer after a blank line. GUIDs are the card ids (see `guidFromId`), so importing
 * the file again updates the same notes. `importAnki(exportAnkiTsv(d))` then `exportAnkiTsv` gives
 * the same text for basic and cloze cards.
 */
export function exportAnkiTsv(deck: Deck): string {
  const field = (value: string) => quoteField(value, '\t')
  const lines = [...ANKI_HEADER, `#deck:${deck.title.replace(/\s+/g, ' ')}`]
  for (const card of deck.cards) {
    const note = toNote(card)
    lines.push(
      [guidFromId(card.id), note.notetype, note.first, note.second, ankiTags(card.tags)]
        .map(field)
        .join('\t'),
    )
  }
  return lines.join('\n') + '\n'
}
