import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createScheduler, DEFAULT_SCHEDULER, newMemory } from '@/core/scheduler'
import { installDeck } from '@/storage/decks'
import { saveReview } from '@/storage/progress'
import { makeCard, makeDeck, NOW } from '../core/fixtures'
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

    const { before, after } = createScheduler({ ...DEFAULT_SCHEDULER, fuzz: false }).review(
      newMemory(NOW),
      'good',
      NOW,
      'deck/a',
    )
    await saveReview(
      {
        id: 'deck/a',
        deckId: 'deck',
        cardId: 'a',
        fact: 'deck/a',
        memory: after,
        retired: false,
        updatedAt: NOW,
      },
      {
        itemId: 'deck/a',
        deckId: 'deck',
        at: NOW,
        recall: 'good',
        durationMs: 3000,
        before,
        after,
        source: 'study',
      },
      undefined,
    )
    expect(await quickQuiz()).toBe('5-minute quiz on my weakest')
  })
})
