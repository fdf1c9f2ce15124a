// The content rules of `npm run decks -- check`: each test plants one flaw the deck review found.
import { describe, expect, it } from 'vitest'
import type { Card, Deck } from '@/core/deck'
import { carriesYear, hasPlanWording, isPlannedEvent, isYearText, lintDeck } from '@/core/deckLint'
import { makeCard, makeDeck } from '../fixtures/decks'

const SOURCE = { title: 'An article', year: 2013 }

function deckOf(cards: Partial<Card>[], over: Partial<Deck> = {}): Deck {
  return makeDeck({
    source: SOURCE,
    cards: cards.map((c, i) => makeCard({ id: `c${i + 1}`, ...c } as Partial<Card>)),
    ...over,
  })
}

const messages = (deck: Deck) => lintDeck(deck).map((i) => `${i.cardId}/${i.field}: ${i.message}`)

describe('lintDeck', () => {
  it('passes a deck that keeps the rules', () => {
    const deck = deckOf([
      {
        type: 'numeric',
        kind: 'year',
        prompt: 'When were land-based SM-3s due in Romania?',
        answer: 2015,
        event: { label: 'Land-based SM-3s due in Romania', year: 2015 },
      } as Partial<Card>,
      {
        type: 'typed',
        kind: 'country',
        answers: ['Turkey'],
        event: { label: 'Radar deployed in Turkey', year: 2011 },
      },
    ])
    expect(lintDeck(deck)).toEqual([])
  })

  // review finding: "ALTBMD fully operational" (2018–2020) read as done on the timeline
  it('flags an event after the source was written whose label does not say it is a plan', () => {
    const deck = deckOf([
      {
        type: 'numeric',
        kind: 'year',
        prompt: 'When is ALTBMD to be fully operational?',
        answer: { min: 2018, max: 2020 },
        event: { label: 'ALTBMD fully operational', year: 2018, endYear: 2020 },
      } as Partial<Card>,
    ])
    expect(messages(deck)).toEqual([
      'c1/event.label: is dated 2020, after the source was written (2013): say it is a plan ("to be", "due", "planned")',
    ])
    const fixed = deckOf([
      {
        type: 'numeric',
        kind: 'year',
        prompt: 'When is ALTBMD to be fully operational?',
        answer: { min: 2018, max: 2020 },
        event: { label: 'ALTBMD to be fully operational', year: 2018, endYear: 2020 },
      } as Partial<Card>,
    ])
    expect(lintDeck(fixed)).toEqual([])
  })

  it('judges plans only when the deck says when its source was written', () => {
    const deck = deckOf([{ event: { label: 'ALTBMD fully operational', year: 2020 } }], {
      source: { title: 'Undated' },
    })
    expect(lintDeck(deck)).toEqual([])
  })

  it('flags an event label that names its year', () => {
    const deck = deckOf([
      { event: { label: 'Land-based SM-3s due in Poland by 2018', year: 2018 } },
    ])
    expect(messages(deck)).toEqual([
      'c1/event.label: names a year: the timeline and ordering questions show the date already',
    ])
  })

  // review finding: in "put these in order", past tense sorted the done steps before the plans
  it('flags an ordering card that mixes plans with things done, and items that name years', () => {
    const deck = deckOf([
      {
        type: 'ordering',
        kind: 'event',
        prompt: 'Put these in order.',
        items: [
          'Radar deployed in Turkey',
          'Cruisers to be based in Spain',
          'SM-3s due in Poland by 2018',
        ],
      } as Partial<Card>,
    ])
    expect(messages(deck)).toEqual([
      'c1/items: mix plans ("to be", "due") with things done: the tense gives the order away; order only plans or only past events',
      'c1/items[2]: names a year: the date gives the order away',
    ])
  })

  // review finding: a year asked with kind "other" drew sentences as its options
  it('flags a year answer whose kind is not "year", in every card type that has one answer', () => {
    const deck = deckOf([
      {
        type: 'numeric',
        kind: 'other',
        prompt: 'When?',
        answer: { min: 2011, max: 2014 },
      } as Partial<Card>,
      {
        type: 'single',
        kind: 'other',
        prompt: 'When?',
        answer: '2013',
        distractors: ['2003', '2008'],
      } as Partial<Card>,
      { type: 'typed', kind: 'number', prompt: 'When?', answers: ['2011'] },
      {
        type: 'cloze',
        kind: 'term',
        text: 'Between {{c1::2018}} and {{c2::2020}}.',
      } as Partial<Card>,
      { type: 'basic', kind: 'other', front: 'Radar in Turkey', back: '2011' } as Partial<Card>,
    ])
    expect(lintDeck(deck).map((i) => [i.cardId, i.field])).toEqual([
      ['c1', 'kind'],
      ['c2', 'kind'],
      ['c3', 'kind'],
      ['c4', 'kind'],
      ['c5', 'kind'],
    ])
  })

  it('leaves counts with a unit and answers that only mention a year alone', () => {
    const deck = deckOf([
      {
        type: 'numeric',
        kind: 'number',
        prompt: 'How many?',
        answer: 1500,
        unit: 'soldiers',
      } as Partial<Card>,
      { type: 'typed', kind: 'other', prompt: 'What?', answers: ['The 2011 radar'] },
      {
        type: 'cloze',
        kind: 'term',
        text: 'In 2010 NATO made it a {{c1::core}} task.',
      } as Partial<Card>,
    ])
    expect(lintDeck(deck)).toEqual([])
  })

  // review finding: "Land-based SM-3s to be deployed in Poland by 2018" was the only dated option
  it('flags a choice card whose right option alone carries a year', () => {
    const deck = deckOf([
      {
        type: 'single',
        kind: 'event',
        prompt: 'Which comes last?',
        answer: 'SM-3s due in Poland by 2018',
        distractors: ['SM-3s due in Romania', 'Cruisers to be based in Spain'],
      } as Partial<Card>,
      {
        type: 'multi',
        kind: 'event',
        prompt: 'Which were done?',
        answers: ['Radar in Turkey', 'Center in Germany'],
        distractors: ['SM-3s in Poland by 2018', 'SM-3s in Romania in 2015'],
      } as Partial<Card>,
      {
        type: 'single',
        kind: 'other',
        prompt: 'How is the operation described?',
        answer: 'Under way',
        distractors: ['A deployment planned for 2018', 'A finished exercise'],
      } as Partial<Card>,
    ])
    expect(messages(deck)).toEqual([
      'c1/answer: only the right option carries a year: date every option or none',
      'c2/distractors: only the wrong options carry a year: date every option or none',
    ])
  })

  it('lets every option carry a year', () => {
    const deck = deckOf([
      {
        type: 'single',
        kind: 'year',
        prompt: 'When?',
        answer: '2013',
        distractors: ['2003', '2019'],
      } as Partial<Card>,
    ])
    expect(lintDeck(deck)).toEqual([])
  })
})

