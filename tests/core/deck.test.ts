import { describe, expect, it } from 'vitest'
import { formatIssue, parseCard, parseDeck, parseDeckText, serializeDeck } from '@/core/deck'
import { makeCard, makeDeck } from '../fixtures/decks'

describe('parseDeck', () => {
  it('fills defaults and accepts a minimal deck', () => {
    const result = parseDeck({
      id: 'd',
      title: 'D',
      cards: [{ id: 'a', type: 'basic', front: 'F', back: 'B' }],
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value).toMatchObject({ language: 'en', version: 1, authors: [], tags: [] })
    expect(result.value.cards[0]).toMatchObject({
      kind: 'other',
      paragraphs: [],
      reversible: false,
    })
  })

  it('reports every problem, located by card position, id and field', () => {
    const result = parseDeck({
      id: 'd',
      title: 'D',
      cards: [
        { id: 'ok', type: 'typed', prompt: 'Q', answers: ['A'] },
        { id: 'bad', type: 'typed', prompt: '', answers: [] },
        { id: 'typo', type: 'single', prompt: 'Q', anwser: 'x', answer: 'A' },
        { type: 'nope' },
      ],
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    const lines = result.issues.map((i) => formatIssue(i, 'decks/x.json'))
    expect(lines).toContain('decks/x.json: card "bad" (#2), field "prompt": must not be empty')
    expect(lines).toContain(
      'decks/x.json: card "bad" (#2), field "answers": needs at least 1 answer',
    )
    expect(lines).toContain(
      'decks/x.json: card "typo" (#3), field "anwser": is not a known field (check the spelling)',
    )
    expect(lines.some((l) => l.startsWith('decks/x.json: card #4, field "type"'))).toBe(true)
  })

  it('reports card problems even when a deck field is wrong too', () => {
    const result = parseDeck({
      id: 'd',
      title: 42,
      cards: [{ id: 'a', type: 'typed', prompt: 'Q', answers: [] }],
    })
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues.map((i) => i.field)).toEqual(['title', 'answers'])
  })

  it('rejects duplicate card ids', () => {
    const card = makeCard()
    const result = parseDeck(makeDeck({ cards: [card, { ...card }] }))
    expect(result).toMatchObject({ ok: false, issues: [{ cardIndex: 2, field: 'id' }] })
  })

  it('rejects a distractor that is the answer in other words', () => {
    const result = parseCard({
      id: 'a',
      type: 'single',
      prompt: 'Q',
      answer: 'Romania',
      distractors: ['ROMANIA!', 'Poland'],
    })
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'distractors[0]' }] })
  })

  // Regression: distractors were compared without aliases, so "United Arab Emirates" passed as
  // a wrong option for "UAE".
  it('rejects a distractor that is another name for the answer', () => {
    expect(
      parseCard({
        id: 'a',
        type: 'single',
        prompt: 'Q',
        answer: 'UAE',
        distractors: ['United Arab Emirates', 'Oman'],
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'distractors[0]',
          message: '"United Arab Emirates" is another name for the answer "UAE"',
        },
      ],
    })
    expect(
      parseCard({
        id: 'a',
        type: 'multi',
        prompt: 'Q',
        answers: ['Kuwait', 'Standard Missile-3'],
        distractors: ['Qatar', 'SM-3'],
      }),
    ).toMatchObject({ ok: false, issues: [{ field: 'distractors[1]' }] })
  })

  it('checks the wrong options of flashcards, typed and map cards like those of choice cards', () => {
    expect(
      parseCard({
        id: 'a',
        type: 'typed',
        prompt: 'Q',
        answers: ['Poland', 'Polska'],
        distractors: ['Spain', 'poland', 'Spain'],
      }),
    ).toEqual({
      ok: false,
      issues: [
        { field: 'distractors[2]', message: '"Spain" is listed twice' },
        { field: 'distractors[1]', message: '"poland" is also an answer' },
      ],
    })
    expect(
      parseCard({
        id: 'a',
        type: 'basic',
        front: 'GCC',
        back: 'Gulf Cooperation Council',
        distractors: ['GCC'],
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'distractors[0]',
          message: '"GCC" is another name for the answer "Gulf Cooperation Council"',
        },
      ],
    })
    expect(
      parseCard({
        id: 'a',
        type: 'map',
        prompt: 'Tap it',
        answers: ['POL'],
        distractors: ['rou', 'XXX', 'pol'],
      }),
    ).toEqual({
      ok: false,
      issues: [
        {
          field: 'distractors[1]',
          message: '"XXX" is not a country code on the map (use ISO alpha-3 such as ROU)',
        },
        { field: 'distractors[2]', message: '"POL" is also an answer' },
      ],
    })
    const ok = parseCard({
      id: 'a',
      type: 'map',
      prompt: 'Tap it',
      answers: ['POL'],
      distractors: ['rou'],
    })
    expect(ok).toMatchObject({ ok: true, value: { distractors: ['ROU'] } })
  })

  // Regression: the meaning checks ran only once a card's shape was valid, so fixing one error
  // revealed the next.
  it('lists meaning problems of a card along with its shape problems', () => {
    const card = {
      id: 'a',
      type: 'single',
      prompt: '',
      answer: 'Romania',
      distractors: ['Romania', 'Poland', 'Poland'],
      tags: 'x',
    }
    const fields = (r: ReturnType<typeof parseCard>) => (r.ok ? [] : r.issues.map((i) => i.field))
    const all = ['distractors[0]', 'distractors[2]', 'prompt', 'tags']
    expect(fields(parseCard(card)).sort()).toEqual(all)
    const deck = parseDeck(makeDeck({ cards: [card as never] }))
    expect(deck.ok ? [] : deck.issues.map((i) => `${i.cardId} ${i.field}`).sort()).toEqual(
      all.map((field) => `a ${field}`),
    )
  })

  it('says a deck or card that is not an object must be one', () => {
    for (const raw of [null, [], 'deck', 3])
      expect(parseDeck(raw)).toEqual({ ok: false, issues: [{ message: 'must be an object' }] })
    const result = parseDeck({ id: 'd', title: 'D', source: null, cards: [null, [], 'x'] })
    expect(result.ok ? [] : result.issues.map((i) => formatIssue(i))).toEqual([
      'field "source": must be an object',
      'card #1: must be an object',
      'card #2: must be an object',
      'card #3: must be an object',
    ])
    expect(parseCard(null)).toEqual({ ok: false, issues: [{ message: 'must be an object' }] })
  })

  it('rejects a cloze without blanks, a backwards range and an unknown country', () => {
    expect(parseCard({ id: 'a', type: 'cloze', text: 'No blank here' }).ok).toBe(false)
    expect(
      parseCard({ id: 'a', type: 'numeric', prompt: 'Q', answer: { min: 2020, max: 2018 } }).ok,
    ).toBe(false)
    expect(parseCard({ id: 'a', type: 'map', prompt: 'Q', answers: ['XYZ'] }).ok).toBe(false)
    expect(parseCard({ id: 'a', type: 'map', prompt: 'Q', answers: ['rou'] })).toMatchObject({
      ok: true,
      value: { answers: ['ROU'] },
    })
  })

  it('refuses links that are not http(s)', () => {
    const deck = { ...makeDeck(), source: { title: 'S', url: 'javascript:alert(1)' } }
    expect(parseDeck(deck).ok).toBe(false)
  })
})

