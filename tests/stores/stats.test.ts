import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { QuizResult } from '@/core/quiz/result'
import { DAY_MS } from '@/core/time'
import { db } from '@/storage/db'
import { installDeck } from '@/storage/decks'
import { listQuizResults } from '@/storage/quizResults'
import { useStatsStore } from '@/stores/stats'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { recordAnswer } from '../fixtures/answers'

const DECK = makeDeck({
  id: 'deck',
  cards: [makeCard({ id: 'a' }), makeCard({ id: 'b' }), makeCard({ id: 'c' })],
})

/** Answers `cardId` at `at`, through the same storage call the study screen uses. */
async function answer(cardId: string, at: number, durationMs = 4000) {
  await recordAnswer(`deck/${cardId}`, 'good', at, { durationMs })
}

async function saveQuiz(id: string, finishedAt: number, score: number) {
  const result: QuizResult = {
    id,
    configKey: 'k',
    config: {
      deckIds: [],
      tags: [],
      count: 4,
      forms: ['single'],
      timing: { kind: 'none' },
      mode: 'practice',
      seed: 's',
    },
    startedAt: finishedAt - 60_000,
    finishedAt,
    durationMs: 60_000,
    endedBy: 'user',
    total: 4,
    correct: Math.round(score * 4) || 0,
    score,
    questions: [],
  }
  await (await db()).put('quizResults', result)
}

beforeEach(async () => {
  setActivePinia(createPinia())
  await installDeck(DECK, 'user', NOW - 30 * DAY_MS)
})

describe('useStatsStore', () => {
  it('has nothing until the Stats screen opens', () => {
    expect(useStatsStore().stats).toBeNull()
  })

  it('computes the streak, calendar and totals from the stored log', async () => {
    // three days running up to today, and one review ten days ago
    await answer('a', NOW - 2 * DAY_MS)
    await answer('a', NOW - DAY_MS, 2000)
    await answer('a', NOW, 6000)
    await answer('b', NOW - 10 * DAY_MS)
    const store = useStatsStore()
    await store.open(NOW)

    const stats = store.stats!
    expect(stats.streak).toEqual({ current: 3, longest: 3, studiedToday: true })
    expect(stats.heatmap.total).toBe(4)
    expect(stats.heatmap.activeDays).toBe(4)
    expect(stats.heatmap.days).toHaveLength(365)
    expect(stats.heatmap.days.at(-1)!.count).toBe(1)
    expect(store.reviewCount).toBe(4)
    expect(stats.answerTimes.overall).toEqual({ count: 4, meanMs: 4000, medianMs: 4000 })
    expect(stats.states.new).toBe(1)
    expect(
      stats.states.new + stats.states.learning + stats.states.review + stats.states.relearning,
    ).toBe(3)
    expect(store.computedAt).toBe(NOW)
    expect(store.error).toBeNull()
  })

  it('keeps a streak that ended yesterday as current until today is studied', async () => {
    await answer('a', NOW - 3 * DAY_MS)
    await answer('a', NOW - DAY_MS)
    await answer('b', NOW - 2 * DAY_MS)
    const store = useStatsStore()
    await store.open(NOW)
    expect(store.stats!.streak).toEqual({ current: 3, longest: 3, studiedToday: false })
    expect(store.stats!.heatmap.days.at(-1)!.count).toBe(0)
  })

  it('shows a first-day learner empty numbers, not errors', async () => {
    const store = useStatsStore()
    await store.open(NOW)
    expect(store.stats).toMatchObject({
      streak: { current: 0, longest: 0, studiedToday: false },
      heatmap: { total: 0, max: 0 },
      forecast: { total: 0 },
      quiz: [],
      states: { new: 3, learning: 0, review: 0, relearning: 0 },
    })
    expect(store.stats!.answerTimes.overall.meanMs).toBeNull()
  })

  it('reads quiz results oldest first, skipping a row without a usable score', async () => {
    await saveQuiz('late', NOW - DAY_MS, 0.5)
    await saveQuiz('early', NOW - 2 * DAY_MS, 1)
    await saveQuiz('broken', NOW - 3 * DAY_MS, Number.NaN)
    expect((await listQuizResults()).map((r) => r.id)).toEqual(['early', 'late'])
    const store = useStatsStore()
    await store.open(NOW)
    expect(store.stats!.quiz.map((p) => p.scorePct)).toEqual([100, 50])
    expect(store.stats!.quiz.map((p) => p.averagePct)).toEqual([100, 75])
  })

  it('reloads when another tab changes data while the screen is open', async () => {
    const store = useStatsStore()
    await store.open(NOW)
    expect(store.reviewCount).toBe(0)
    await answer('a', NOW)
    const otherTab = new BroadcastChannel('intercept-changes')
    otherTab.postMessage({ kind: 'progress', deckIds: ['deck'] })
    await vi.waitFor(() => expect(store.reviewCount).toBe(1))
    otherTab.close()
    store.close()
  })

  it('reads storage again each time the screen opens', async () => {
    await answer('a', NOW - DAY_MS)
    const store = useStatsStore()
    await store.open(NOW)
    store.close()
    expect(store.stats!.heatmap.total).toBe(1)
    await answer('c', NOW)
    await store.open(NOW)
    expect(store.stats!.heatmap.total).toBe(2)
    expect(store.stats!.streak.current).toBe(2)
  })
})
