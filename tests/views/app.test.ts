// The app shell: what it does on start and when it comes back to the foreground.
import { enableAutoUnmount, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '@/App.vue'
import { routes } from '@/router'
import type { QuizConfig } from '@/core/quiz/config'
import { MINUTE_MS } from '@/core/time'
import { installDeck } from '@/storage/decks'
import { getResult, getSession } from '@/storage/quiz'
import { useQuizStore } from '@/stores/quiz'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { stubOfflineFetch } from '../offline'
import { freshPinia } from './harness'

// The service worker is not this test's subject (tests/pwa covers it).
vi.mock('@/pwa/usePwa', () => ({
  usePwaUpdate: () => ({
    showUpdate: ref(false),
    offlineReady: ref(false),
    reload: () => undefined,
    dismiss: () => undefined,
  }),
  useInstall: () => ({
    canInstall: ref(false),
    install: () => undefined,
    showIosHint: false,
    standalone: false,
  }),
}))

enableAutoUnmount(afterEach)

const LIMIT_MS = 5 * MINUTE_MS
const CONFIG: QuizConfig = {
  deckIds: ['deck'],
  tags: [],
  count: 2,
  forms: ['typed'],
  timing: { kind: 'total', limitMs: LIMIT_MS },
  mode: 'exam',
  seed: 'seed',
}

let visibility: DocumentVisibilityState = 'visible'

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  stubOfflineFetch()
  visibility = 'visible'
  vi.spyOn(document, 'visibilityState', 'get').mockImplementation(() => visibility)
  await installDeck(
    makeDeck({ id: 'deck', cards: [makeCard({ id: 'a' }), makeCard({ id: 'b' })] }),
    'user',
    NOW,
  )
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

async function startQuiz(): Promise<string> {
  freshPinia()
  const created = await useQuizStore().create(CONFIG, NOW)
  if (!created.ok) throw new Error(created.message)
  return created.id
}

async function mountApp() {
  const pinia = freshPinia()
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push('/settings')
  await router.isReady()
  return mount(App, { global: { plugins: [router, pinia] }, attachTo: document.body })
}

describe('App', () => {
  // Regression: a quiz whose time ran out while the app was closed showed as in progress, with
  // no result, until the learner opened it again.
  it('hands in on start a quiz whose time ran out while the app was closed', async () => {
    const id = await startQuiz()
    vi.setSystemTime(NOW + 2 * LIMIT_MS)
    await mountApp()
    await vi.waitFor(async () => expect(await getResult(id)).toMatchObject({ endedBy: 'time' }))
    expect(await getSession(id)).toBeUndefined()
  })

  it('hands in a quiz that ran out while the app was in the background, on its return', async () => {
    const id = await startQuiz()
    await mountApp()
    visibility = 'hidden'
    vi.setSystemTime(NOW + 2 * LIMIT_MS)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(await getResult(id)).toBeUndefined()

    visibility = 'visible'
    document.dispatchEvent(new Event('visibilitychange'))
    await vi.waitFor(async () =>
      expect(await getResult(id)).toMatchObject({ endedBy: 'time', finishedAt: NOW + LIMIT_MS }),
    )
  })
})