describe('parseDeckText', () => {
  it('locates a JSON syntax error by line and column', () => {
    const result = parseDeckText('{\n  "id": "x",\n  "title": }')
    expect(result).toEqual({
      ok: false,
      issues: [{ message: 'line 3, column 12: expected a value, found "}"' }],
    })
  })
})

describe('serializeDeck', () => {
  it('round-trips through the file format', () => {
    const deck = makeDeck({
      cards: [
        makeCard(),
        {
          id: 'n',
          type: 'numeric',
          kind: 'year',
          prompt: 'When?',
          answer: { min: 2018, max: 2020 },
          paragraphs: [10],
          tags: ['nato'],
        },
        {
          id: 'm',
          type: 'map',
          kind: 'country',
          prompt: 'Where?',
          answers: ['POL'],
          region: 'europe',
          paragraphs: [9],
          tags: [],
        },
      ],
    })
    const text = serializeDeck(deck, './deck.schema.json')
    expect(JSON.parse(text).$schema).toBe('./deck.schema.json')
    expect(parseDeckText(text)).toEqual({ ok: true, value: deck })
  })

  it('writes keys in a stable order', () => {
    const text = serializeDeck(makeDeck())
    const keys = Object.keys(JSON.parse(text).cards[0])
    expect(keys.slice(0, 4)).toEqual(['id', 'type', 'kind', 'prompt'])
  })
})

describe('parseCard messages', () => {
  it('says a missing field is required, not unknown', () => {
    const result = parseCard({ id: 'a', type: 'basic', front: 'F' })
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'back', message: 'is required' }] })
  })
})
