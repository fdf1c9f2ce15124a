import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Backup } from '@/core/backup'
import { DAY_MS } from '@/core/time'
import { listDecks, installDeck } from '@/storage/decks'
import { listDrafts, saveDraft } from '@/storage/drafts'
import { countReviews, listProgress } from '@/storage/progress'
import { getResult, recentResults } from '@/storage/quiz'
import { loadSettings, saveSettings } from '@/storage/settings'
import { useDataStore } from '@/stores/data'
import { useLibraryStore } from '@/stores/library'
import { useQuizStore } from '@/stores/quiz'
import { useSettingsStore } from '@/stores/settings'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { recordAnswer } from '../fixtures/answers'
import { stubOfflineFetch } from '../offline'

const DECK = makeDeck({
  id: 'deck',
  cards: [makeCard({ id: 'a' }), makeCard({ id: 'b', answers: ['Poland'] })],
})
const OTHER = makeDeck({ id: 'other', title: 'Other deck', cards: [makeCard({ id: 'x' })] })

async function answer(itemId: string, at: number) {
  await recordAnswer(itemId, 'good', at, { durationMs: 5000 })
}

/** A finished quiz, made the way the app makes one. */
async function finishQuiz(): Promise<string> {
  const quiz = useQuizStore()
  const created = await quiz.create(
    {
      deckIds: ['deck'],
      tags: [],
      count: 2,
      forms: ['typed'],
      timing: { kind: 'none' },
      mode: 'practice',
      seed: 's',
    },
    NOW,
  )
  if (!created.ok) throw new Error(created.message)
  await quiz.submit(NOW + 60_000)
  return created.id
}

/** The backup file's text, as the user would download it. */
async function exported(): Promise<string> {
  return (await useDataStore().backupFile(NOW)).text
}

beforeEach(async () => {
  stubOfflineFetch()
  setActivePinia(createPinia())
  await installDeck(DECK, 'user', NOW - 10 * DAY_MS)
  await answer('deck/a', NOW - 2 * DAY_MS)
  await saveSettings({ ...(await loadSettings()), newPerDay: 5 })
  await useLibraryStore().load()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useDataStore.backupFile', () => {
  it('names the file by date and holds every deck, row and setting', async () => {
    const quizId = await finishQuiz()
    const { name, text } = await useDataStore().backupFile(NOW)
    expect(name).toBe('intercept-backup-2025-01-06.json')
    const backup = JSON.parse(text) as Backup
    expect(backup).toMatchObject({
      app: 'intercept',
      kind: 'backup',
      exportedAt: NOW,
      settings: { newPerDay: 5 },
    })
    expect(backup.decks.map((d) => d.id)).toEqual(['deck'])
    expect(backup.progress.map((r) => r.id).sort()).toEqual(
      (await listProgress()).map((r) => r.id).sort(),
    )
    expect(backup.reviews).toHaveLength(await countReviews())
    expect(backup.quizResults).toMatchObject([{ id: quizId }])
  })
})

describe('useDataStore.checkBackup', () => {
  it('accepts its own backup and sums it up', async () => {
    await finishQuiz()
    const [progress, reviews] = [(await listProgress()).length, await countReviews()]
    const result = await useDataStore().checkBackup(await exported())
    expect(result).toMatchObject({
      ok: true,
      summary: { decks: 1, userDecks: 1, progress, reviews, quizResults: 1, exportedAt: NOW },
    })
  })

  it('rejects a file that is not JSON', async () => {
    const result = await useDataStore().checkBackup('{"app": "intercept", oops')
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^This is not a readable backup/)],
    })
  })

  it('rejects a backup with a broken progress row, saying where', async () => {
    const backup = JSON.parse(await exported()) as Backup
    const broken = {
      ...backup,
      progress: [
        { ...backup.progress[0]!, memory: { ...backup.progress[0]!.memory, state: 'lost' } },
      ],
    }
    const result = await useDataStore().checkBackup(JSON.stringify(broken))
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^progress row 1, field "memory.state"/)],
    })
  })

  // Regression: checkBackup did not validate quiz results, so a broken one was restored as it was.
  it('rejects a backup with a broken quiz result', async () => {
    await finishQuiz()
    const backup = JSON.parse(await exported()) as Backup
    const broken = {
      ...backup,
      quizResults: [{ ...(backup.quizResults[0] as object), score: 'high', questions: 'none' }],
    }
    const result = await useDataStore().checkBackup(JSON.stringify(broken))
    expect(result).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^quiz result 1, field "score"/)],
    })
  })
})

