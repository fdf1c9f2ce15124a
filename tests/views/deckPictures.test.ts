// The deck page of a deck with pictures: "Export deck file" downloads one zip of the deck and its
// pictures, which the importer reads back into the same deck with the same bytes; a share link
// says it carries no pictures and offers that file; a picture missing on this device refuses the
// file with a message.
import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { unzipSync, zipSync } from 'fflate'
import { setActivePinia, createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { normalizeDeck, parseDeck } from '@/core/deck'
import { writeDeckPackage } from '@/core/deckPackage'
import { withPictures } from '@/core/pictures'
import { deleteDeck, getDeck, installDeck } from '@/storage/decks'
import { getPicture } from '@/storage/pictures'
import { db } from '@/storage/db'
import { useImporterStore } from '@/stores/importer'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'
import { stubOfflineFetch } from '../offline'
import { mountRoute, until, untilText } from './harness'

enableAutoUnmount(afterEach)

const red = makePicture([200, 0, 0], 24)
const blue = makePicture([0, 0, 200], 16)
const parsed = parseDeck(
  makeDeck({
    id: 'organs',
    title: 'Organs',
    cards: [
      withPictures(makeCard({ id: 'heart' }), 'prompt', [{ id: red.id, alt: 'A red square' }]),
      withPictures(makeCard({ id: 'lung' }), 'answer', [{ id: blue.id, alt: 'A blue square' }]),
    ],
  }),
)
if (!parsed.ok) throw new Error('fixture deck is invalid')
const DECK = parsed.value

const downloads: { name: string; blob: Blob }[] = []
beforeEach(async () => {
  stubOfflineFetch()
  downloads.length = 0
  let last: Blob | undefined
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    last = blob as Blob
    return 'blob:x'
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    downloads.push({ name: this.download, blob: last! })
  })
  await installDeck(DECK, 'user', NOW, [], undefined, [red, blue])
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

async function openDeck(): Promise<VueWrapper> {
  const { wrapper } = await mountRoute('/deck/organs')
  await until(() => wrapper.find('[data-testid="export-deck-file"]').exists(), 'the deck page')
  return wrapper
}

describe('DeckView with pictures', () => {
  it('exports the deck with its pictures as one zip that imports back the same', async () => {
    const wrapper = await openDeck()
    const button = wrapper.get('[data-testid="export-deck-file"]')
    expect(button.text()).toBe('Export deck file with pictures (.zip)')
    await button.trigger('click')
    await until(() => downloads.length === 1, 'the download')
    const { name, blob } = downloads[0]!
    expect(name).toBe('organs.deck.zip')
    expect(blob.type).toBe('application/zip')
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(
      ['deck.json', `pictures/${red.id}.png`, `pictures/${blue.id}.png`].sort(),
    )

    // on a device without the deck: the same deck, the same picture bytes
    wrapper.unmount()
    await deleteDeck('organs')
    expect(await getPicture(red.id)).toBeUndefined()
    setActivePinia(createPinia())
    const importer = useImporterStore()
    await importer.readBytes(bytes, { fileName: name })
    expect(importer.status).toBe('ready')
    expect(await importer.confirm(NOW)).toBe(true)
    expect(normalizeDeck((await getDeck('organs'))!.deck)).toEqual(normalizeDeck(DECK))
    for (const picture of [red, blue])
      expect([...(await getPicture(picture.id))!.bytes]).toEqual([...picture.bytes])
  })

  it('says a share link carries no pictures, and offers the file that does', async () => {
    const wrapper = await openDeck()
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Share link')!
      .trigger('click')
    await until(() => wrapper.find('[data-testid="link-pictures"]').exists(), 'the notice')
    expect(wrapper.get('[data-testid="link-pictures"]').text()).toContain(
      "The link doesn't carry the 2 pictures",
    )
    await wrapper.get('[data-testid="link-pictures-download"]').trigger('click')
    await until(() => downloads.length === 1, 'the download')
    expect(downloads[0]!.name).toBe('organs.deck.zip')
  })

  it('refuses the file, saying why, when a picture is not on this device', async () => {
    await (await db()).delete('pictures', blue.id)
    const wrapper = await openDeck()
    await wrapper.get('[data-testid="export-deck-file"]').trigger('click')
    await untilText(wrapper, '1 picture of this deck is not on this device')
    expect(downloads).toEqual([])
  })
})

describe('importing a deck with pictures', () => {
  it('stores nothing from a zip whose picture is missing, and says which card shows it', async () => {
    await deleteDeck('organs')
    const files = unzipSync(writeDeckPackage(DECK, [red, blue]))
    delete files[`pictures/${blue.id}.png`]
    const importer = useImporterStore(createPinia())
    await importer.readBytes(zipSync(files), { fileName: 'organs.deck.zip' })
    expect(importer.status).toBe('failed')
    expect(importer.issues.map((i) => i.message)).toEqual([
      `card "lung" (#2) shows the picture ${blue.id.slice(0, 12)}… (“A blue square”), which is not in organs.deck.zip`,
    ])
    expect(await importer.confirm(NOW)).toBe(false)
    expect(await getDeck('organs')).toBeUndefined()
    expect(await getPicture(red.id)).toBeUndefined()
  })
})
