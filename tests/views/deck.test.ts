import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import { installDeck } from '@/storage/decks'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { mountRoute, until, untilText } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

// More cards than the deck page lists at first (100), with a dated one far down the list.
const cards: Card[] = Array.from({ length: 150 }, (_, i) =>
  makeCard({ id: `c${i}`, prompt: `Question number ${i}?`, answers: [`Answer ${i}`] }),
)
cards[140] = makeCard({
  id: 'c140',
  prompt: 'Where did the radar deploy in 2011?',
  answers: ['Turkey'],
  event: { label: 'Radar in Turkey', year: 2011 },
} as Partial<Card>)
const DECK = makeDeck({ id: 'big', title: 'Big deck', cards })

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('DeckView linked to one card', () => {
  it('lists the card even beyond the first page, and focuses it', async () => {
    const { wrapper: w } = await mountRoute('/deck/big?card=c140')
    await until(() => w.find('#card-c140').exists(), 'the linked card')
    await until(() => document.activeElement?.id === 'card-c140', 'focus on the linked card')
    expect(w.get('#card-c140').classes()).toContain('target')
    expect(w.get('#card-c140').text()).toContain('Where did the radar deploy in 2011?')
  })
})

describe('DeckView card list', () => {
  it('names the countries of a map card and gives no due date to a card never studied', async () => {
    await installDeck(
      makeDeck({
        id: 'maps',
        cards: [
          makeCard({
            id: 'radar',
            type: 'map',
            prompt: 'Tap the host of the 2011 radar.',
            answers: ['TUR'],
            region: 'europe',
          } as Partial<Card>),
        ],
      }),
      'user',
      NOW,
    )
    const { wrapper: w } = await mountRoute('/deck/maps')
    await until(() => w.find('#card-radar').exists(), 'the card list')
    expect(w.get('#card-radar .text').text()).toBe('Tap the host of the 2011 radar. → Turkey')
    expect(w.get('#card-radar').text()).toContain('New')
    expect(w.get('#card-radar').text()).not.toContain('Due')
  })

  // regression: a cloze card was listed with its blanks filled in and unmarked
  it('marks where a cloze card’s blanks are', async () => {
    await installDeck(
      makeDeck({
        id: 'gaps',
        cards: [
          makeCard({
            id: 'aegis',
            type: 'cloze',
            text: '{{c1::Aegis}} ships carry {{c2::SM-3}} interceptors.',
          } as Partial<Card>),
        ],
      }),
      'user',
      NOW,
    )
    const { wrapper: w } = await mountRoute('/deck/gaps')
    await until(() => w.find('#card-aegis').exists(), 'the card list')
    const blanks = w.findAll('#card-aegis [data-testid="cloze-blank"]')
    expect(blanks.map((b) => b.element.tagName)).toEqual(['MARK', 'MARK'])
    expect(blanks.map((b) => b.text())).toEqual(['[blank: Aegis]', '[blank: SM-3]'])
    expect(w.get('#card-aegis .text').text()).toBe(
      '[blank: Aegis] ships carry [blank: SM-3] interceptors.',
    )
  })
})

describe('DeckView export for another app', () => {
  // The panel brings the deck schema, Papa Parse and fflate: loading them with the page delayed
  // its first paint, so the panel mounts only when its section is opened.
  it('mounts the export panel only once its section is opened', async () => {
    const { wrapper: w } = await mountRoute('/deck/big')
    await until(() => w.find('#card-c0').exists(), 'the card list')
    // time enough for a lazily loaded component to arrive (the test below waits as long for it)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(w.find('[data-testid="export-panel"]').exists()).toBe(false)
    const details = w.get<HTMLDetailsElement>('[data-testid="deck-export-toggle"]')
    details.element.open = true
    await details.trigger('toggle')
    await until(() => w.find('[data-testid="export-panel"]').exists(), 'the export panel')
    expect(w.get('[data-testid="export-download"]').text()).toMatch(/^Download \d+ questions?$/)
  })
})

describe('TimelineView', () => {
  it('links each event to its card on the deck page', async () => {
    const { wrapper: w } = await mountRoute('/timeline')
    await untilText(w, 'Radar in Turkey')
    const link = w.get('[data-testid="timeline-card-link"]')
    expect(link.attributes('href')).toBe('/deck/big?card=c140')
  })
})
