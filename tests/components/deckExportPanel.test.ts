import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import DeckExportPanel from '@/components/library/DeckExportPanel.vue'
import type { Card } from '@/core/deck'
import { makeDeck } from '../fixtures/decks'

const deck = makeDeck({
  cards: [
    {
      id: 's',
      type: 'single',
      kind: 'place',
      prompt: 'Site in Romania?',
      answer: 'Deveselu',
      distractors: ['Redzikowo'],
      paragraphs: [],
      tags: [],
    },
    {
      id: 'o1',
      type: 'ordering',
      kind: 'event',
      prompt: 'Order',
      items: ['a', 'b'],
      paragraphs: [],
      tags: [],
    },
    {
      id: 'o2',
      type: 'ordering',
      kind: 'event',
      prompt: 'Order',
      items: ['c', 'd'],
      paragraphs: [],
      tags: [],
    },
  ] as Card[],
})

describe('DeckExportPanel', () => {
  it('says what the chosen format cannot hold before the download', async () => {
    const wrapper = mount(DeckExportPanel, { props: { deck } })
    await wrapper.get('#export-format').setValue('aiken')
    expect(wrapper.get('[data-testid="export-report"]').text()).toContain(
      "2 ordering cards can't be expressed in Moodle Aiken",
    )
    expect(wrapper.get('[data-testid="export-download"]').text()).toBe('Download 1 question')
  })

  it('downloads the file named for the deck and format', async () => {
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:x'
    })
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const wrapper = mount(DeckExportPanel, { props: { deck } })
    await wrapper.get('#export-format').setValue('qti')
    await wrapper.get('[data-testid="export-download"]').trigger('click')
    expect(click).toHaveBeenCalledOnce()
    expect(created[0]!.type).toBe('application/zip')
    vi.restoreAllMocks()
  })
})
