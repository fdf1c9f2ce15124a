import { describe, expect, it } from 'vitest'
import { CARD_TYPES, parseCard, parseDeck, type Card } from '@/core/deck'
import {
  answerChanged,
  changedAnswerIds,
  countByType,
  deckDiff,
  isEmptyDiff,
  planImport,
} from '@/core/deckDiff'
import {
  convertCard,
  createDeckValidator,
  deckForSave,
  draftKey,
  duplicateCardAt,
  duplicateDeck,
  emptyCard,
  moveCard,
} from '@/core/deckEdit'
import { newCardId, newDeckId } from '@/core/ids'
import {
  cardFromSource,
  clipAround,
  findSpan,
  sentenceAround,
  splitParagraphs,
  wrapCloze,
} from '@/core/sourceCards'
import { makeCard, makeDeck } from '../fixtures/decks'

const a = makeCard({ id: 'a' })
const b = makeCard({ id: 'b', answers: ['Poland'] })
const c = makeCard({ id: 'c', answers: ['Spain'] })

describe('deckDiff', () => {
  it('counts every card as added when there is no installed deck', () => {
    const diff = deckDiff(undefined, makeDeck({ cards: [a, b] }))
    expect(diff).toMatchObject({
      added: ['a', 'b'],
      changed: [],
      removed: [],
      unchanged: 0,
      metadataChanged: [],
    })
  })

  it('finds added, changed and removed cards by id and changed deck fields', () => {
    const old = makeDeck({ cards: [a, b] })
    const next = makeDeck({ title: 'Renamed', cards: [{ ...a, prompt: 'Reworded?' } as Card, c] })
    const diff = deckDiff(old, next)
    expect(diff).toMatchObject({
      added: ['c'],
      changed: ['a'],
      removed: ['b'],
      unchanged: 0,
      metadataChanged: ['title'],
    })
    expect(isEmptyDiff(diff)).toBe(false)
  })

  it('sees no change when only the key order of a card differs', () => {
    const shuffled = Object.fromEntries(Object.entries(a).reverse()) as Card
    const diff = deckDiff(makeDeck({ cards: [a] }), makeDeck({ cards: [shuffled] }))
    expect(diff.unchanged).toBe(1)
    expect(isEmptyDiff(diff)).toBe(true)
  })

  it('notices cards that only moved', () => {
    const diff = deckDiff(makeDeck({ cards: [a, b] }), makeDeck({ cards: [b, a] }))
    expect(diff.reordered).toBe(true)
    expect(diff.changed).toEqual([])
    expect(diff.moved).toBe(1)
  })

  it('counts the fewest cards that moved, not every card that shifted', () => {
    const d = makeCard({ id: 'd' })
    const diff = deckDiff(makeDeck({ cards: [a, b, c, d] }), makeDeck({ cards: [b, c, d, a] }))
    expect(diff.moved).toBe(1)
    expect(deckDiff(makeDeck({ cards: [a, b] }), makeDeck({ cards: [a, b] })).moved).toBe(0)
  })
})

describe('answerChanged', () => {
  it('ignores a reworded prompt and notices a new answer', () => {
    expect(answerChanged(a, { ...a, prompt: 'Other words?' } as Card)).toBe(false)
    expect(answerChanged(a, { ...a, answers: ['Italy'] } as Card)).toBe(true)
  })

  it('treats the front of a reversible card as an answer', () => {
    const basic: Card = {
      id: 'x',
      type: 'basic',
      kind: 'other',
      front: 'THAAD',
      back: 'a battery',
      reversible: true,
      paragraphs: [],
      tags: [],
    }
    expect(answerChanged(basic, { ...basic, front: 'THAAD system' })).toBe(true)
    expect(
      answerChanged(
        { ...basic, reversible: false },
        { ...basic, reversible: false, front: 'THAAD system' },
      ),
    ).toBe(false)
  })

  it('lists the cards of a deck whose answers changed', () => {
    const old = makeDeck({ cards: [a, b] })
    const next = makeDeck({
      cards: [{ ...a, answers: ['Italy'] } as Card, { ...b, prompt: 'New words' } as Card, c],
    })
    expect(changedAnswerIds(old, next)).toEqual(['a'])
    expect(changedAnswerIds(undefined, next)).toEqual([])
  })
})

