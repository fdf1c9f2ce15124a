// decksFingerprint (src/core/deckFingerprint.ts): what a shared quiz carries so the join screen
// can tell a student whose copy of a deck differs from the instructor's.
import { describe, expect, it } from 'vitest'
import { formatIssue, parseDeck, serializeDeck, type Card, type Deck } from '@/core/deck'
import { decksFingerprint, FINGERPRINT_PATTERN } from '@/core/deckFingerprint'
import { makeCard, makeDeck } from '../fixtures/decks'

const single = (id: string, answer: string): Card => ({
  id,
  type: 'single',
  kind: 'country',
  prompt: `Where is ${id}?`,
  answer,
  distractors: ['Spain', 'Italy', 'Greece'].filter((d) => d !== answer),
  paragraphs: [1],
  tags: [],
})
const europe = makeDeck({
  id: 'europe',
  tags: ['nato'],
  cards: [single('ro', 'Romania'), single('pl', 'Poland'), makeCard({ id: 'tr' })],
})
const gulf = makeDeck({ id: 'gulf', cards: [single('qa', 'Qatar')] })
const decks = [europe, gulf]

/** The same data with every object's keys in reverse order, as another store might hand it back. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, x]) => [k, reversedKeys(x)]),
    ) as T
  return value
}

const withCard = (deck: Deck, index: number, card: Card): Deck => ({
  ...deck,
  cards: deck.cards.map((c, i) => (i === index ? card : c)),
})

describe('decksFingerprint', () => {
  it('is four Crockford base32 characters', () => {
    expect(decksFingerprint(decks, ['europe'])).toMatch(FINGERPRINT_PATTERN)
    expect(decksFingerprint([], [])).toMatch(FINGERPRINT_PATTERN)
  })

  it('does not depend on the order of decks, of deck ids or of object keys', () => {
    const fp = decksFingerprint(decks, ['europe', 'gulf'])
    expect(decksFingerprint([gulf, europe], ['gulf', 'europe', 'gulf'])).toBe(fp)
    expect(decksFingerprint(decks.map(reversedKeys), ['europe', 'gulf'])).toBe(fp)
  })

  it("changes when a selected card's answer, a card or the deck's tags change", () => {
    const fp = decksFingerprint(decks, ['europe', 'gulf'])
    const answered = withCard(europe, 0, single('ro', 'Poland'))
    expect(decksFingerprint([answered, gulf], ['europe', 'gulf'])).not.toBe(fp)
    const typed = withCard(europe, 2, makeCard({ id: 'tr', answers: ['Turkey'] }))
    expect(decksFingerprint([typed, gulf], ['europe', 'gulf'])).not.toBe(fp)
    const fewer = { ...europe, cards: europe.cards.slice(1) }
    expect(decksFingerprint([fewer, gulf], ['europe', 'gulf'])).not.toBe(fp)
    const retagged = { ...europe, tags: ['nato', 'aegis'] }
    expect(decksFingerprint([retagged, gulf], ['europe', 'gulf'])).not.toBe(fp)
  })

  it('ignores decks not selected, and what does not change the questions', () => {
    const fp = decksFingerprint(decks, ['europe'])
    const edited = withCard(gulf, 0, single('qa', 'Bahrain'))
    expect(decksFingerprint([europe, edited], ['europe'])).toBe(fp)
    expect(decksFingerprint([europe], ['europe'])).toBe(fp)
    const retitled = { ...europe, title: 'Europe (2nd ed.)', description: 'Now with notes' }
    expect(decksFingerprint([retitled, gulf], ['europe'])).toBe(fp)
  })

  it('takes every deck for an empty selection, as generateQuiz does', () => {
    expect(decksFingerprint(decks, [])).toBe(decksFingerprint(decks, ['gulf', 'europe']))
  })

  it('tells a missing deck from a present one', () => {
    expect(decksFingerprint([gulf], ['europe', 'gulf'])).not.toBe(
      decksFingerprint(decks, ['europe', 'gulf']),
    )
  })

  it('survives a shipped deck being exported and imported again', () => {
    const shipped = Object.entries(
      import.meta.glob<unknown>('/decks/*.json', { eager: true, import: 'default' }),
    )
      .filter(([path]) => !path.endsWith('deck.schema.json'))
      .map(([path, raw]) => {
        const result = parseDeck(raw)
        if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
        return result.value
      })
    const reimported = shipped.map((d) => {
      const result = parseDeck(JSON.parse(serializeDeck(d)))
      if (!result.ok) throw new Error(`${d.id} does not round-trip`)
      return result.value
    })
    const ids = shipped.map((d) => d.id)
    expect(decksFingerprint(reimported, ids)).toBe(decksFingerprint(shipped, ids))
  })
})
