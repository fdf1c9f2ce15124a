import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  parseCard,
  parseDeck,
  parseDeckText,
  type Card,
  type CardInput,
  type Deck,
} from '@/core/deck'
import { DECK_SCHEMA_URL, exportAnkiTsv, exportDeckFile } from '@/core/exporters'
import { importText } from '@/core/importers'
import { importAnki } from '@/core/importers/anki'
import { parseDelimited } from '@/core/importers/delimited'
import { decodeDeckLink, encodeDeckLink } from '@/core/share'
import { makeDeck } from '../fixtures/decks'

function card(input: CardInput): Card {
  const parsed = parseCard(input)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  return parsed.value
}

// One card of every type, with the fields that make export interesting.
const CARDS: Card[] = [
  card({
    id: 'epaa',
    type: 'basic',
    front: 'EPAA',
    back: 'European Phased Adaptive Approach',
    reversible: true,
    tags: ['europe', 'nato acronyms'],
  }),
  card({
    id: 'radar',
    type: 'basic',
    front: 'Which radar sits in Kürecik?',
    back: 'AN/TPY-2\t(forward-based)',
    explanation: 'Turkey hosts it for NATO.',
  }),
  card({
    id: 'romania',
    type: 'cloze',
    text: '{{c1::Romania}} hosts Aegis Ashore at {{c2::Deveselu::a village}}.',
    explanation: 'Operational since 2016.',
    tags: ['europe'],
  }),
  card({
    id: 'host',
    type: 'typed',
    prompt: 'Which country hosts the Redzikowo site?',
    answers: ['Poland', 'Polska'],
  }),
  card({
    id: 'gcc',
    type: 'single',
    prompt: 'Which body groups the Gulf states?',
    answer: 'GCC',
    distractors: ['NATO', 'ASEAN'],
  }),
  card({
    id: 'aegis',
    type: 'multi',
    prompt: 'Which carry SM-3s?',
    answers: ['Aegis cruisers', 'Aegis Ashore'],
    distractors: ['Patriot'],
  }),
  card({
    id: 'phases',
    type: 'ordering',
    prompt: 'Order the EPAA phases',
    items: ['Ships', 'Romania', 'Poland'],
  }),
  card({
    id: 'year',
    type: 'numeric',
    prompt: 'When did EPAA phase 2 start?',
    answer: { min: 2015, max: 2016 },
    unit: 'AD',
  }),
  card({ id: 'map', type: 'map', prompt: 'Where is Aegis Ashore?', answers: ['ROU', 'POL'] }),
]
const DECK: Deck = makeDeck({
  id: 'bmd',
  title: 'BMD "all types"',
  description: 'Every card type',
  tags: ['bmd'],
  cards: CARDS,
})

function noteLines(tsv: string): string[][] {
  const parsed = parseDelimited(tsv, { separator: '\t', comments: true })
  if (!parsed.ok) throw new Error(parsed.issue.message)
  return parsed.rows.map((row) => row.fields)
}

describe('exportDeckFile', () => {
  it('writes the deck file format with a $schema', () => {
    const text = exportDeckFile(DECK)
    expect(JSON.parse(text)).toMatchObject({
      $schema: DECK_SCHEMA_URL,
      id: 'bmd',
      title: 'BMD "all types"',
    })
    expect(text.endsWith('}\n')).toBe(true)
  })

  it('round-trips: deck → file → deck gives the same deck', () => {
    expect(parseDeckText(exportDeckFile(DECK))).toEqual({ ok: true, value: DECK })
  })

  // regression: $schema pointed at https://intercept.invalid/…, which no editor can load
  it('points $schema at ./deck.schema.json, as the README documents', () => {
    expect(JSON.parse(exportDeckFile(DECK)).$schema).toBe('./deck.schema.json')
  })

  it('imports deck files whatever their $schema says', () => {
    for (const schema of ['./deck.schema.json', 'https://intercept.invalid/deck.schema.json'])
      expect(importText(exportDeckFile(DECK, schema))).toEqual({
        ok: true,
        deck: DECK,
        warnings: [],
      })
  })
})

