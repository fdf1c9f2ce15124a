// Untrusted input: every importer, on any text, returns a deck that passes parseDeck and holds no
// control characters, or issues in plain words located inside the text. It never throws. Text is
// kept as written ("<b>" included): the app shows card text as text, never as HTML.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDeck, serializeDeck } from '@/core/deck'
import { exportAnkiTsv } from '@/core/exporters'
import { importAnki } from '@/core/importers/anki'
import { normalizeText, type ImportIssue, type ImportResult } from '@/core/importers/common'
import { detectFormat, importDeckJson, importText } from '@/core/importers'
import { importQuickList, parseQuickList } from '@/core/importers/quickList'
import { importQuizlet } from '@/core/importers/quizlet'
import { makeCard, makeDeck } from '../../fixtures/decks'

// C0 controls other than tab and newline, and DEL: the only characters importers take out
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/
/** Every string inside `value`, joined, to look for characters that must not be there. */
function allText(value: unknown): string {
  const texts: string[] = []
  JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'string') texts.push(v)
    return v
  })
  return texts.join('\n')
}

// Pieces that matter to some format, so random text reaches the interesting branches.
const TOKENS = [
  'a',
  'Z',
  '7',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ',',
  ';',
  '|',
  ':',
  '"',
  '""',
  '#',
  '\ufeff',
  '—',
  ' - ',
  '::',
  '{',
  '}',
  '{{c1::',
  '{{c2::x::hint}}',
  '}}',
  '<',
  '>',
  '<br>',
  '<b>',
  '</div>',
  '<script>',
  '</script>',
  '<a href="javascript:x">',
  '&amp;',
  '&lt;b&gt;',
  '&#0;',
  '[sound:x.mp3]',
  'tags:',
  '#separator:',
  'Tab',
  'Pipe',
  '#html:true\n',
  '#html:false\n',
  '#guid column:1\n',
  '#notetype column:1\n',
  '#tags column:3\n',
  '#deck column:2\n',
  '#columns:Front\tBack\n',
  'Cloze',
  'Basic',
  '{"id":',
  '"cards":[',
  ']',
  '"type":"basic"',
  'ü',
  '😀',
  '\u0000',
  '\u202e',
]
const structured = fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 60 })
// any UTF-16 code units, lone surrogates included
const utf16 = fc.string({
  unit: fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code)),
  maxLength: 200,
})
const anything = fc.oneof(structured, utf16, fc.string({ unit: 'grapheme', maxLength: 200 }))
// hundreds of imports per property; in a loaded parallel run they need more than the 5 s default
const PROPERTY_TIMEOUT_MS = 30_000

/** Random edits of a valid input: cut, duplicate or insert pieces. */
function mutated(valid: string) {
  const edit = fc.record({
    at: fc.nat({ max: valid.length }),
    remove: fc.nat({ max: 12 }),
    insert: fc.string({ unit: fc.constantFrom(...TOKENS), maxLength: 3 }),
  })
  return fc
    .array(edit, { minLength: 1, maxLength: 5 })
    .map((edits) =>
      edits.reduce(
        (text, e) => text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove),
        valid,
      ),
    )
}

function expectLocatedInside(issues: readonly ImportIssue[], text: string) {
  const lines = normalizeText(text).split('\n').length
  for (const issue of issues) {
    expect(issue.message.length).toBeGreaterThan(0)
    if (issue.line !== undefined)
      expect(issue.line >= 1 && issue.line <= lines, `line ${issue.line} of ${lines}`).toBe(true)
    if (issue.column !== undefined) expect(issue.column).toBeGreaterThanOrEqual(1)
  }
}

// A deck file is Intercept's own text, checked by the deck schema rather than cleaned.
function readsDeckFile(name: string, text: string): boolean {
  return name === 'importDeckJson' || (name === 'importText' && detectFormat(text) === 'deck-json')
}

