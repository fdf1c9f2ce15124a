import { flushPromises, mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import DeckEditorFormCardRow from '@/components/editor/DeckEditorFormCardRow.vue'
import type { Card } from '@/core/deck'

const card = (answers: string[], region: string): Card =>
  ({
    id: 'host',
    type: 'map',
    kind: 'country',
    prompt: 'Tap the country that co-developed the SM-3 Block IIA with the United States.',
    answers,
    region,
    paragraphs: [7],
    tags: [],
  }) as Card

/** Waits for the lazily loaded map data to answer. */
async function settled() {
  await import('@/components/map/mapData')
  await flushPromises()
}

describe('DeckEditorFormCardRow, map card', () => {
  it('says which right countries the chosen map does not show', async () => {
    const w = mount(DeckEditorFormCardRow, { props: { card: card(['JPN', 'POL'], 'europe') } })
    await vi.waitFor(() => expect(w.find('[data-testid="off-map"]').exists()).toBe(true), {
      timeout: 10_000,
    })
    expect(w.get('[data-testid="off-map"]').text()).toMatch(
      /^The Europe map does not show Japan: choose a region that does/,
    )
    await w.setProps({ card: card(['JPN'], 'asia-pacific') })
    await settled()
    expect(w.find('[data-testid="off-map"]').exists()).toBe(false)
  })
})
