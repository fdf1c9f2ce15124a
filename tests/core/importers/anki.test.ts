import { describe, expect, it } from 'vitest'
import { parseDeck, type Card, type CardOf, type Deck } from '@/core/deck'
import { ankiUsesHtml, guidFromId, idFromGuid, importAnki } from '@/core/importers/anki'
import {
  formatImportIssue,
  MAX_IMPORT_CARDS,
  MAX_IMPORT_CHARS,
  type ImportResult,
} from '@/core/importers/common'

// An Anki 2.1.55+ "Notes in Plain Text" export with every option ticked: HTML, GUIDs, note types,
// decks and tags. GUIDs are Anki's own, punctuation and all.
const EXPORT = [
  '#separator:tab',
  '#html:true',
  '#guid column:1',
  '#notetype column:2',
  '#deck column:3',
  '#tags column:6',
  'Ot0!8Yh/&L\tBasic\tBMD::Europe\tWhat does <b>EPAA</b> stand for?\tEuropean Phased&nbsp;Adaptive Approach\teurope acronym',
  'q7[Kx2sA^z\tCloze\tBMD::Europe\tThe radar in {{c1::Turkey}} feeds {{c2::Ramstein::a German base}}.\t<div>See paragraph 9</div>\teurope',
  'b5_fEw2Nn1\tBasic (and reversed card)\tBMD::Gulf\tTHAAD\tTerminal High Altitude Area Defense\tgulf acronym',
].join('\n')

// A CSV file written by hand for Anki's importer: semicolons, quoted fields with a separator, doubled
// quotes and a line break inside, named columns, tags for every note.
const CSV = [
  '#separator:Semicolon',
  '#html:false',
  '#tags:imported missile-defense',
  '#columns:Front;Back;Tags',
  '#deck:Missile Defense',
  '#notetype:Basic',
  'Which radar is in Turkey?;"AN/TPY-2',
  '(forward-based mode)";radar',
  '"He said ""SM-3""";"interceptor; ship-based";',
].join('\n')

function deckOf(result: ImportResult): Deck {
  if (!result.ok) throw new Error(result.issues.map(formatImportIssue).join('\n'))
  return result.deck
}

function card<T extends Card['type']>(deck: Deck, index: number, type: T): CardOf<T> {
  const found = deck.cards[index]
  expect(found?.type).toBe(type)
  return found as CardOf<T>
}

function issuesOf(result: ImportResult): string[] {
  if (result.ok) throw new Error('expected the import to fail')
  return result.issues.map(formatImportIssue)
}

function warningsOf(result: ImportResult): string[] {
  if (!result.ok) throw new Error('expected the import to succeed')
  return result.warnings.map(formatImportIssue)
}

