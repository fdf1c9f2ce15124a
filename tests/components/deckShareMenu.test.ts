import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import DeckShareMenu from '@/components/library/DeckShareMenu.vue'
import { decodeDeckLink } from '@/core/share'
import { makeCard, makeDeck } from '../fixtures/decks'

const deck = makeDeck({ id: 'gulf', title: 'Gulf systems', cards: [makeCard({ id: 'a' })] })

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

/** Catches downloads: the name and text of each file offered. */
function catchDownloads() {
  const files: { name: string; blob: Blob }[] = []
  let blob: Blob | undefined
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    blob = b as Blob
    return 'blob:x'
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    files.push({ name: this.download, blob: blob! })
  })
  return files
}

const buttonNamed = (w: ReturnType<typeof mount>, name: string) =>
  w.findAll('button').find((b) => b.text() === name)!

describe('DeckShareMenu', () => {
  it('offers nothing while the deck has problems, and says why', () => {
    const wrapper = mount(DeckShareMenu, { props: { deck: null, fileBase: 'deck' } })
    expect(wrapper.text()).toContain('once it has no problems')
    for (const b of wrapper.findAll('button')) expect(b.attributes('disabled')).toBeDefined()
  })

  it('downloads the deck file and the Anki file under the given name', async () => {
    const files = catchDownloads()
    const wrapper = mount(DeckShareMenu, { props: { deck, fileBase: 'gulf' } })
    await buttonNamed(wrapper, 'Export deck file').trigger('click')
    await vi.waitFor(() => expect(files).toHaveLength(1))
    await buttonNamed(wrapper, 'Export for Anki').trigger('click')
    await vi.waitFor(() => expect(files).toHaveLength(2))
    expect(files.map((f) => f.name)).toEqual(['gulf.json', 'gulf.txt'])
    expect(JSON.parse(await files[0]!.blob.text())).toMatchObject({ id: 'gulf' })
    expect(files[1]!.blob.type).toBe('text/tab-separated-values')
  })

  it('makes a link that carries the deck, copies it, and drops it when the deck changes', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const wrapper = mount(DeckShareMenu, { props: { deck, fileBase: 'gulf' } })
    await wrapper.get('[data-testid="share-link"]').trigger('click')
    await vi.waitFor(() => expect(wrapper.find('[data-testid="share-url"]').exists()).toBe(true))
    const url = wrapper.get<HTMLInputElement>('[data-testid="share-url"]').element.value
    const linked = decodeDeckLink(url)
    expect(linked.ok && linked.value.title).toBe('Gulf systems')
    await buttonNamed(wrapper, 'Copy link').trigger('click')
    await flushPromises()
    expect(writeText).toHaveBeenCalledWith(url)
    expect(wrapper.get('[role="status"]').text()).toBe('Link copied.')
    await wrapper.setProps({ deck: { ...deck, title: 'Gulf systems, edited' } })
    expect(wrapper.find('[data-testid="share-url"]').exists()).toBe(false)
  })

  it('offers the file instead when the deck is too large for a link', async () => {
    const files = catchDownloads()
    // text that compresses badly, so the link outgrows its limit
    let seed = 7
    const noise = () =>
      Array.from({ length: 400 }, () => {
        seed = (seed * 48271) % 2147483647
        return String.fromCharCode(97 + (seed % 26))
      }).join('')
    const big = makeDeck({
      id: 'big',
      cards: Array.from({ length: 60 }, (_, i) => makeCard({ id: `c${i}`, prompt: noise() })),
    })
    const wrapper = mount(DeckShareMenu, { props: { deck: big, fileBase: 'big' } })
    await wrapper.get('[data-testid="share-link"]').trigger('click')
    await vi.waitFor(() =>
      expect(wrapper.find('[data-testid="share-too-large"]').exists()).toBe(true),
    )
    expect(wrapper.get('[data-testid="share-too-large"]').text()).toMatch(
      /too large for a link \([\d,]+ characters; a link holds at most 16,000\)/,
    )
    await buttonNamed(wrapper, 'Download the deck file').trigger('click')
    await vi.waitFor(() => expect(files.map((f) => f.name)).toEqual(['big.json']))
  })
})
