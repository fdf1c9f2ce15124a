import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { installDeck } from '@/storage/decks'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { recordAnswer } from '../fixtures/answers'
import { stubOfflineFetch } from '../offline'
import { mountRoute, until } from './harness'

enableAutoUnmount(afterEach)

const DECK = makeDeck({ id: 'deck', cards: [makeCard({ id: 'a' }), makeCard({ id: 'b' })] })

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

const quickQuiz = async () => {
  const { wrapper: w } = await mountRoute('/')
  await until(() => w.find('.decks').exists(), 'the decks')
  return w.get('[data-testid="quick-quiz-link"]').text()
}

describe('LibraryView quick quiz', () => {
  it('offers a plain 5-minute quiz before anything is studied, then one on the weakest', async () => {
    expect(await quickQuiz()).toBe('5-minute quiz')

    await recordAnswer('deck/a', 'good', NOW)
    expect(await quickQuiz()).toBe('5-minute quiz on my weakest')
  })
})

describe('LibraryView deck tiles', () => {
  it('link each deck to its page and to a study session, Study standing out while cards are due', async () => {
    const { wrapper: w } = await mountRoute('/')
    await until(() => w.find('.decks .tile').exists(), 'the deck tiles')
    const tile = w.findAll('.decks .tile').find((t) => t.text().includes('Test deck'))!
    expect(tile.get('h3 a').attributes('href')).toBe('/deck/deck')
    const study = tile.get('a[aria-label="Study Test deck"]')
    expect(study.attributes('href')).toBe('/study/deck')
    expect(study.classes()).not.toContain('btn-primary') // two new cards: nothing due yet
  })
})
