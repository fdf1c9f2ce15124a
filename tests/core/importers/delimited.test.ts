import { describe, expect, it } from 'vitest'
import {
  guessSeparator,
  isUsableSeparator,
  lineColumnAt,
  parseDelimited,
  quoteField,
  separatorLabel,
} from '@/core/importers/delimited'

function rows(text: string, separator = '\t', comments = false) {
  const result = parseDelimited(text, { separator, comments })
  if (!result.ok) throw new Error(result.issue.message)
  return result.rows
}

describe('parseDelimited', () => {
  it('splits records and fields, keeping each record’s line', () => {
    expect(rows('a\tb\nc\td')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['c', 'd'], line: 2 },
    ])
  })

  it('reads CSV quoting: separators, doubled quotes and line breaks inside quotes', () => {
    expect(rows('"a,b","say ""hi""","two\nlines"\nnext,row', ',')).toEqual([
      { fields: ['a,b', 'say "hi"', 'two\nlines'], line: 1 },
      { fields: ['next', 'row'], line: 3 },
    ])
  })

  it('treats a quote inside an unquoted field as text', () => {
    expect(rows('the "Aegis" ship\tcruiser')[0]?.fields).toEqual(['the "Aegis" ship', 'cruiser'])
  })

  it('skips blank lines and, when asked, comment lines, counting them in line numbers', () => {
    expect(rows('# comment\n\na\tb\n\t \n# another\nc\td\n', '\t', true)).toEqual([
      { fields: ['a', 'b'], line: 3 },
      { fields: ['c', 'd'], line: 6 },
    ])
  })

  it('numbers lines from firstLine when the text is the body of a larger file', () => {
    const result = parseDelimited('a\tb', { separator: '\t', firstLine: 7 })
    expect(result.ok && result.rows[0]?.line).toBe(7)
  })

  it('locates a quote that is never closed', () => {
    expect(parseDelimited('a,b\nc,"d\ne,f', { separator: ',', firstLine: 3 })).toEqual({
      ok: false,
      issue: { line: 4, column: 3, message: expect.stringContaining('never closed') },
    })
  })

  it('locates a quoted field with text after its closing quote', () => {
    expect(parseDelimited('"a"b,c', { separator: ',' })).toEqual({
      ok: false,
      issue: {
        line: 1,
        column: 1,
        message: expect.stringContaining('text after its closing quote'),
      },
    })
  })

  it('stops after maxRows records and says so', () => {
    const result = parseDelimited('a\nb\nc\nd', { separator: '\t', maxRows: 2 })
    expect(result).toMatchObject({ ok: true, overflow: true })
    expect(result.ok && result.rows).toHaveLength(2)
  })

  it('refuses a separator that cannot split fields', () => {
    expect(parseDelimited('a"b', { separator: '"' }).ok).toBe(false)
    expect(isUsableSeparator('#')).toBe(false)
    expect(isUsableSeparator('ab')).toBe(false)
    expect(isUsableSeparator('|')).toBe(true)
  })
})

describe('guessSeparator', () => {
  const candidates = ['\t', ';', ',', '|']

  it('picks the separator that splits records most consistently', () => {
    expect(guessSeparator('front;back, with comma\nf2;b2\nf3;b3, x, y', candidates)).toBe(';')
    expect(guessSeparator('a,b\nc,d', candidates)).toBe(',')
  })

  it('never cuts a cloze blank apart', () => {
    expect(guessSeparator('{{c1::THAAD|Patriot}} is a battery', ['|', ','])).toBeUndefined()
  })

  it('finds nothing in text without separators', () => {
    expect(guessSeparator('just words\nmore words', candidates)).toBeUndefined()
  })
})

describe('quoteField', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', '"tab\there"'],
    ['two\nlines', '"two\nlines"'],
    ['say "hi"', '"say ""hi"""'],
    ['#not a comment', '"#not a comment"'],
  ])('writes %j as %j', (value, written) => {
    expect(quoteField(value, '\t')).toBe(written)
  })

  it('writes fields that parseDelimited reads back unchanged', () => {
    const fields = ['a\tb', 'c\n"d"', '#e', '', 'f']
    expect(rows(fields.map((f) => quoteField(f, '\t')).join('\t'), '\t', true)[0]?.fields).toEqual(
      fields,
    )
  })
})

describe('helpers', () => {
  it('locates an offset by line and column', () => {
    expect(lineColumnAt('ab\ncd\nef', 7)).toEqual({ line: 3, column: 2 })
    expect(lineColumnAt('ab', 0, 5)).toEqual({ line: 5, column: 1 })
  })

  it('names separators in plain words', () => {
    expect(separatorLabel('\t')).toBe('Tab')
    expect(separatorLabel(';')).toBe('Semicolon')
    expect(separatorLabel('\n')).toBe('a line break')
    expect(separatorLabel(' :: ')).toBe('" :: "')
  })
})