describe('importAnki', () => {
  it('reads a Notes in Plain Text export with GUIDs, note types, decks and tags', () => {
    const deck = deckOf(importAnki(EXPORT))
    expect(deck.cards).toHaveLength(3)
    const basic = card(deck, 0, 'basic')
    expect(basic.front).toBe('What does EPAA stand for?')
    expect(basic.back).toBe('European Phased Adaptive Approach')
    expect(basic.tags).toEqual(['europe', 'acronym', 'BMD::Europe'])
    expect(basic.reversible).toBe(false)
    expect(parseDeck(deck).ok).toBe(true)
  })

  it('imports a cloze note as a cloze card with Back Extra as its explanation', () => {
    const cloze = card(deckOf(importAnki(EXPORT)), 1, 'cloze')
    expect(cloze.text).toBe('The radar in {{c1::Turkey}} feeds {{c2::Ramstein::a German base}}.')
    expect(cloze.explanation).toBe('See paragraph 9')
  })

  it('makes a Basic (and reversed card) note a reversible card', () => {
    expect(card(deckOf(importAnki(EXPORT)), 2, 'basic').reversible).toBe(true)
  })

  it('reads optional-reversed and type-in-the-answer notes', () => {
    const text = [
      '#separator:tab',
      '#notetype column:1',
      'Basic (optional reversed card)\tSM-3\tStandard Missile 3\ty',
      'Basic (optional reversed card)\tPAC-3\tPatriot Advanced Capability 3\t',
      'Basic (type in the answer)\tWhich country hosts Aegis Ashore at Deveselu?\tRomania',
    ].join('\n')
    const deck = deckOf(importAnki(text))
    expect(card(deck, 0, 'basic').reversible).toBe(true)
    expect(card(deck, 1, 'basic').reversible).toBe(false)
    expect(card(deck, 2, 'typed').answers).toEqual(['Romania'])
  })

  it('titles the deck after the common parent of the notes’ decks and tags each card with its deck', () => {
    const deck = deckOf(importAnki(EXPORT))
    expect(deck.title).toBe('BMD')
    expect(card(deck, 2, 'basic').tags).toContain('BMD::Gulf')
  })

  it('prefers the title given in the options', () => {
    const deck = deckOf(importAnki(EXPORT, { title: 'Missile defense', deckId: 'md' }))
    expect(deck).toMatchObject({ title: 'Missile defense', id: 'md' })
  })

  it('keeps card ids stable, so importing the same file again updates the same cards', () => {
    const first = deckOf(importAnki(EXPORT)).cards.map((c) => c.id)
    const again = deckOf(importAnki(EXPORT)).cards.map((c) => c.id)
    expect(again).toEqual(first)
    expect(first[2]).toBe('b5_fEw2Nn1')
    expect(first.map(guidFromId)).toEqual(['Ot0!8Yh/&L', 'q7[Kx2sA^z', 'b5_fEw2Nn1'])
  })

  it('reads CSV quoting: separators, doubled quotes and line breaks inside fields', () => {
    const deck = deckOf(importAnki(CSV))
    expect(card(deck, 0, 'basic').back).toBe('AN/TPY-2\n(forward-based mode)')
    expect(card(deck, 1, 'basic')).toMatchObject({
      front: 'He said "SM-3"',
      back: 'interceptor; ship-based',
    })
  })

  it('takes tags from the Tags column and from #tags:, and the title from #deck:', () => {
    const deck = deckOf(importAnki(CSV))
    expect(deck.title).toBe('Missile Defense')
    expect(card(deck, 0, 'basic').tags).toEqual(['radar', 'imported', 'missile-defense'])
    expect(card(deck, 1, 'basic').tags).toEqual(['imported', 'missile-defense'])
  })

  it('reads the old "tags:" first line', () => {
    const deck = deckOf(importAnki('tags:nato europe\nEPAA\tEuropean Phased Adaptive Approach'))
    expect(deck.cards[0]?.tags).toEqual(['nato', 'europe'])
  })

  it.each([
    ['Tab', '\t'],
    ['comma', ','],
    ['Semicolon', ';'],
    ['Pipe', '|'],
    ['Colon', ':'],
    ['Space', ' '],
    ['|', '|'],
    [';', ';'],
  ])('splits fields with #separator:%s', (name, char) => {
    const deck = deckOf(importAnki(`#separator:${name}\nTHAAD${char}battery`))
    expect(card(deck, 0, 'basic')).toMatchObject({ front: 'THAAD', back: 'battery' })
  })

  it('guesses the separator when the header does not give one', () => {
    const deck = deckOf(importAnki('Aegis Ashore;Deveselu, Romania\nTHAAD;Terminal, High Altitude'))
    expect(card(deck, 0, 'basic').back).toBe('Deveselu, Romania')
  })

  it('treats a file without #html: as HTML when its first notes contain tags, as Anki does', () => {
    expect(card(deckOf(importAnki('a<br>b\tc &amp; d')), 0, 'basic')).toMatchObject({
      front: 'a\nb',
      back: 'c & d',
    })
    expect(card(deckOf(importAnki('x &amp; y\t1 < 2')), 0, 'basic')).toMatchObject({
      front: 'x &amp; y',
      back: '1 < 2',
    })
  })

  it('lets the html option override the file', () => {
    expect(
      card(deckOf(importAnki('#html:true\nx &amp; y\tb', { html: false })), 0, 'basic').front,
    ).toBe('x &amp; y')
  })

  it('keeps text that is not HTML exactly as written, "<script>" included', () => {
    const result = importAnki('#html:false\n<script>alert(1)</script>\t<b>bold</b> & a<b')
    expect(card(deckOf(result), 0, 'basic')).toMatchObject({
      front: '<script>alert(1)</script>',
      back: '<b>bold</b> & a<b',
    })
    expect(warningsOf(result)).toEqual([])
  })

  it('drops scripts, styles, pictures and sounds from HTML fields and says so', () => {
    const result = importAnki(
      '#html:true\nQ<style>b{}</style><script>x()</script>\tA [sound:a.mp3]<img src="m.png">',
    )
    expect(card(deckOf(result), 0, 'basic')).toMatchObject({ front: 'Q', back: 'A' })
    expect(warningsOf(result)).toContain(
      '2 pictures or sounds left out: Intercept cards hold text only',
    )
  })

  it('keeps a link’s address only when it is http(s)', () => {
    const deck = deckOf(
      importAnki(
        '#html:true\n<a href="https://mda.mil">MDA</a>\t<a href="javascript:alert(1)">click</a>',
      ),
    )
    expect(card(deck, 0, 'basic')).toMatchObject({ front: 'MDA (https://mda.mil)', back: 'click' })
  })

  it('makes ids from a hash of the first field when there is no GUID, and keeps them unique', () => {
    const deck = deckOf(importAnki('THAAD\tbattery\nTHAAD\tinterceptor\nSM-3\tmissile'))
    const ids = deck.cards.map((c) => c.id)
    expect(new Set(ids).size).toBe(3)
    expect(ids[1]).toBe(`${ids[0]}-2`)
    expect(deckOf(importAnki('SM-3\tsomething else')).cards[0]?.id).toBe(ids[2])
  })

  it('leaves out a note with too few fields and says where it is', () => {
    const lines = ['#separator:tab', '#html:false', 'SM-3\tinterceptor', 'Aegis Ashore', 'THAAD\t']
    const result = importAnki(lines.join('\n'))
    expect(deckOf(result).cards).toHaveLength(1)
    expect(warningsOf(result)).toEqual([
      'line 4: the note has 1 field but the Front and Back columns need 2, so this note was left out',
      'line 5: the Back is empty, so this note was left out',
    ])
  })

  it('counts lines across quoted line breaks and comment lines', () => {
    const text = ['#separator:,', '"a', 'b",c', '# a comment', 'd,', 'e,f'].join('\n')
    expect(warningsOf(importAnki(text))).toEqual([
      'line 5: the Back is empty, so this note was left out',
    ])
  })

  it('leaves out a cloze note without a blank', () => {
    expect(issuesOf(importAnki('#notetype:Cloze\nno blank here\textra'))).toContain(
      'line 2: the Text has no cloze blank such as {{c1::answer}}, so this note was left out',
    )
  })

  it('leaves out a note whose GUID repeats an earlier one', () => {
    const text = '#guid column:1\nabc\tfront\tback\nabc\tfront 2\tback 2'
    const result = importAnki(text)
    expect(deckOf(result).cards).toHaveLength(1)
    expect(warningsOf(result)).toEqual([
      'line 3: this note has the same GUID as the note on line 2, so it was left out',
    ])
  })

  it('reports a card that breaks a deck rule at its line, in Anki’s field names', () => {
    expect(issuesOf(importAnki(`#separator:tab\nfront\t${'x'.repeat(2001)}`))).toContain(
      'line 2: the Back is longer than 2,000 characters, so this card was left out',
    )
  })

  it('warns about header values it cannot use', () => {
    const result = importAnki('#separator:Banana\n#html:maybe\n#guid column:first\nfront\tback')
    expect(warningsOf(result)).toEqual([
      'line 1: "#separator:Banana" is not a separator Anki knows (Tab, Comma, Semicolon, Space, Pipe or Colon), so the separator was guessed from the notes',
      'line 2: "#html:maybe" should say true or false, so whether the fields are HTML was guessed from the notes',
      'line 3: "#guid column:first" should give a column number (1, 2, 3…), so it was ignored',
    ])
  })

  it('warns once when notes have more fields than a card uses', () => {
    const result = importAnki('a\tb\tc\nd\te\tf')
    expect(warningsOf(result)).toContain(
      'line 1: 2 notes had more fields than a card uses (the first from this line); the extra fields were left out',
    )
  })

  it('fails with the line and column of a quote that is never closed', () => {
    const result = importAnki('#separator:tab\nSM-3\tinterceptor\nTHAAD\t"battery\nPatriot\tPAC-3')
    expect(result).toEqual({
      ok: false,
      issues: [{ line: 3, column: 7, message: expect.stringContaining('never closed') }],
    })
  })

  it('fails when no note is usable, listing why', () => {
    expect(issuesOf(importAnki('only one field\nanother'))).toEqual([
      'none of the notes could become a card',
      'line 1: the note has 1 field but the Front and Back columns need 2, so this note was left out',
      'line 2: the note has 1 field but the Front and Back columns need 2, so this note was left out',
    ])
  })

  it('fails on a file with headers and no notes', () => {
    expect(importAnki('#separator:tab\n#html:true\n').ok).toBe(false)
  })

  it('refuses more notes than a deck holds', () => {
    const text = Array.from({ length: MAX_IMPORT_CARDS + 1 }, (_, i) => `q${i}\ta${i}`).join('\n')
    expect(importAnki(text)).toEqual({
      ok: false,
      issues: [{ message: expect.stringContaining('more than 20,000 notes') }],
    })
  })

  it('refuses text over 5 MB', () => {
    expect(importAnki('x'.repeat(MAX_IMPORT_CHARS + 1))).toEqual({
      ok: false,
      issues: [{ message: expect.stringContaining('at most 5 MB') }],
    })
  })
})

