import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import DeckCardList from '@/components/editor/DeckCardList.vue'
import type { Card, DeckIssue } from '@/core/deck'
import { makeCard } from '../fixtures/decks'

const cards: Card[] = [
  makeCard({ id: 'sm3', prompt: 'Which interceptor flies from Deveselu?', answers: ['SM-3'] }),
  makeCard({ id: 'thaad', prompt: 'What does THAAD defend?', answers: ['Terminal phase'] }),
  makeCard({ id: 'radar', prompt: 'Where is the forward radar?', tags: ['turkey'] }),
]
const none = cards.map((): DeckIssue[] => [])
const body = ({ card, index }: { card: Card; index: number }) =>
  h('input', { 'data-field': 'prompt', 'data-testid': `body-${card.id}`, value: index })

let wrapper: ReturnType<typeof mountList> | undefined
function mountList(list: readonly Card[] = cards, issues: readonly DeckIssue[][] = none) {
  return mount(DeckCardList, {
    props: { cards: list, issues },
    slots: { body },
    attachTo: document.body,
  })
}
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

const shownIds = (w: ReturnType<typeof mountList>) =>
  w.findAll('[data-card-index]').map((row) => cards[Number(row.attributes('data-card-index'))]!.id)

describe('DeckCardList', () => {
  it('filters by words, ids and tags, and says how many match', async () => {
    wrapper = mountList()
    expect(shownIds(wrapper)).toEqual(['sm3', 'thaad', 'radar'])
    await wrapper.get('#card-search').setValue('deveselu')
    expect(shownIds(wrapper)).toEqual(['sm3'])
    expect(wrapper.get('[data-testid="cards-shown"]').text()).toBe('1 of 3 cards shown.')
    await wrapper.get('#card-search').setValue('THAAD')
    expect(shownIds(wrapper)).toEqual(['thaad'])
    await wrapper.get('#card-search').setValue('turk')
    expect(shownIds(wrapper)).toEqual(['radar'])
    await wrapper.get('#card-search').setValue('patriot')
    expect(shownIds(wrapper)).toEqual([])
    expect(wrapper.text()).toContain('No card matches.')
  })

  it('shows only the cards with problems when asked, with their problems listed', async () => {
    const issues = [[], [{ cardIndex: 2, field: 'prompt', message: 'must not be empty' }], []]
    wrapper = mountList(cards, issues)
    await wrapper.get('input[type="checkbox"]').setValue(true)
    expect(shownIds(wrapper)).toEqual(['thaad'])
    const row = wrapper.get('[data-card-index="1"]')
    expect(row.classes()).toContain('bad')
    expect(row.text()).toContain('1 problem')
    expect(row.get('.issues').text()).toBe('Question must not be empty')
  })

  it('shows a page of cards and pages on with Show more', async () => {
    const many = Array.from({ length: 260 }, (_, i) => makeCard({ id: `c${i}` }))
    wrapper = mountList(
      many,
      many.map(() => []),
    )
    expect(wrapper.findAll('[data-card-index]')).toHaveLength(50)
    const more = wrapper.get('[data-testid="show-more-cards"]')
    expect(more.text()).toBe('Show more (210 left)')
    await more.trigger('click')
    expect(wrapper.findAll('[data-card-index]')).toHaveLength(250)
    expect(wrapper.get('[data-testid="show-more-cards"]').text()).toBe('Show more (10 left)')
    await wrapper.get('[data-testid="show-more-cards"]').trigger('click')
    expect(wrapper.findAll('[data-card-index]')).toHaveLength(260)
    expect(wrapper.text()).not.toContain('Show more')
  })

  it('emits add with the chosen type, and move, duplicate and remove with the card index', async () => {
    wrapper = mountList()
    await wrapper.get('#new-card-type').setValue('cloze')
    await wrapper.get('[data-testid="add-card"]').trigger('click')
    await wrapper.get('[aria-label="Move card 2 up"]').trigger('click')
    await wrapper.get('[aria-label="Move card 2 down"]').trigger('click')
    await wrapper.get('[aria-label="Duplicate card 3"]').trigger('click')
    await wrapper.get('[aria-label="Delete card 1"]').trigger('click')
    expect(wrapper.emitted('add')).toEqual([['cloze']])
    expect(wrapper.emitted('move')).toEqual([
      [1, -1],
      [1, 1],
    ])
    expect(wrapper.emitted('duplicate')).toEqual([[2]])
    expect(wrapper.emitted('remove')).toEqual([[0]])
    // the first card cannot move up, the last cannot move down
    expect(wrapper.get('[aria-label="Move card 1 up"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[aria-label="Move card 3 down"]').attributes('disabled')).toBeDefined()
  })

  it('opens a card into its body slot and closes it again', async () => {
    wrapper = mountList()
    const toggle = wrapper.get('[data-card-index="1"] .toggle')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(
      wrapper.get<HTMLInputElement>('#card-body-1 [data-testid="body-thaad"]').element.value,
    ).toBe('1')
    await toggle.trigger('click')
    expect(wrapper.find('#card-body-1').exists()).toBe(false)
  })

  it('reveal opens a card hidden by the search, clears the search and focuses the field', async () => {
    wrapper = mountList()
    await wrapper.get('#card-search').setValue('deveselu')
    await wrapper.vm.reveal(2, 'prompt')
    await flushPromises()
    expect(shownIds(wrapper)).toEqual(['sm3', 'thaad', 'radar'])
    expect(wrapper.get<HTMLInputElement>('#card-search').element.value).toBe('')
    expect(document.activeElement).toBe(wrapper.get('[data-testid="body-radar"]').element)
  })

  it('reveal pages on to a card beyond the first page', async () => {
    const many = Array.from({ length: 80 }, (_, i) => makeCard({ id: `c${i}` }))
    wrapper = mountList(
      many,
      many.map(() => []),
    )
    await wrapper.vm.reveal(70)
    expect(wrapper.findAll('[data-card-index]')).toHaveLength(71)
    expect(document.activeElement).toBe(wrapper.get('[data-testid="body-c70"]').element)
  })
})