describe('useDataStore.restore', () => {
  it('replaces everything with the backup and reloads what the screens show', async () => {
    const quizId = await finishQuiz()
    const text = await exported()
    const [progress, reviews] = [(await listProgress()).map((r) => r.id), await countReviews()]
    // the device moves on after the backup
    await installDeck(OTHER, 'user', NOW)
    await answer('deck/b', NOW)
    await answer('other/x', NOW)
    await useSettingsStore().update({ newPerDay: 9 })
    await useLibraryStore().reload()

    const checked = await useDataStore().checkBackup(text)
    if (!checked.ok) throw new Error(checked.errors.join('\n'))
    await useDataStore().restore(checked.backup)

    expect((await listDecks()).map((d) => d.id)).toEqual(['deck'])
    expect((await listProgress()).map((r) => r.id)).toEqual(progress)
    expect(await countReviews()).toBe(reviews)
    expect(await getResult(quizId)).toMatchObject({ id: quizId })
    expect(useLibraryStore().decks.map((d) => d.id)).toEqual(['deck'])
    expect([...useLibraryStore().progress.keys()].sort()).toEqual([...progress].sort())
    expect(useSettingsStore().settings.newPerDay).toBe(5)
  })

  it('keeps unsaved editor drafts, which no backup holds', async () => {
    const text = await exported()
    await saveDraft({ id: 'new', updatedAt: NOW, deck: OTHER, resetCardIds: [] })
    const checked = await useDataStore().checkBackup(text)
    if (!checked.ok) throw new Error(checked.errors.join('\n'))
    await useDataStore().restore(checked.backup)
    expect((await listDrafts()).map((d) => d.id)).toEqual(['new'])
  })
})

describe('useDataStore.resetAll', () => {
  it('erases progress, history and quiz results, keeping decks and settings', async () => {
    await finishQuiz()
    await useDataStore().resetAll()
    expect(await listProgress()).toEqual([])
    expect(await countReviews()).toBe(0)
    expect(await recentResults()).toEqual([])
    expect((await listDecks()).map((d) => d.id)).toEqual(['deck'])
    expect((await loadSettings()).newPerDay).toBe(5)
    expect(useLibraryStore().progress.size).toBe(0)
  })

  it('sums up what is stored now', async () => {
    expect(await useDataStore().currentSummary()).toMatchObject({
      decks: 1,
      userDecks: 1,
      progress: 1,
      reviews: 1,
      quizResults: 0,
    })
  })
})

describe('useDataStore storage status', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'storage')
  })

  it('reports unknown where the browser cannot tell', async () => {
    const data = useDataStore()
    await data.refreshStatus()
    expect(data.status).toEqual({
      persisted: undefined,
      usageBytes: undefined,
      quotaBytes: undefined,
    })
  })

  it('asks the browser to keep the data, then shows that it will', async () => {
    let persisted = false
    const storage = {
      persisted: vi.fn(async () => persisted),
      persist: vi.fn(async () => (persisted = true)),
      estimate: vi.fn(async () => ({ usage: 2048, quota: 1e9 })),
    }
    Object.defineProperty(navigator, 'storage', { value: storage, configurable: true })
    const data = useDataStore()
    await data.refreshStatus()
    expect(data.status).toEqual({ persisted: false, usageBytes: 2048, quotaBytes: 1e9 })
    await data.persist()
    expect(storage.persist).toHaveBeenCalledOnce()
    expect(data.status?.persisted).toBe(true)
  })
})