describe('idFromGuid', () => {
  it.each([
    'Ot0!8Yh/&L',
    'q7[Kx2sA^z',
    'b5_fEw2Nn1',
    'g.abc',
    'g.a_41',
    '#hash',
    ' spaced',
    'ünïcødé',
  ])('round-trips %j through guidFromId', (guid) => {
    const id = idFromGuid(guid)
    expect(id).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
    expect(guidFromId(id)).toBe(guid)
  })

  it('keeps a GUID that is already a valid id', () => {
    expect(idFromGuid('b5_fEw2Nn1')).toBe('b5_fEw2Nn1')
  })

  it('hashes a GUID it cannot escape within the id length', () => {
    const id = idFromGuid('!'.repeat(30))
    expect(id).toMatch(/^g-[a-z0-9]+$/)
    expect(idFromGuid('!'.repeat(30))).toBe(id)
  })

  it('leaves ordinary ids alone when making GUIDs', () => {
    expect(guidFromId('eu-epaa-name')).toBe('eu-epaa-name')
    expect(guidFromId('g.foo')).toBe('g.foo')
  })
})

describe('ankiUsesHtml', () => {
  it('says how importAnki reads the fields: option, then header, then the first notes', () => {
    expect(ankiUsesHtml('#html:true\nfront\tback')).toBe(true)
    expect(ankiUsesHtml('#html:false\n<b>front</b>\tback')).toBe(false)
    expect(ankiUsesHtml('<b>front</b>\tback')).toBe(true)
    expect(ankiUsesHtml('front\tback')).toBe(false)
    expect(ankiUsesHtml('#html:true\nfront\tback', { html: false })).toBe(false)
  })
})