describe('ids and new cards', () => {
  it('makes readable ids that avoid the ones taken', () => {
    expect(newCardId([], 'Aegis Ashore!')).toBe('aegis-ashore')
    expect(newCardId(['thaad'], 'THAAD')).toBe('thaad-2')
    expect(newCardId([], '')).toBe('card')
    expect(newCardId([], 'ПРО')).toMatch(/^card-[a-z0-9]+$/)
    expect(newDeckId(['my-deck'], '')).toBe('my-deck-2')
  })

  it('makes an empty card of every type that fails validation until filled in', () => {
    for (const type of CARD_TYPES) {
      const card = emptyCard(type, 'x')
      expect(card.type).toBe(type)
      const result = createDeckValidator()(makeDeck({ cards: [card] }))
      expect(result.value).toBeUndefined()
      expect(result.cardIssues.get(0)?.length).toBeGreaterThan(0)
    }
  })

  it('converts a card to another type keeping its id, tags and prompt', () => {
    const card = { ...a, tags: ['europe'], explanation: 'Why' } as Card
    const single = convertCard(card, 'single')
    expect(single).toMatchObject({
      id: 'a',
      type: 'single',
      prompt: a.type === 'typed' ? a.prompt : '',
      answer: 'Romania',
      tags: ['europe'],
      explanation: 'Why',
    })
    const cloze = convertCard(
      {
        id: 'q',
        type: 'basic',
        kind: 'other',
        front: 'Aegis Ashore is in',
        back: 'Romania',
        reversible: false,
        paragraphs: [],
        tags: [],
      },
      'cloze',
    )
    expect(cloze).toMatchObject({ type: 'cloze', text: 'Aegis Ashore is in {{c1::Romania}}' })
  })

  it('duplicates a card under a new id right after it, and moves cards', () => {
    const deck = makeDeck({ cards: [a, b] })
    const copy = duplicateCardAt(deck, 0)
    expect(copy.cards.map((card) => card.id)).toEqual(['a', 'a-2', 'b'])
    expect(moveCard(deck, 0, 1).cards.map((card) => card.id)).toEqual(['b', 'a'])
    expect(deck.cards.map((card) => card.id)).toEqual(['a', 'b'])
  })

  it('duplicates a deck under a new id from its title, keeping card ids', () => {
    const copy = duplicateDeck(makeDeck({ id: 'euro', title: 'Europe', version: 4, cards: [a] }), [
      'euro',
      'europe-copy',
    ])
    expect(copy).toMatchObject({ id: 'europe-copy-2', title: 'Europe (copy)', version: 1 })
    expect(copy.cards[0]!.id).toBe('a')
  })

  it('raises the version on save only when something changed', () => {
    const base = makeDeck({ version: 3, cards: [a] })
    expect(deckForSave(base, base).version).toBe(3)
    expect(deckForSave({ ...base, title: 'New title' }, base).version).toBe(4)
    expect(deckForSave(base, undefined).version).toBe(3)
  })

  it('counts cards by type', () => {
    expect(countByType(makeDeck({ cards: [a, b, emptyCard('basic', 'z')] }))).toEqual([
      ['basic', 1],
      ['typed', 2],
    ])
  })
})

describe('createDeckValidator', () => {
  it('agrees with parseDeck on a valid deck', () => {
    const deck = makeDeck({ cards: [a, b] })
    const result = createDeckValidator()(deck)
    expect(result.total).toBe(0)
    expect(result.value).toEqual((parseDeck(deck) as { value: unknown }).value)
  })

  it('locates problems by card and field, deck fields first', () => {
    const result = createDeckValidator()(
      makeDeck({ title: ' ', cards: [a, { ...b, prompt: '' } as Card, { ...c, id: 'a' } as Card] }),
    )
    expect(result.deckIssues).toEqual([{ field: 'title', message: 'must not be empty' }])
    expect(result.cardIssues.get(1)).toEqual([
      { cardIndex: 2, cardId: 'b', field: 'prompt', message: 'must not be empty' },
    ])
    expect(result.cardIssues.get(2)?.[0]).toMatchObject({
      field: 'id',
      message: expect.stringContaining('same as card #1'),
    })
    expect(result.first).toMatchObject({ field: 'title' })
    expect(result.total).toBe(3)
    expect(result.value).toBeUndefined()
  })

  it('checks again only the cards that were replaced', () => {
    const validate = createDeckValidator()
    const deck = makeDeck({ cards: [a, b] })
    validate(deck)
    const fixed = { ...deck, cards: [a, { ...b, answers: [''] } as Card] }
    expect(validate(fixed).cardIssues.get(1)?.[0]).toMatchObject({ field: 'answers[0]' })
  })
})

describe('cloze from a selection', () => {
  it('blanks the selected words with the next cloze number, spaces left outside', () => {
    expect(wrapCloze('Aegis Ashore is in Romania', 18, 26)).toBe(
      'Aegis Ashore is in {{c1::Romania}}',
    )
    expect(wrapCloze('{{c1::Aegis}} Ashore is in Romania', 27, 34)).toBe(
      '{{c1::Aegis}} Ashore is in {{c2::Romania}}',
    )
  })

  it('refuses an empty selection and one that cuts into a blank', () => {
    expect(wrapCloze('abc', 1, 1)).toBeUndefined()
    expect(wrapCloze('abc   def', 3, 6)).toBeUndefined()
    expect(wrapCloze('{{c1::Aegis}} Ashore', 3, 8)).toBeUndefined()
  })
})

