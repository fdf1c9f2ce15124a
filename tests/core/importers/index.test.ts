import { describe, expect, it } from 'vitest'
import { serializeDeck } from '@/core/deck'
import {
  deckFileCardLines,
  detectFormat,
  formatImportIssue,
  importDeckJson,
  importText,
} from '@/core/importers'
import { makeCard, makeDeck } from '../../fixtures/decks'

describe('detectFormat', () => {
  it.each([
    ['{"id": "x"}', undefined, 'deck-json'],
    ['not json at all', 'deck.json', 'deck-json'],
    ['\ufeff#separator:tab\nfront\tback', undefined, 'anki'],
    ['#html:true\n<b>a</b>\tb', undefined, 'anki'],
    ['tags:nato\nfront\tback', undefined, 'anki'],
    ['{{c1::Romania}} hosts Aegis Ashore', undefined, 'anki'],
    ['front;back', 'cards.csv', 'anki'],
    ['SM-3\tinterceptor\nTHAAD\tbattery', 'export.txt', 'quizlet'],
    ['SM-3, interceptor; THAAD, battery', undefined, 'quizlet'],
    ['just a sentence with no structure', undefined, 'unknown'],
    ['', undefined, 'unknown'],
    ['PK\u0003\u0004', 'deck.apkg', 'unknown'],
    ['SM-3\tinterceptor', 'export.tsv', 'anki'],
    // a headerless Anki export (Front, Back, Tags) is a table, not a Quizlet list
    [
      'What is <b>THAAD</b>?\tA battery&nbsp;system\tgulf\nSM-3\tinterceptor\tnavy',
      'notes.txt',
      'anki',
    ],
    // prose with a stray ";" is not a one-card Quizlet export
    [
      'Aegis Ashore is in Romania; it opened in 2016\nPoland hosts the second site',
      undefined,
      'unknown',
    ],
  ])('recognises %j (file %s) as %s', (text, fileName, format) => {
    expect(detectFormat(text, fileName)).toBe(format)
  })
})

describe('importText', () => {
  it('imports a deck file', () => {
    const deck = makeDeck({ cards: [makeCard(), makeCard({ id: 'c2' })] })
    expect(importText(serializeDeck(deck, './deck.schema.json'))).toEqual({
      ok: true,
      deck,
      warnings: [],
    })
  })

  it('imports Anki text', () => {
    const result = importText('#separator:tab\nTHAAD\tbattery')
    expect(result.ok && result.deck.cards[0]).toMatchObject({
      type: 'basic',
      front: 'THAAD',
      back: 'battery',
    })
  })

  it('imports a Quizlet export with guessed separators', () => {
    const result = importText('SM-3, interceptor; THAAD, battery')
    expect(result.ok && result.deck.cards.map((c) => c.id)).toEqual(['sm-3', 'thaad'])
  })

  // regression: three tab-separated columns were "not recognised", or one garbage Quizlet card
  it('imports a headerless Anki export with a tags column as one card per note', () => {
    const result = importText(
      [
        'What is <b>THAAD</b>?\tA battery&nbsp;system; land-based\tgulf',
        'SM-3\t"Standard Missile 3, ship-based"\tnavy europe',
        'Which radar is in Kürecik?\tAN/TPY-2\tturkey',
      ].join('\n'),
      { fileName: 'BMD notes.txt' },
    )
    expect(
      result.ok && result.deck.cards.map((c) => c.type === 'basic' && [c.front, c.back]),
    ).toEqual([
      ['What is THAAD?', 'A battery system; land-based'],
      ['SM-3', 'Standard Missile 3, ship-based'],
      ['Which radar is in Kürecik?', 'AN/TPY-2'],
    ])
  })

  it('reads a spreadsheet saved as .tsv as Anki text', () => {
    const result = importText(
      'THAAD\tTerminal High Altitude Area Defense\nSM-3\tStandard Missile 3',
      {
        fileName: 'systems.tsv',
      },
    )
    expect(result.ok && result.deck.cards).toHaveLength(2)
  })

  it('uses the format it is told', () => {
    const result = importText('SM-3 — interceptor', {
      format: 'quizlet',
      termSeparator: ' — ',
      cardSeparator: '\n',
    })
    expect(result.ok).toBe(true)
  })

  it('explains what it can read when it does not recognise the text', () => {
    const result = importText('just a sentence')
    expect(!result.ok && result.issues[0]?.message).toMatch(/not in a format Intercept can read/)
  })

  it('tells how to export from Anki when given an .apkg package', () => {
    const result = importText('PK\u0003\u0004...', { fileName: 'deck.apkg' })
    expect(!result.ok && result.issues[0]?.message).toMatch(/Notes in Plain Text/)
  })
})

describe('importDeckJson', () => {
  it('locates a JSON syntax error by line and column', () => {
    expect(importDeckJson('{\n  "id": "x",\n  "title": ,\n}')).toEqual({
      ok: false,
      issues: [{ line: 3, column: 12, message: 'expected a value, found ","' }],
    })
  })

  it('locates deck problems by card', () => {
    const raw = { ...makeDeck(), cards: [makeCard(), { ...makeCard({ id: 'c2' }), answers: [] }] }
    const result = importDeckJson(JSON.stringify(raw))
    expect(!result.ok && result.issues.map(formatImportIssue)).toEqual([
      'line 1: card "c2" (#2), field "answers": needs at least 1 answer',
    ])
  })

  // regression: a deck file's card problems had no line number
  it('says on which line a card with a problem starts', () => {
    const raw = {
      ...makeDeck(),
      cards: [makeCard(), makeCard({ id: 'c2' }), { ...makeCard({ id: 'c3' }), answers: [] }],
    }
    const text = JSON.stringify(raw, null, 2)
    const line = text.split('\n').findIndex((l) => l.includes('"c3"'))
    const result = importDeckJson(text)
    expect(!result.ok && result.issues).toEqual([
      {
        line,
        field: 'answers',
        message: 'card "c3" (#3), field "answers": needs at least 1 answer',
      },
    ])
  })

  // regression: deck files had "<" defused as "< ", so deck → file → deck changed authored text
  it('keeps a deck file’s text as written: it is plain text, shown as text', () => {
    const deck = makeDeck({ title: '<script>x</script>Deck', description: 'a<b & b>c' })
    expect(importDeckJson(JSON.stringify(deck))).toEqual({ ok: true, deck, warnings: [] })
  })

  it('refuses a file over 5 MB', () => {
    expect(importDeckJson(' '.repeat(6 * 1024 * 1024)).ok).toBe(false)
  })
})

describe('deckFileCardLines', () => {
  it('finds the line each card starts on, ignoring "cards" inside other fields and strings', () => {
    const text =
      '{"source": {"cards": [1]},\n "title": "\\"cards\\": [",\n "cards": [\n  {"id": "a"},\n\n  {"id": "b",\n   "tags": ["x", "y"]}\n ]}'
    expect(deckFileCardLines(text)).toEqual([4, 6])
    expect(deckFileCardLines('{"cards": []}')).toEqual([])
  })
})
