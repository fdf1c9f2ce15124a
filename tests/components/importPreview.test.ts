import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ImportPreview from '@/components/editor/ImportPreview.vue'
import type { Card } from '@/core/deck'
import { planImport } from '@/core/deckDiff'
import { makeCard, makeDeck } from '../fixtures/decks'

describe('ImportPreview', () => {
  const [a, b, c] = ['a', 'b', 'c'].map((id) => makeCard({ id }))
  const installed = (cards = [a!, b!, c!]) => [
    { id: 'd', origin: 'user' as const, deck: makeDeck({ id: 'd', title: 'Mine', cards }) },
  ]

  // regression: an import that only reordered the cards said "nothing changes"
  it('says how many cards an update moves when it only reorders them', () => {
    const next = makeDeck({ id: 'd', title: 'Mine', cards: [b!, c!, a!] })
    const w = mount(ImportPreview, { props: { plan: planImport(next, installed()) } })
    const effect = w.get('[data-testid="import-effect"]').text()
    expect(effect).not.toContain('nothing changes')
    expect(effect).toContain('moves 1 card to a new place in the deck')
  })

  it('says nothing changes when the deck is the same', () => {
    const next = makeDeck({ id: 'd', title: 'Mine', cards: [a!, b!, c!] })
    const w = mount(ImportPreview, { props: { plan: planImport(next, installed()) } })
    expect(w.get('[data-testid="import-effect"]').text()).toContain('nothing changes')
  })

  // regression: the preview showed a cloze card with its blanks filled in, invisible
  it('marks the blanks of a cloze card', () => {
    const cloze = makeCard({
      id: 'z',
      type: 'cloze',
      text: 'GMD sites are in {{c1::Alaska}}.',
    } as Partial<Card>)
    const w = mount(ImportPreview, {
      props: { plan: planImport(makeDeck({ id: 'n', cards: [cloze] }), []) },
    })
    const blank = w.get('[data-testid="cloze-blank"]')
    expect(blank.element.tagName).toBe('MARK')
    expect(blank.text()).toBe('[blank: Alaska]')
    expect(w.get('.cards li').text()).toContain('GMD sites are in [blank: Alaska].')
  })
})