describe('wording helpers', () => {
  it('recognizes plan wording', () => {
    for (const t of [
      'Cruisers to be based in Spain',
      'SM-3s due in Romania',
      'Planned site',
      'ALTBMD to become fully operational',
      'The UAE intends to buy THAAD',
    ])
      expect(hasPlanWording(t), t).toBe(true)
    for (const t of [
      'Radar deployed in Turkey',
      'NATO makes missile defense a core task',
      'Dueling claims',
    ])
      expect(hasPlanWording(t), t).toBe(false)
  })

  it('takes an event as a plan by its wording or by its date after the source', () => {
    expect(isPlannedEvent({ label: 'Cruisers to be based in Spain', year: 2014 })).toBe(true)
    expect(isPlannedEvent({ label: 'ALTBMD operational', year: 2018, endYear: 2020 }, 2013)).toBe(
      true,
    )
    expect(isPlannedEvent({ label: 'ALTBMD operational', year: 2012, endYear: 2014 }, 2013)).toBe(
      true,
    )
    expect(isPlannedEvent({ label: 'Radar deployed in Turkey', year: 2011 }, 2013)).toBe(false)
    expect(isPlannedEvent({ label: 'Radar deployed in Turkey', year: 2011 })).toBe(false)
  })

  it('finds years in text and text that is only a year', () => {
    expect(carriesYear('Poland by 2018')).toBe(true)
    expect(carriesYear('30 countries')).toBe(false)
    expect(carriesYear('AN/TPY-2 radar')).toBe(false)
    expect(isYearText('2018–2020')).toBe(true)
    expect(isYearText('c. 2013')).toBe(true)
    expect(isYearText('by 2018 in Poland')).toBe(false)
  })
})
