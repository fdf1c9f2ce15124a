// Every shipped deck validates, round-trips, cites the article and paraphrases it.
import { describe, expect, it } from 'vitest'
import article from './fixtures/missile-defense-article.txt?raw'
import { parseDeck, serializeDeck, formatIssue, type Deck } from '@/core/deck'
import { factOf, itemsOfDeck } from '@/core/items'
import { buildPools, canonicalAnswers, pickDistractors } from '@/core/questions'
import { withAliases } from '@/core/aliases'
import { normalizeAnswer } from '@/core/normalize'
import { createRng } from '@/core/random'
import { lintDeck } from '@/core/deckLint'

const files = import.meta.glob<unknown>('/decks/*.json', { eager: true, import: 'default' })
const entries = Object.entries(files).filter(([path]) => !path.endsWith('deck.schema.json'))

function parsed(): Deck[] {
  return entries.map(([path, raw]) => {
    const result = parseDeck(raw)
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
    return result.value
  })
}

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean)

function cardTexts(deck: Deck): string[] {
  return deck.cards.flatMap((card) => {
    const texts: string[] = [card.explanation ?? '']
    for (const key of ['front', 'back', 'prompt', 'text'] as const)
      if (key in card) texts.push(String((card as Record<string, unknown>)[key]))
    return texts
  })
}

describe('shipped decks', () => {
  it('finds the decks', () => {
    expect(entries.length).toBeGreaterThanOrEqual(3)
  })

  for (const [path, raw] of entries)
    it(`${path} validates and round-trips through the file format`, () => {
      const result = parseDeck(raw)
      if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
      const again = parseDeck(JSON.parse(serializeDeck(result.value)))
      expect(again).toEqual(result)
    })

  it('keeps the content rules of `decks check` (plans worded as plans, years of kind year)', () => {
    for (const deck of parsed())
      expect(lintDeck(deck).map((i) => formatIssue(i, deck.id))).toEqual([])
  })

  it('has at least 80 cards, each citing a paragraph of the article', () => {
    const decks = parsed()
    const cards = decks.flatMap((d) => d.cards)
    expect(cards.length).toBeGreaterThanOrEqual(80)
    for (const card of cards) {
      expect(card.paragraphs.length, card.id).toBeGreaterThan(0)
      for (const p of card.paragraphs) expect(p, card.id).toBeLessThanOrEqual(16)
    }
  })

  it('asks every fact in at least two forms', () => {
    for (const deck of parsed()) {
      const byFact = new Map<string, Set<string>>()
      const items = itemsOfDeck(deck)
      for (const item of items) {
        const card = deck.cards.find((c) => c.id === item.cardId)!
        const forms = byFact.get(item.fact) ?? new Set()
        forms.add(`${card.type}:${item.variant}`)
        byFact.set(item.fact, forms)
      }
      for (const [fact, forms] of byFact)
        expect(forms.size, `${fact} is asked in one form only`).toBeGreaterThanOrEqual(2)
      expect(new Set(deck.cards.map(factOf)).size).toBe(byFact.size)
    }
  })

  it('copies no run of eight words from the article', () => {
    const source = words(article).join(' ')
    for (const deck of parsed())
      for (const text of cardTexts(deck)) {
        const w = words(text)
        for (let i = 0; i + 8 <= w.length; i++) {
          const run = w.slice(i, i + 8).join(' ')
          expect(source.includes(run), `copied: "${run}" in ${deck.id}`).toBe(false)
        }
      }
  })

  it('never offers a right answer as a distractor', () => {
    const decks = parsed()
    const pools = buildPools(decks)
    for (const deck of decks)
      for (const card of deck.cards) {
        const right = new Set(withAliases(canonicalAnswers(card)).map(normalizeAnswer))
        for (let seed = 0; seed < 5; seed++)
          for (const d of pickDistractors(card, 3, pools, createRng(`${card.id}:${seed}`)))
            expect(right.has(normalizeAnswer(d)), `${card.id}: ${d}`).toBe(false)
      }
  })

  it('gives deck ids and card ids that are unique across decks', () => {
    const decks = parsed()
    expect(new Set(decks.map((d) => d.id)).size).toBe(decks.length)
    const ids = decks.flatMap((d) => d.cards.map((c) => c.id))
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe("the README's example deck", () => {
  it('validates', async () => {
    const readme = (await import('../README.md?raw')).default
    const json = /```json\n([\s\S]*?)\n```/.exec(readme)?.[1]
    expect(json).toBeDefined()
    const result = parseDeck(JSON.parse(json!))
    if (!result.ok)
      throw new Error(result.issues.map((i) => formatIssue(i, 'README.md')).join('\n'))
    expect(result.value.cards.map((c) => c.type)).toEqual([
      'basic',
      'typed',
      'map',
      'numeric',
      'multi',
      'cloze',
    ])
  })
})