function expectWellFormed(result: ImportResult, text: string, deckFile = false) {
  if (result.ok) {
    expect(parseDeck(result.deck)).toEqual({ ok: true, value: result.deck })
    if (!deckFile) expect(allText(result.deck)).not.toMatch(CONTROL)
    expectLocatedInside(result.warnings, text)
  } else {
    expect(result.issues.length).toBeGreaterThan(0)
    expectLocatedInside(result.issues, text)
  }
}

const VALID = {
  anki: [
    '#separator:tab',
    '#html:true',
    '#guid column:1',
    '#notetype column:2',
    '#tags column:5',
    'Ot0!8Yh/&L\tBasic\tWhat is <b>EPAA</b>?\tEuropean Phased<br>Adaptive Approach\teurope',
    'q7[Kx2sA^z\tCloze\t{{c1::Romania}} hosts "Aegis Ashore"\t"Back\nextra"\tnato',
  ].join('\n'),
  csv: '#separator:Comma\n#columns:Front,Back,Tags\nTHAAD,"battery, mobile",gulf\n"SM-3 ""IIA""",interceptor,',
  quizlet: 'SM-3\tStandard Missile 3\nTHAAD\tTerminal High Altitude Area Defense\nAN/TPY-2\tradar',
  quick: '- THAAD — battery\nSM-3: interceptor\n{{c1::Romania}} hosts Aegis Ashore\nPAC-3\tPatriot',
  json: serializeDeck(makeDeck({ cards: [makeCard(), makeCard({ id: 'c2', prompt: 'Second?' })] })),
}

const importers: [string, (text: string) => ImportResult][] = [
  ['importAnki', (text) => importAnki(text)],
  ['importAnki as HTML', (text) => importAnki(text, { html: true })],
  ['importQuizlet with guessed separators', (text) => importQuizlet(text)],
  [
    'importQuizlet with custom separators',
    (text) => importQuizlet(text, { termSeparator: '::', cardSeparator: ';' }),
  ],
  ['importQuickList', (text) => importQuickList(text)],
  ['importDeckJson', (text) => importDeckJson(text)],
  ['importText', (text) => importText(text)],
]

describe.each(importers)('%s', (name, run) => {
  it(
    'never throws on random text, and returns a valid deck or located issues',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(anything, (text) =>
          expectWellFormed(run(text), text, readsDeckFile(name, text)),
        ),
      )
    },
  )

  it.each(Object.entries(VALID))(
    'never throws on a damaged %s input, and returns a valid deck or located issues',
    { timeout: PROPERTY_TIMEOUT_MS },
    (_format, valid) => {
      fc.assert(
        fc.property(mutated(valid), (text) =>
          expectWellFormed(run(text), text, readsDeckFile(name, text)),
        ),
      )
    },
  )
})

describe('parseQuickList', () => {
  it(
    'returns only valid cards free of control characters, with unique ids, and problems located on lines of the text',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(anything, (text) => {
          const { cards, lines, problems } = parseQuickList(text)
          expect(lines).toHaveLength(cards.length)
          expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length)
          expect(parseDeck(makeDeck({ cards })).ok).toBe(true)
          expect(allText(cards)).not.toMatch(CONTROL)
          expectLocatedInside(problems, text)
        }),
      )
    },
  )
})

describe('Anki round trip', () => {
  it(
    'exports any imported deck to text that imports back to the same cards',
    { timeout: PROPERTY_TIMEOUT_MS },
    () => {
      fc.assert(
        fc.property(fc.oneof(mutated(VALID.anki), mutated(VALID.csv), structured), (text) => {
          const first = importAnki(text)
          if (!first.ok) return
          const again = importAnki(exportAnkiTsv(first.deck))
          if (!again.ok) throw new Error(JSON.stringify(again.issues))
          // typed cards go to Anki as Basic notes, so only their ids survive
          const comparable = (deck: typeof first.deck) =>
            deck.cards.map((c) => (c.type === 'typed' ? c.id : c))
          expect(comparable(again.deck)).toEqual(comparable(first.deck))
          expect(exportAnkiTsv(again.deck)).toBe(exportAnkiTsv(first.deck))
        }),
      )
    },
  )
})
