import type { Card, Deck } from '@/core/deck'
import type { QuizConfig } from '@/core/quiz/config'

export const NOW = Date.UTC(2025, 0, 6, 9, 0, 0)

/** A small valid deck; pass overrides for the case at hand. */
export function makeDeck(overrides: Partial<Deck> = {}): Deck {
  return {
    id: 'test-deck',
    title: 'Test deck',
    description: '',
    language: 'en',
    version: 1,
    authors: [],
    tags: [],
    cards: [makeCard()],
    ...overrides,
  }
}

export function makeCard(overrides: Partial<Card> = {}): Card {
  return {
    id: 'c1',
    type: 'typed',
    kind: 'country',
    prompt: 'Where were land-based SM-3s to deploy in 2015?',
    answers: ['Romania'],
    paragraphs: [9],
    tags: [],
    ...overrides,
  } as Card
}

/** A small exam on one deck of single-choice questions; pass overrides for the case at hand. */
export function makeQuizConfig(overrides: Partial<QuizConfig> = {}): QuizConfig {
  return {
    deckIds: ['europe'],
    tags: [],
    count: 3,
    forms: ['single'],
    timing: { kind: 'none' },
    mode: 'exam',
    seed: 'seed',
    ...overrides,
  }
}
