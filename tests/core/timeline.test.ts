import { describe, expect, it } from 'vitest'
import { hasPlanWording } from '@/core/deckLint'
import { formatIssue, parseDeck, type Card, type Deck } from '@/core/deck'
import { eventYears, timelineEvents } from '@/core/timeline'
import { makeCard, makeDeck } from '../fixtures/decks'

const files = import.meta.glob<unknown>(['/decks/*.json', '!/decks/deck.schema.json'], {
  eager: true,
  import: 'default',
})

function shippedDecks(): Deck[] {
  return Object.entries(files).map(([path, raw]) => {
    const result = parseDeck(raw)
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
    return result.value
  })
}

const dated = (id: string, event: Card['event'], overrides: Partial<Card> = {}) =>
  makeCard({ id, event, ...overrides })

describe('timelineEvents from the shipped decks', () => {
  const decks = shippedDecks()
  const events = timelineEvents(decks)

  it("includes the article's dated events, 2010 to the 2018–2020 span", () => {
    const years = events.map(eventYears)
    for (const year of ['2010', '2011', '2014', '2015', '2018', '2018–2020'])
      expect(years).toContain(year)
    expect(events.find((e) => e.year === 2010)?.label).toMatch(/NATO/)
    expect(events.filter((e) => e.year === 2011).map((e) => e.label)).toEqual([
      'AN/TPY-2 radar deployed in Turkey',
      'U.S. command and control center built in Germany',
    ])
    expect(events.find((e) => e.endYear === 2020)).toMatchObject({
      label: 'ALTBMD to be fully operational',
      year: 2018,
    })
  })

  // review finding: "ALTBMD fully operational" (2018–2020) read as done, though the article,
  // written about 2013, only expects it
  it('words every event after the article was written as a plan', () => {
    const later = events.filter((e) => (e.endYear ?? e.year) > 2013)
    expect(later.length).toBeGreaterThanOrEqual(4)
    for (const e of later) expect(hasPlanWording(e.label), e.label).toBe(true)
  })

  it('sorts by year, then end year, then label', () => {
    const keys = events.map((e) => [e.year, e.endYear ?? e.year, e.label] as const)
    const sorted = [...keys].sort(
      (a, b) => a[0] - b[0] || a[1] - b[1] || a[2].localeCompare(b[2], 'en'),
    )
    expect(keys).toEqual(sorted)
    // "by 2018" (Poland) comes before the span that starts in 2018
    expect(events.map(eventYears).slice(-2)).toEqual(['2018', '2018–2020'])
  })

  it('links every dated card exactly once, to its deck', () => {
    const datedCards = decks.flatMap((d) =>
      d.cards.filter((c) => c.event).map((c) => `${d.id}/${c.id}`),
    )
    const linked = events.flatMap((e) => e.cards.map((c) => `${c.deckId}/${c.cardId}`))
    expect(linked.sort()).toEqual(datedCards.sort())
    expect(new Set(linked).size).toBe(linked.length)
    const spain = events.find((e) => e.year === 2014)!
    expect(spain.cards.map((c) => c.cardId)).toEqual([
      'eu-spain-ships-map',
      'eu-spain-ships-year',
      'eu-spain-ships-what',
      'eu-spain-ships-typed',
    ])
    expect(spain.cards.every((c) => c.deckId === 'bmd-europe-and-nato' && c.text.length > 0)).toBe(
      true,
    )
  })

  it('makes one event per fact, with unique ids', () => {
    const facts = new Set(
      decks.flatMap((d) => d.cards.filter((c) => c.event).map((c) => `${d.id}/${c.fact ?? c.id}`)),
    )
    expect(events).toHaveLength(facts.size)
    const labels = events.map((e) => `${eventYears(e)} ${e.label}`)
    expect(new Set(labels).size).toBe(labels.length)
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length)
    expect(events.find((e) => e.endYear === 2020)?.paragraphs).toEqual([10])
  })
})

describe('timelineEvents', () => {
  it('merges cards that share a label and years across decks, and keeps apart other years', () => {
    const a = makeDeck({
      id: 'a',
      cards: [dated('x', { label: 'Radar in Turkey', year: 2011 }, { paragraphs: [9] })],
    })
    const b = makeDeck({
      id: 'b',
      cards: [
        dated('y', { label: 'radar in  turkey', year: 2011 }, { paragraphs: [3, 9] }),
        dated('z', { label: 'Radar in Turkey', year: 2012 }),
      ],
    })
    const events = timelineEvents([a, b])
    expect(events.map((e) => [e.year, e.cards.map((c) => `${c.deckId}/${c.cardId}`)])).toEqual([
      [2011, ['a/x', 'b/y']],
      [2012, ['b/z']],
    ])
    expect(events[0]).toMatchObject({ label: 'Radar in Turkey', paragraphs: [3, 9] })
  })

  it('merges cards of one fact even when their labels are worded differently', () => {
    const deck = makeDeck({
      cards: [
        dated('one', { label: 'Ships based in Spain', year: 2014 }, { fact: 'spain' }),
        dated('two', { label: 'Cruisers to Rota', year: 2014 }, { fact: 'spain' }),
        dated('three', { label: 'Cruisers to Rota', year: 2014 }),
      ],
    })
    const events = timelineEvents([deck])
    expect(events).toHaveLength(1)
    expect(events[0]!.label).toBe('Ships based in Spain')
    expect(events[0]!.cards.map((c) => c.cardId)).toEqual(['one', 'two', 'three'])
  })

  it('lists a card once when its deck is passed twice, and skips undated cards', () => {
    const deck = makeDeck({
      cards: [dated('x', { label: 'Decision', year: 2010 }), makeCard({ id: 'plain' })],
    })
    const events = timelineEvents([deck, deck])
    expect(events).toHaveLength(1)
    expect(events[0]!.cards).toHaveLength(1)
  })

  it('treats a span that ends in its first year as that year', () => {
    const deck = makeDeck({
      cards: [dated('x', { label: 'Same year', year: 2015, endYear: 2015 })],
    })
    const [event] = timelineEvents([deck])
    expect(event!.endYear).toBeUndefined()
    expect(eventYears(event!)).toBe('2015')
  })

  it('returns nothing for decks without dated cards', () => {
    expect(timelineEvents([makeDeck()])).toEqual([])
  })
})
