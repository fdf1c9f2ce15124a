import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { makeCard, makeDeck } from '../fixtures/decks'
import { mountRoute, until } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

// Files handed over by the share target or the launch queue, as src/pwa/sharedFiles keeps them.
const waiting = vi.hoisted(() => ({ files: [] as File[] }))
vi.mock('@/pwa/sharedFiles', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/pwa/sharedFiles')>()),
  takeSharedFiles: async () => waiting.files.splice(0),
}))

const DECK = makeDeck({
  id: 'shared-deck',
  title: 'Shared with the class',
  cards: [makeCard({ id: 'a' }), makeCard({ id: 'b', answers: ['Poland'] })],
})

beforeEach(() => {
  stubOfflineFetch()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('ImportView with a shared file', () => {
  it('reads the deck file shared to the app and previews it', async () => {
    waiting.files = [
      new File([JSON.stringify(DECK)], 'class.json', { type: 'application/json' }),
      new File(['x'], 'second.json', { type: 'application/json' }),
    ]
    const { wrapper } = await mountRoute('/import?shared=1')
    await until(
      () => wrapper.find('[data-testid="import-preview"]').exists(),
      'the preview of the shared deck',
    )
    expect(wrapper.get('[data-testid="import-preview"]').text()).toContain('Shared with the class')
    expect(wrapper.text()).toContain('Only class.json was read: import second.json one at a time.')
    expect(waiting.files).toEqual([])
  })

  it('says when a shared file was too large to keep', async () => {
    waiting.files = []
    const { wrapper } = await mountRoute('/import?shared=1&tooLarge=huge.json')
    await until(() => wrapper.text().includes('huge.json: too large to import'), 'the message')
    expect(wrapper.text()).toContain('Nothing was changed.')
  })
})