// Text with the characters an HTML cleaner would touch, around words.
const authored = fc
  .array(fc.constantFrom('a', 'b', ' ', '<', '>', '&', '</b>', '<b>', '&amp;', 'é', '"', '\n'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.join('').trim())
  .filter((text) => text.length > 0)
const arbitraryCard = fc.oneof(
  fc.record({ type: fc.constant('basic'), front: authored, back: authored }),
  fc.record({
    type: fc.constant('cloze'),
    text: fc.tuple(authored, authored).map(([a, b]) => `${a} {{c1::${b.replace(/[{}:]/g, '')}}}`),
    explanation: authored,
  }),
  fc.record({
    type: fc.constant('typed'),
    prompt: authored,
    answers: fc.array(authored, { minLength: 1, maxLength: 3 }),
  }),
)
const arbitraryDeck = fc
  .record({
    title: authored,
    description: authored,
    tags: fc.array(
      authored.map((t) => t.slice(0, 40)),
      { maxLength: 3 },
    ),
    cards: fc.array(arbitraryCard, { minLength: 1, maxLength: 6 }),
  })
  .map(({ cards, ...rest }) =>
    parseDeck({ id: 'authored', ...rest, cards: cards.map((c, i) => ({ ...c, id: `c${i}` })) }),
  )
  .filter((parsed) => parsed.ok)
  .map((parsed) => (parsed as { value: Deck }).value)

// regression: importing a deck file or link rewrote "a<b" as "a< b"
describe('round trips of authored text', () => {
  it('deck → file → deck gives the same deck, "<", ">" and "&" included', () => {
    fc.assert(
      fc.property(arbitraryDeck, (deck) => {
        expect(importText(exportDeckFile(deck), { fileName: 'deck.json' })).toEqual({
          ok: true,
          deck,
          warnings: [],
        })
      }),
    )
  })

  it('deck → link → deck gives the same deck, "<", ">" and "&" included', () => {
    fc.assert(
      fc.property(arbitraryDeck, (deck) => {
        const link = encodeDeckLink(deck, 'https://intercept.example/')
        expect(link.ok && decodeDeckLink(link.url)).toEqual({ ok: true, value: deck })
      }),
    )
  })
})

describe('exportAnkiTsv', () => {
  const tsv = exportAnkiTsv(DECK)

  it('starts with the headers Anki needs to read it', () => {
    expect(tsv.split('\n').slice(0, 6)).toEqual([
      '#separator:tab',
      '#html:false',
      '#guid column:1',
      '#notetype column:2',
      '#tags column:5',
      '#deck:BMD "all types"',
    ])
  })

  it('writes one note per card: GUID, note type, two fields, tags', () => {
    const notes = noteLines(tsv)
    expect(notes).toHaveLength(CARDS.length)
    expect(notes[0]).toEqual([
      'epaa',
      'Basic (and reversed card)',
      'EPAA',
      'European Phased Adaptive Approach',
      'europe nato_acronyms',
    ])
    expect(notes[2]).toEqual([
      'romania',
      'Cloze',
      '{{c1::Romania}} hosts Aegis Ashore at {{c2::Deveselu::a village}}.',
      'Operational since 2016.',
      'europe',
    ])
  })

  it('quotes fields that hold a tab, a line break or a quote', () => {
    expect(tsv).toContain(
      'radar\tBasic\tWhich radar sits in Kürecik?\t"AN/TPY-2\t(forward-based)\n\nTurkey hosts it for NATO."\t\n',
    )
  })

  it.each([
    ['host', 'Basic', 'Which country hosts the Redzikowo site?', 'Poland'],
    ['gcc', 'Basic', 'Which body groups the Gulf states?', 'GCC'],
    ['aegis', 'Basic', 'Which carry SM-3s?', 'Aegis cruisers, Aegis Ashore'],
    ['year', 'Basic', 'When did EPAA phase 2 start?', '2015–2016 AD'],
    ['map', 'Basic', 'Where is Aegis Ashore?', 'Romania, Poland'],
  ])('exports the %s card as a %s note showing its answer', (id, notetype, front, back) => {
    expect(noteLines(tsv).find((fields) => fields[0] === id)).toEqual([
      id,
      notetype,
      front,
      back,
      '',
    ])
  })

  it('exports an ordering card with its items in order', () => {
    expect(tsv).toContain(
      'phases\tBasic\tOrder the EPAA phases\t"1. Ships\n2. Romania\n3. Poland"\t\n',
    )
  })

  it('writes Anki’s GUIDs back for cards imported from Anki', () => {
    const imported = importAnki('#guid column:1\nOt0!8Yh/&L\tfront\tback')
    if (!imported.ok) throw new Error('import failed')
    expect(exportAnkiTsv(imported.deck).split('\n')[6]).toBe('Ot0!8Yh/&L\tBasic\tfront\tback\t')
  })

  it('round-trips: Anki text → deck → Anki text gives the same text for basic and cloze notes', () => {
    const text =
      [
        '#separator:tab',
        '#html:false',
        '#guid column:1',
        '#notetype column:2',
        '#tags column:5',
        '#deck:Missile Defense',
        'Ot0!8Yh/&L\tBasic\tWhat does EPAA stand for?\tEuropean Phased Adaptive Approach\teurope acronym',
        'b5_fEw2Nn1\tBasic (and reversed card)\tTHAAD\tTerminal High Altitude Area Defense\tgulf',
        'q7[Kx2sA^z\tCloze\tThe radar in {{c1::Turkey}} feeds {{c2::Ramstein::a base}}.\t\t',
        'c4\tCloze\t"{{c1::SM-3}} says ""hit-to-kill""\nand more"\t"Back\textra"\tnato',
        '"#1"\tBasic\t"#1 priority"\tthe homeland\t',
      ].join('\n') + '\n'
    const imported = importAnki(text)
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues))
    expect(imported.warnings).toEqual([])
    expect(exportAnkiTsv(imported.deck)).toBe(text)
  })

  it('round-trips basic and cloze cards through Anki text', () => {
    const deck = {
      ...DECK,
      cards: CARDS.filter((c) => c.type === 'cloze' || (c.type === 'basic' && !c.explanation)),
    }
    const imported = importAnki(exportAnkiTsv(deck))
    if (!imported.ok) throw new Error(JSON.stringify(imported.issues))
    const tagged = deck.cards.map((c) => ({ ...c, tags: c.tags.map((t) => t.replace(/ /g, '_')) }))
    expect(imported.deck.cards).toEqual(tagged)
    expect(imported.deck.title).toBe(deck.title)
  })

  it('writes text that imports back into a deck that passes parseDeck, whatever the card types', () => {
    const imported = importAnki(exportAnkiTsv(DECK))
    expect(imported.ok && parseDeck(imported.deck).ok).toBe(true)
    expect(imported.ok && imported.deck.cards.map((c) => c.id)).toEqual(CARDS.map((c) => c.id))
  })

  it('exports every shipped deck to text that imports back card for card', () => {
    const files = import.meta.glob<Record<string, unknown>>('/decks/*.json', {
      eager: true,
      import: 'default',
    })
    const decks = Object.entries(files).filter(([path]) => !path.endsWith('deck.schema.json'))
    expect(decks.length).toBeGreaterThan(0)
    for (const [path, raw] of decks) {
      const parsed = parseDeck(raw)
      if (!parsed.ok) throw new Error(path)
      const imported = importAnki(exportAnkiTsv(parsed.value))
      expect(imported.ok && imported.deck.cards.length, path).toBe(parsed.value.cards.length)
    }
  })
})
