import { describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import { formatImportIssue } from '@/core/importers/common'
import { importQuickList, parseQuickList } from '@/core/importers/quickList'

function fronts(text: string): [string, string][] {
  return parseQuickList(text).cards.map((card) =>
    card.type === 'basic'
      ? [card.front, card.back]
      : ['cloze', card.type === 'cloze' ? card.text : ''],
  )
}

describe('parseQuickList', () => {
  it.each([
    ['THAAD — Terminal High Altitude Area Defense'],
    ['THAAD—Terminal High Altitude Area Defense'],
    ['THAAD – Terminal High Altitude Area Defense'],
    ['THAAD - Terminal High Altitude Area Defense'],
    ['THAAD -- Terminal High Altitude Area Defense'],
    ['THAAD: Terminal High Altitude Area Defense'],
    ['THAAD\tTerminal High Altitude Area Defense'],
  ])('reads %j', (line) => {
    expect(fronts(line)).toEqual([['THAAD', 'Terminal High Altitude Area Defense']])
  })

  it('reads two columns pasted from a spreadsheet', () => {
    expect(fronts('SM-3\tStandard Missile 3\nPAC-3\tPatriot Advanced Capability 3')).toEqual([
      ['SM-3', 'Standard Missile 3'],
      ['PAC-3', 'Patriot Advanced Capability 3'],
    ])
  })

  // regression: quoted cells were read line by line, quotes and all
  it('reads a Google Sheets paste: quoted cells with line breaks, tabs and quotes', () => {
    // what Sheets puts on the clipboard for a cell with a line break, and one with quotes
    const paste = [
      'Aegis Ashore\t"Land-based Aegis:',
      'Deveselu (Romania), Redzikowo (Poland)"',
      'SM-3\t"The ""Standard Missile"" 3, with\ta tab"',
      'THAAD\tTerminal High Altitude Area Defense',
    ].join('\n')
    const result = parseQuickList(paste)
    expect(fronts(paste)).toEqual([
      ['Aegis Ashore', 'Land-based Aegis:\nDeveselu (Romania), Redzikowo (Poland)'],
      ['SM-3', 'The "Standard Missile" 3, with\ta tab'],
      ['THAAD', 'Terminal High Altitude Area Defense'],
    ])
    expect(result.lines).toEqual([1, 3, 4])
    expect(result.endLines).toEqual([2, 3, 4])
    expect(result.problems).toEqual([])
  })

  it('reads quotes typed by hand as text when they are not spreadsheet quoting', () => {
    expect(fronts('"Aegis" Ashore\tRomania\nSM-3\tinterceptor')).toEqual([
      ['"Aegis" Ashore', 'Romania'],
      ['SM-3', 'interceptor'],
    ])
  })

  it('splits at the separator most lines use, so text with colons or hyphens stays whole', () => {
    expect(
      fronts('Aegis Ashore — site: Deveselu\nSM-3 — Block IIA: co-developed with Japan'),
    ).toEqual([
      ['Aegis Ashore', 'site: Deveselu'],
      ['SM-3', 'Block IIA: co-developed with Japan'],
    ])
  })

  it('does not split a hyphenated word or a web address', () => {
    expect(fronts('AN/TPY-2 — radar\nMDA: https://www.mda.mil')).toEqual([
      ['AN/TPY-2', 'radar'],
      ['MDA', 'https://www.mda.mil'],
    ])
  })

  it('drops list bullets and numbers, and skips blank lines', () => {
    expect(
      fronts('- SM-3 — interceptor\n\n• THAAD — battery\n3. Patriot — PAC-3\n2) Arrow — Israel'),
    ).toEqual([
      ['SM-3', 'interceptor'],
      ['THAAD', 'battery'],
      ['Patriot', 'PAC-3'],
      ['Arrow', 'Israel'],
    ])
  })

  it('makes a line with a cloze blank a cloze card', () => {
    const { cards } = parseQuickList('{{c1::Romania}} hosts Aegis Ashore: the first site')
    expect(cards[0]).toMatchObject({
      type: 'cloze',
      text: '{{c1::Romania}} hosts Aegis Ashore: the first site',
      id: 'romania-hosts-aegis-ashore-the-first-site',
    })
  })

  it('reports the lines it cannot use, with their line numbers', () => {
    const { cards, problems, lines } = parseQuickList(
      'SM-3 — interceptor\nno separator here\n — only a definition\nA\tB\tC',
    )
    expect(cards).toHaveLength(2)
    expect(lines).toEqual([1, 4])
    expect(problems.map(formatImportIssue)).toEqual([
      'line 2: no separator found: write the term, then a dash (—) or a tab, then the definition',
      'line 3: the term before or after an em dash (—) is empty',
      'line 4: only the first two columns were used',
    ])
  })

  it('gives new cards ids that do not clash with the deck’s', () => {
    const { cards } = parseQuickList('THAAD — battery\nTHAAD — interceptor', {
      takenIds: ['thaad'],
    })
    expect(cards.map((c) => c.id)).toEqual(['thaad-2', 'thaad-3'])
  })

  it('keeps text that looks like HTML exactly as written', () => {
    const { cards, problems } = parseQuickList('<img src=x onerror=alert(1)> — <b>bold</b>')
    expect(cards).toMatchObject([{ front: '<img src=x onerror=alert(1)>', back: '<b>bold</b>' }])
    expect(problems).toEqual([])
  })
})

describe('importQuickList', () => {
  it('makes a deck that passes parseDeck', () => {
    const result = importQuickList('SM-3 — interceptor\nTHAAD — battery', { title: 'Systems' })
    expect(result.ok && parseDeck(result.deck).ok).toBe(true)
    expect(result.ok && result.deck.title).toBe('Systems')
  })

  it('fails on an empty list', () => {
    expect(importQuickList('\n \n')).toEqual({
      ok: false,
      issues: [{ message: expect.stringContaining('the list is empty') }],
    })
  })
})
