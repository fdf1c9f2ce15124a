// A first visit fetches the shipped decks; tests run offline, with only the decks they install.
import { vi } from 'vitest'

/** Makes every `fetch` fail as it does with no network (undone by `vi.unstubAllGlobals()`). */
export function stubOfflineFetch(): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
  )
}