describe('cards from a source', () => {
  const source =
    'First paragraph here.\n\nThe United States deployed Aegis Ashore in Romania in 2016. It is run by the Navy.\n\nLast one.'

  it('numbers paragraphs separated by blank lines, or lines when there is none', () => {
    expect(splitParagraphs(source)).toHaveLength(3)
    expect(splitParagraphs('one\ntwo\n\n')).toEqual(['one', 'two'])
    expect(splitParagraphs('a\nb\n\nc')).toEqual(['a b', 'c'])
  })

  it('finds the sentence around a selection', () => {
    const paragraph = splitParagraphs(source)[1]!
    const at = paragraph.indexOf('Navy')
    expect(sentenceAround(paragraph, at, at + 4).text).toBe('It is run by the Navy.')
  })

  it('makes a cloze card and a question card that cite their paragraph', () => {
    const paragraph = splitParagraphs(source)[1]!
    const span = findSpan(paragraph, 'romania')!
    const cloze = cardFromSource('cloze', paragraph, 2, span.start, span.end, [])
    expect(cloze).toMatchObject({
      id: 'romania',
      type: 'cloze',
      paragraphs: [2],
      text: 'The United States deployed Aegis Ashore in {{c1::Romania}} in 2016.',
    })
    const question = cardFromSource('question', paragraph, 2, span.start, span.end, ['romania'])
    expect(question).toMatchObject({
      id: 'romania-2',
      type: 'basic',
      front: 'The United States deployed Aegis Ashore in _____ in 2016.',
      back: 'Romania',
      paragraphs: [2],
    })
    expect(cardFromSource('cloze', paragraph, 2, 3, 3, [])).toBeUndefined()
  })
})

// regression: a sentence longer than a card may be was cut at 2,000 characters, before its "}}"
describe('cards from a long source sentence', () => {
  const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ')
  const paragraph = `${words} Romania hosts Aegis Ashore.`
  const start = paragraph.indexOf('Aegis')
  const end = start + 'Aegis Ashore'.length

  it('keeps the blank whole and cuts the sentence at a space', () => {
    const card = cardFromSource('cloze', paragraph, 1, start, end, [])!
    expect(card.type === 'cloze' && card.text).toMatch(
      /^word\d+ .* hosts \{\{c1::Aegis Ashore\}\}\.$/,
    )
    expect(parseCard(card).ok).toBe(true)
    const question = cardFromSource('question', paragraph, 1, start, end, [])!
    expect(question.type === 'basic' && question.front).toMatch(/^word\d+ .* hosts _____\.$/)
    expect(parseCard(question).ok).toBe(true)
  })

  it('clips around a span on a safe boundary', () => {
    expect(clipAround('one two {{c1::three}} four five', 8, 21, 18)).toBe('{{c1::three}}')
    expect(clipAround('one two {{c1::three}} four five', 8, 21, 20)).toBe('two {{c1::three}}')
    expect(clipAround('short', 0, 5, 10)).toBe('short')
  })
})

describe('planImport', () => {
  const deck = makeDeck({ id: 'euro', title: 'Europe', cards: [a, b] })

  it('adds a deck with a new id', () => {
    expect(planImport(deck, []).mode).toBe('new')
  })

  it('updates the user deck with the same id, or adds a copy when asked', () => {
    const installed = [
      { id: 'euro', origin: 'user' as const, deck: makeDeck({ id: 'euro', cards: [a] }) },
    ]
    const update = planImport(deck, installed)
    expect(update).toMatchObject({ mode: 'update', diff: { added: ['b'], unchanged: 1 } })
    const copy = planImport(deck, installed, true)
    expect(copy.mode).toBe('copy')
    expect(copy.deck.id).toBe('europe')
  })

  // regression: every text import of one kind got the same id, and the second replaced the first
  it('adds a text import whose id is taken by an unrelated deck as a new deck', () => {
    const other = makeDeck({ id: 'euro', title: 'Europe', cards: [c] })
    const plan = planImport(deck, [{ id: 'euro', origin: 'user', deck: other }], false, {
      stableId: false,
    })
    expect(plan).toMatchObject({ mode: 'new', deck: { id: 'europe', title: 'Europe' } })
    expect(plan.existing).toBeUndefined()
  })

  it('updates from a text import when the installed deck has its cards', () => {
    const installed = [
      { id: 'euro', origin: 'user' as const, deck: makeDeck({ id: 'euro', cards: [a, c] }) },
    ]
    expect(planImport(deck, installed, false, { stableId: false })).toMatchObject({
      mode: 'update',
      diff: { added: ['b'], removed: ['c'] },
    })
  })

  it('never replaces a shipped deck', () => {
    const plan = planImport(deck, [{ id: 'euro', origin: 'shipped', deck }])
    expect(plan.mode).toBe('copy')
    expect(plan.deck.id).not.toBe('euro')
    expect(plan.existing).toMatchObject({ origin: 'shipped' })
  })
})

describe('draftKey', () => {
  it('names editing, copying and new-deck sessions apart', () => {
    expect([draftKey({ id: 'x' }), draftKey({ from: 'x' }), draftKey({})]).toEqual([
      'edit:x',
      'copy:x',
      'new',
    ])
  })
})
