// How generated questions word what they ask, over the shipped decks.
import { describe, expect, it } from 'vitest'
import { formatIssue, parseDeck, type Deck } from '@/core/deck'
import { parseItemId } from '@/core/items'
import type { QuizConfig } from '@/core/quiz/config'
import { choicePrompt, FLASHCARD_TYPED_HINT, generateQuiz } from '@/core/quiz/generate'
import { makeCard, makeDeck } from '../fixtures/decks'

const shipped: Deck[] = Object.entries(
  import.meta.glob<unknown>('/decks/*.json', { eager: true, import: 'default' }),
)
  .filter(([path]) => !path.endsWith('deck.schema.json'))
  .map(([path, raw]) => {
    const result = parseDeck(raw)
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
    return result.value
  })

const config = (over: Partial<QuizConfig>): QuizConfig => ({
  deckIds: shipped.map((d) => d.id),
  tags: [],
  count: 200,
  forms: ['single'],
  timing: { kind: 'none' },
  mode: 'exam',
  seed: 'prompts',
  ...over,
})

describe('choicePrompt', () => {
  it('asks to choose where a map card asks to tap', () => {
    expect(choicePrompt('Tap the country that received a U.S. AN/TPY-2 radar in 2011.')).toBe(
      'Choose the country that received a U.S. AN/TPY-2 radar in 2011.',
    )
    expect(choicePrompt('… and a confrontation with another country. Tap that country.')).toBe(
      '… and a confrontation with another country. Choose that country.',
    )
  })
})

describe('generated prompts', () => {
  // regression: a map card asked with options still said "Tap the country…"
  it('never tell the learner to tap a map that is not there', () => {
    const mapCards = new Set(
      shipped.flatMap((d) => d.cards.filter((c) => c.type === 'map').map((c) => `${d.id}/${c.id}`)),
    )
    let asked = 0
    for (const seed of ['a', 'b', 'c', 'd']) {
      for (const q of generateQuiz(config({ seed }), shipped).questions) {
        const { deckId, cardId } = parseItemId(q.itemId ?? '')
        if (!mapCards.has(`${deckId}/${cardId}`) || q.question.form === 'map') continue
        asked++
        expect(JSON.stringify(q.question)).not.toMatch(/\btap\b/i)
      }
    }
    expect(asked).toBeGreaterThan(0)
  })

  // regression: "Type the answer that goes with this" did not say which side of the card to type
  it('say which side of a flashcard a typed question asks for', () => {
    const deck = makeDeck({
      id: 'terms',
      cards: [
        makeCard({
          id: 'epaa',
          type: 'basic',
          front: 'EPAA',
          back: 'European Phased Adaptive Approach',
          reversible: false,
        } as never),
      ],
    })
    const [q] = generateQuiz(config({ deckIds: ['terms'], forms: ['typed'], count: 1 }), [
      deck,
    ]).questions
    expect(q?.question).toMatchObject({ form: 'typed', prompt: 'EPAA', hint: FLASHCARD_TYPED_HINT })
    expect(FLASHCARD_TYPED_HINT).toMatch(/front of a flashcard.*back/)
  })
})
