// Separated-values text (CSV, TSV, Anki's text format) through papaparse, with the line each
// record starts on, so every later problem can say where it is. Expects `\n` line ends
// (see normalizeText in common.ts).
import Papa from 'papaparse'
import type { ImportIssue } from './common'

import { SEPARATOR_NAMES } from './separators'

export { SEPARATOR_NAMES }

/** A separator's name for messages: "Tab", "Comma", or the character in quotes. */
export function separatorLabel(separator: string): string {
  for (const [name, char] of Object.entries(SEPARATOR_NAMES))
    if (char === separator) return name[0]!.toUpperCase() + name.slice(1)
  if (separator === '\n') return 'a line break'
  return `"${separator}"`
}

/**
 * True when `separator` can split fields: one character that is not a quote, a line break or
 * "#" (which starts a comment line).
 */
export function isUsableSeparator(separator: string): boolean {
  return separator.length === 1 && !['"', '\n', '\r', '#', '\ufeff'].includes(separator)
}

/** One record, with the line (from 1) it starts on. */
export interface DelimitedRow {
  fields: string[]
  line: number
}

/** How to read separated-values text. */
export interface DelimitedOptions {
  separator: string
  /** Skip lines starting with "#", as Anki does. */
  comments?: boolean
  /** Line number of the text's first line, when it is part of a larger file. */
  firstLine?: number
  /** Stop after this many non-blank records and report `overflow`. */
  maxRows?: number
}

/** The records, or the one problem that stopped the reading (located); `overflow` when `maxRows` cut it short. */
export type DelimitedResult =
  { ok: true; rows: DelimitedRow[]; overflow: boolean } | { ok: false; issue: ImportIssue }

/** Line and column (from 1) of a character offset; O(offset), for the one error a parse can end with. */
export function lineColumnAt(
  text: string,
  offset: number,
  firstLine = 1,
): { line: number; column: number } {
  let line = firstLine
  let lineStart = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

function isBlank(fields: readonly string[]): boolean {
  return fields.every((field) => field.trim() === '')
}

/**
 * Splits separated-values text into records, honouring CSV quoting: a field in double quotes may
 * hold separators and line breaks, and `""` inside it is one quote. Blank lines are skipped.
 * A quote that is never closed (or closed in the middle of a field) ends the parse with an issue
 * at the opening quote's line and column. Never throws; linear in the text.
 */
export function parseDelimited(text: string, options: DelimitedOptions): DelimitedResult {
  const { separator, comments = false, firstLine = 1, maxRows = Infinity } = options
  if (!isUsableSeparator(separator))
    return { ok: false, issue: { message: `${separatorLabel(separator)} cannot separate fields` } }
  const rows: DelimitedRow[] = []
  let overflow = false
  let failure: ImportIssue | undefined
  // papaparse reports where each record ends; the next one starts there, after any comment lines
  let rowStart = 0
  let countedTo = 0
  let line = firstLine
  const lineOf = (offset: number) => {
    for (
      let i = text.indexOf('\n', countedTo);
      i !== -1 && i < offset;
      i = text.indexOf('\n', i + 1)
    )
      line++
    countedTo = Math.max(countedTo, offset)
    return line
  }
  try {
    Papa.parse<string[]>(text, {
      delimiter: separator,
      newline: '\n',
      quoteChar: '"',
      escapeChar: '"',
      comments: comments ? '#' : false,
      skipEmptyLines: false,
      step(result, parser) {
        let start = rowStart
        if (comments)
          while (start < text.length && text.charCodeAt(start) === 35) {
            const end = text.indexOf('\n', start)
            start = end === -1 ? text.length : end + 1
          }
        rowStart = result.meta.cursor
        const quote = result.errors.find((error) => error.type === 'Quotes')
        if (quote) {
          const at = Math.max(0, (quote.index ?? start + 1) - 1)
          failure = {
            ...lineColumnAt(text, at, firstLine),
            message:
              quote.code === 'MissingQuotes'
                ? 'a field starts with a double quote (") that is never closed: close it, or remove it if the quote is part of the text'
                : 'a quoted field has text after its closing quote: put the whole field in quotes and write each quote inside it twice ("")',
          }
          parser.abort()
          return
        }
        const fields = result.data
        if (isBlank(fields)) return
        if (rows.length >= maxRows) {
          overflow = true
          parser.abort()
          return
        }
        rows.push({ fields, line: lineOf(start) })
      },
    })
  } catch {
    return { ok: false, issue: { message: 'the text could not be read as a table of fields' } }
  }
  return failure ? { ok: false, issue: failure } : { ok: true, rows, overflow }
}

const GUESS_SAMPLE_CHARS = 64 * 1024

/**
 * Guesses the separator of separated-values text: the candidate that splits the first records
 * into the same number (2 or more) of fields most consistently, never cutting a cloze
 * `{{c1::…}}` apart. Earlier candidates win ties. Undefined when none splits anything.
 * Reads at most the first 64 KB.
 */
export function guessSeparator(
  text: string,
  candidates: readonly string[],
  comments = false,
): string | undefined {
  // the first records are enough, and a sample keeps a huge unbroken field from being scanned once per candidate
  const sample = text.slice(0, GUESS_SAMPLE_CHARS)
  let best: string | undefined
  let bestScore = 0
  for (const separator of candidates) {
    if (!isUsableSeparator(separator)) continue
    let rows: string[][]
    try {
      rows = Papa.parse<string[]>(sample, {
        delimiter: separator,
        newline: '\n',
        comments: comments ? '#' : false,
        preview: 30,
      }).data
    } catch {
      continue
    }
    // a record cut by the sample's end would count against every candidate
    if (sample.length < text.length && rows.length > 1) rows.pop()
    rows = rows.filter((fields) => !isBlank(fields))
    if (!rows.length) continue
    const counts = new Map<number, number>()
    for (const fields of rows) counts.set(fields.length, (counts.get(fields.length) ?? 0) + 1)
    let mode = 0
    let modeCount = 0
    for (const [n, c] of counts)
      if (c > modeCount || (c === modeCount && n > mode)) [mode, modeCount] = [n, c]
    const cutsCloze = rows.some((fields) =>
      fields.some((f) => f.split('{{').length !== f.split('}}').length),
    )
    const score = mode < 2 || cutsCloze ? 0 : modeCount / rows.length
    if (score > bestScore) [best, bestScore] = [separator, score]
  }
  return best
}

/**
 * A field as written in separated-values text: in double quotes (with inner quotes doubled) when it
 * holds the separator, a quote or a line break, or starts with "#" (which would make the line a comment).
 */
export function quoteField(value: string, separator: string): string {
  const needs = value.includes(separator) || /["\n\r]/.test(value) || value.startsWith('#')
  return needs ? `"${value.replace(/"/g, '""')}"` : value
}
