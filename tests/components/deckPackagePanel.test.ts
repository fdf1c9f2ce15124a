// A deck with pictures from the deck page's export panel: one zip of the deck file and its
// pictures, downloaded; read back by the importer, it installs the same deck with the same bytes.
import { flushPromises, mount } from '@vue/test-utils'
import { unzipSync } from 'fflate'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import DeckExportPanel from '@/components/library/DeckExportPanel.vue'
import { providePictureSource, type PictureSource } from '@/composables/usePictureUrl'
import { normalizeDeck, parseDeck } from '@/core/deck'
import { withPictures } from '@/core/pictures'
import { getDeck } from '@/storage/decks'
import { getPicture } from '@/storage/pictures'
import { useImporterStore } from '@/stores/importer'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'

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

function mountPanel(source: PictureSource) {
  return mount(
    defineComponent({
      setup() {
        providePictureSource(source)
        return () => h(DeckExportPanel, { deck: DECK })
      },
    }),
  )
}

const downloads: { name: string; blob: Blob }[] = []
beforeEach(() => {
  setActivePinia(createPinia())
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
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline in tests')))
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('DeckExportPanel with pictures', () => {
  it('downloads the deck with its pictures as one zip that imports back the same', async () => {
    const wrapper = mountPanel(async (id) => [red, blue].find((p) => p.id === id))
    const button = wrapper.get('[data-testid="download-deck-package"]')
    expect(button.text()).toBe('Export deck file with its 2 pictures (.zip)')
    await button.trigger('click')
    await vi.waitFor(() => expect(downloads).toHaveLength(1))
    const { name, blob } = downloads[0]!
    expect(name).toBe('organs.deck.zip')
    expect(blob.type).toBe('application/zip')
    const bytes = new Uint8Array(await blob.arrayBuffer())
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(
      ['deck.json', `pictures/${red.id}.png`, `pictures/${blue.id}.png`].sort(),
    )

    const importer = useImporterStore()
    await importer.readBytes(bytes, { fileName: name })
    expect(importer.status).toBe('ready')
    expect(await importer.confirm(NOW)).toBe(true)
    expect(normalizeDeck((await getDeck('organs'))!.deck)).toEqual(normalizeDeck(DECK))
    for (const picture of [red, blue])
      expect([...(await getPicture(picture.id))!.bytes]).toEqual([...picture.bytes])
  })

  it('says so, and downloads nothing, when a picture is not on this device', async () => {
    const wrapper = mountPanel(async (id) => (id === red.id ? red : undefined))
    await wrapper.get('[data-testid="download-deck-package"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(wrapper.find('[role="alert"]').exists()).toBe(true))
    expect(wrapper.get('[role="alert"]').text()).toBe(
      '1 picture of this deck is not on this device, so the file cannot carry it: export it from the device the deck was made on.',
    )
    expect(downloads).toEqual([])
  })

  it('tells that another format leaves the pictures out', async () => {
    const wrapper = mountPanel(async () => undefined)
    await wrapper.get('#export-format').setValue('gift')
    expect(wrapper.get('[data-testid="export-report"]').text()).toContain(
      "This export leaves out the deck's 2 pictures",
    )
  })

  it('imports nothing from a zip whose picture is missing, and says which card shows it', async () => {
    const { writeDeckPackage } = await import('@/core/deckPackage')
    const zip = writeDeckPackage(DECK, [red, blue])
    const { zipSync } = await import('fflate')
    const files = unzipSync(zip)
    delete files[`pictures/${blue.id}.png`]
    const importer = useImporterStore()
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
