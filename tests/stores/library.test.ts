import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DB_NAME, DB_VERSION, db } from '@/storage/db'
import { installDeck, listDecks } from '@/storage/decks'
import { useLibraryStore } from '@/stores/library'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { stubOfflineFetch } from '../offline'

vi.mock('@/storage/decks', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/storage/decks')>()
  return { ...actual, listDecks: vi.fn(actual.listDecks) }
})

const DECK = makeDeck({ id: 'deck', cards: [makeCard({ id: 'a' })] })

beforeEach(async () => {
  setActivePinia(createPinia())
  // offline first visit: the shipped decks cannot be fetched, the user's deck is there
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useLibraryStore.load', () => {
  it('reports storage that cannot be read, and loads on the next try', async () => {
    // what Chromium throws when it will not open IndexedDB (private windows, a damaged profile)
    vi.mocked(listDecks).mockRejectedValueOnce(
      new DOMException(
        'The operation failed for reasons unrelated to the database itself',
        'UnknownError',
      ),
    )
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const library = useLibraryStore()
    await library.load()
    expect(library.ready).toBe(false)
    // the cause in words, never the browser's own message (which stays in the console)
    expect(library.loadError).toMatch(/does not let Intercept keep data on this device/)
    expect(library.loadError).not.toMatch(/unrelated to the database/)
    expect(logged).toHaveBeenCalled()
    logged.mockRestore()

    await library.load()
    expect(library.loadError).toBeNull()
    expect(library.ready).toBe(true)
    expect(library.decks.map((d) => d.id)).toEqual(['deck'])
  })
})

describe('useLibraryStore.outdated', () => {
  it('turns on when a newer version of the app opens the database in another tab', async () => {
    const library = useLibraryStore()
    await library.load()
    await db()
    expect(library.outdated).toBe(false)
    // another tab, running a newer build, upgrades the database
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION + 1)
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
    expect(library.outdated).toBe(true)
    newer.close()
  })
})
