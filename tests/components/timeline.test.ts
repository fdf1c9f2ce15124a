import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { h } from 'vue'
import TimelineChart from '@/components/timeline/TimelineChart.vue'
import type { TimelineEvent } from '@/core/timeline'

const EVENTS: TimelineEvent[] = [
  {
    id: '2010-nato-core-task',
    label: 'NATO makes missile defense a core task',
    year: 2010,
    paragraphs: [10],
    cards: [{ deckId: 'eu', cardId: 'nato-year', text: 'When did NATO decide? → 2010' }],
  },
  {
    id: '2011-radar-turkey',
    label: 'AN/TPY-2 radar deployed in Turkey',
    year: 2011,
    paragraphs: [9],
    cards: [
      { deckId: 'eu', cardId: 'radar-map', text: 'Where is the radar? → TUR' },
      { deckId: 'eu', cardId: 'radar-year', text: 'When was the radar deployed? → 2011' },
    ],
  },
  {
    id: '2018-2020-altbmd',
    label: 'ALTBMD fully operational',
    year: 2018,
    endYear: 2020,
    paragraphs: [10],
    cards: [
      { deckId: 'nato', cardId: 'altbmd', text: 'When is ALTBMD fully operational? → 2018–2020' },
    ],
  },
]

describe('TimelineChart', () => {
  it('shows every event with its years, in order, as an ordered list', () => {
    const w = mount(TimelineChart, { props: { events: EVENTS } })
    const items = w.findAll('ol > li')
    expect(items).toHaveLength(3)
    expect(items.map((li) => li.get('[data-testid="event-years"]').text())).toEqual([
      '2010',
      '2011',
      '2018–2020',
    ])
    EVENTS.forEach((event, i) => {
      expect(items[i]!.get('h2').text()).toContain(event.label)
      for (const card of event.cards) expect(items[i]!.text()).toContain(card.text)
    })
  })

  it('shows a span as a range of two machine-readable years', () => {
    const w = mount(TimelineChart, { props: { events: EVENTS } })
    const span = w.get('[data-event="2018-2020-altbmd"]')
    expect(span.findAll('time').map((t) => t.attributes('datetime'))).toEqual(['2018', '2020'])
    expect(span.get('h2').text()).toContain('2018–2020')
  })

  it('emits select with the event and card when a card is clicked', async () => {
    const w = mount(TimelineChart, { props: { events: EVENTS } })
    const buttons = w.get('[data-event="2011-radar-turkey"]').findAll('button')
    expect(buttons.map((b) => b.text())).toEqual(EVENTS[1]!.cards.map((c) => c.text))
    await buttons[1]!.trigger('click')
    expect(w.emitted('select')).toEqual([['2011-radar-turkey', EVENTS[1]!.cards[1]]])
  })

  it('renders cards and actions through slots when given', () => {
    const w = mount(TimelineChart, {
      props: { events: EVENTS, headingLevel: 3 },
      slots: {
        card: ({ card }: { card: TimelineEvent['cards'][number] }) =>
          h('a', { href: `/deck/${card.deckId}`, class: 'timeline__card' }, card.text),
        actions: ({ event }: { event: TimelineEvent }) =>
          h('button', { type: 'button' }, `Practise ${event.label}`),
      },
    })
    expect(w.findAll('a').map((a) => a.attributes('href'))).toEqual([
      '/deck/eu',
      '/deck/eu',
      '/deck/eu',
      '/deck/nato',
    ])
    expect(w.findAll('h3')).toHaveLength(3)
    expect(w.findAll('button').map((b) => b.text())).toEqual(
      EVENTS.map((e) => `Practise ${e.label}`),
    )
  })

  it('says so when there are no events', () => {
    const w = mount(TimelineChart, { props: { events: [], emptyText: 'Nothing dated' } })
    expect(w.find('ol').exists()).toBe(false)
    expect(w.get('[data-testid="timeline-empty"]').text()).toBe('Nothing dated')
  })
})
