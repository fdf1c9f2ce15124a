// Refused packages store nothing: the importer store fails before any write and has nothing to
// confirm, and what was installed before is untouched.
import { zipSync } from 'fflate'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { installDeck, listDecks } from '@/storage/decks'
import { listProgress, listReviews } from '@/storage/progress'
import { useImporterStore } from '@/stores/importer'
import { makeDeck, NOW } from '../fixtures/decks'

beforeEach(() => {
  setActivePinia(createPinia())
})

async function stored() {
  return { decks: await listDecks(), progress: await listProgress(), reviews: await listReviews() }
}

describe('importer store and Anki packages', () => {
  it.each([
    ['not a zip', new TextEncoder().encode('front\tback\n')],
    ['a zip without a collection', zipSync({ 'readme.txt': new Uint8Array([65]) })],
    [
      'a cut-short zip',
      zipSync({ 'collection.anki2': new Uint8Array(5000).fill(7) }).subarray(0, 100),
    ],
  ])('refuses %s and stores nothing', async (_name, bytes) => {
    await installDeck(makeDeck({ id: 'mine' }), 'user', NOW)
    const before = await stored()
    const importer = useImporterStore()
    await importer.readBytes(bytes, { fileName: 'deck.apkg' })
    expect(importer.status).toBe('failed')
    expect(importer.issues.length).toBeGreaterThan(0)
    expect(await importer.confirm(NOW + 1)).toBe(false)
    expect(await stored()).toEqual(before)
  })
})
