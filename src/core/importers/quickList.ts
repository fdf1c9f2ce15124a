// Quick entry for the deck editor: one card per line, "term — definition" (or with an en dash,
// " - ", ":" or a tab, which is what two spreadsheet columns paste as). A line with a cloze blank
// {{c1::…}} becomes a cloze card as it is.
import { createIdAllocator, slugId, stableHash } from '../ids'
import {
  cardIssues,
  deckIdentity,
  finishDeck,
  hasCloze,
  MAX_IMPORT_CARDS,
  normalizeText,
  parseCard,
  sizeIssue,
  tooManyCardsIssue,
  type Card,
  type CardInput,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
  plainText,
} from './common'
import { parseDelimited } from './delimited'

/** Options for `parseQuickList`. */
export interface QuickListOptions {
  /** Ids already in the deck being edited, so new cards never reuse one. */
  takenIds?: Iterable<string>
}

/** Cards parsed from a quick list, and the problems of the lines that could not become cards. */
export interface QuickListResult {
  cards: Card[]
  /** Line of each card in `cards`, counting from 1. */
  lines: number[]
  /**
   * Last line of each card in `cards`: its row's last line, beyond `lines` when a quoted
   * spreadsheet cell holds line breaks. Removing `lines[i]` to `endLines[i]` removes the card.
   */
  endLines: number[]
  problems: ImportIssue[]
  /** True when the list was refused as a whole (too long); `cards` is then empty. */
  refused: boolean
}

interface Split {
  start: number
  end: number
}

interface QuickSeparator {
  label: string
  find(line: string): Split | undefined
}

const at = (line: string, part: string): Split | undefined => {
  const start = line.indexOf(part)
  return start === -1 ? undefined : { start, end: start + part.length }
}
const match = (line: string, pattern: RegExp): Split | undefined => {
  const found = pattern.exec(line)
  return found ? { start: found.index, end: found.index + found[0].length } : undefined
}

// In order of precedence: a tab is a spreadsheet column and always meant; a colon is the most
// likely to be part of the text ("12:30", "Note: …"), so it comes last.
const TAB: QuickSeparator = { label: 'a tab', find: (line) => at(line, '\t') }
const SEPARATORS: readonly QuickSeparator[] = [
  TAB,
  { label: 'an em dash (—)', find: (line) => at(line, '—') },
  { label: 'an en dash (–)', find: (line) => at(line, '–') },
  { label: 'a spaced hyphen ( - )', find: (line) => match(line, / --? /) },
  // not "::" and not the colon of "https://"
  { label: 'a colon (:)', find: (line) => match(line, /(?<!:):(?![:/])/) },
]

const BULLET = /^(?:[-*•‣◦▪]|\d{1,3}[.)])\s+/

function fieldLabel(field: string): string {
  return field === 'front' ? 'term' : field === 'back' ? 'definition' : field
}

interface Row {
  line: number
  /** The line, for lines read one by one. */
  text: string
  /** The cells, when the list was read as a spreadsheet paste (tab-separated, CSV quoting). */
  cells?: string[]
}

// A spreadsheet quotes a cell that holds a line break, a tab or a quote ("a ""b"""), so a paste
// whose lines mostly split at tabs is read with CSV quoting; text that is not valid CSV (a stray
// quote typed by hand) is read line by line instead, quotes and all.
function spreadsheetRows(text: string): Row[] | undefined {
  const parsed = parseDelimited(text, { separator: '\t' })
  if (!parsed.ok || parsed.overflow) return undefined
  return parsed.rows.map((row) => {
    const cells = row.fields.map((cell) => cell.trim())
    cells[0] = cells[0]!.replace(BULLET, '')
    return { line: row.line, text: cells.join('\t'), cells }
  })
}

/**
 * Parses a quick list into cards. Blank lines are skipped and list bullets ("- ", "• ", "1. ")
 * dropped. The separator used on most lines wins on every line that has it (so "Aegis Ashore —
 * SM-3 site: Romania" splits at the dash when the list uses dashes); other lines use the first
 * separator they contain, in the order tab, em dash, en dash, " - ", ":". When most lines split
 * at tabs, the list is read as cells pasted from a spreadsheet: a quoted cell may hold line breaks,
 * tabs and doubled quotes, and each card is at the line its row starts on. Ids are made from the
 * term and never collide with `takenIds`. Linear in the text.
 * @example parseQuickList('THAAD — Terminal High Altitude Area Defense').cards[0] // basic card, id 'thaad'
 * @example parseQuickList('"Aegis\nAshore"\tRomania').cards[0] // front "Aegis\nAshore", back "Romania"
 */
export function parseQuickList(input: string, options: QuickListOptions = {}): QuickListResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { cards: [], lines: [], endLines: [], problems: [tooBig], refused: true }
  const text = normalizeText(input)
  let rows: Row[] = []
  const textLines = text.split('\n')
  textLines.forEach((raw, i) => {
    const line = raw.trim().replace(BULLET, '')
    if (line) rows.push({ line: i + 1, text: line })
  })
  if (rows.length > MAX_IMPORT_CARDS)
    return {
      cards: [],
      lines: [],
      endLines: [],
      problems: [tooManyCardsIssue('lines')],
      refused: true,
    }

  const uses = SEPARATORS.map((separator) => rows.filter((row) => separator.find(row.text)).length)
  const dominant = SEPARATORS[uses.indexOf(Math.max(...uses))]!
  if (dominant === TAB && uses[0]) rows = spreadsheetRows(text) ?? rows
  const allocate = createIdAllocator(options.takenIds)
  const cards: Card[] = []
  const lines: number[] = []
  const endLines: number[] = []
  const problems: ImportIssue[] = []
  // a row ends where the next begins, less any blank lines between them
  const endOf = (index: number): number => {
    let end = (rows[index + 1]?.line ?? textLines.length + 1) - 1
    while (end > rows[index]!.line && !textLines[end - 1]!.trim()) end--
    return end
  }
  for (const [index, { line, text, cells }] of rows.entries()) {
    let cardInput: CardInput
    let idText: string
    const clozeText = cells && cells.length > 1 ? cells[0]! : text
    if (hasCloze(clozeText)) {
      if (cells && cells.slice(1).some(Boolean))
        problems.push({ line, message: 'only the first column was used' })
      cardInput = { id: 'x', type: 'cloze', text: plainText(clozeText) }
      // the id reads like the sentence with its blanks filled in
      idText = clozeText.slice(0, 300).replace(/\{\{c\d+::|::[^}]*\}\}|\}\}/g, ' ')
    } else {
      let term: string
      let definition: string
      let separator = dominant
      if (cells && cells.length > 1) {
        separator = TAB
        term = cells[0]!
        definition = cells[1]!
        if (cells.slice(2).some(Boolean))
          problems.push({ line, message: 'only the first two columns were used' })
      } else {
        let split = dominant.find(text)
        for (const other of SEPARATORS) {
          if (split) break
          split = other.find(text)
          separator = other
        }
        if (!split) {
          problems.push({
            line,
            message:
              'no separator found: write the term, then a dash (—) or a tab, then the definition',
          })
          continue
        }
        term = text.slice(0, split.start)
        definition = text.slice(split.end)
        if (separator === TAB && definition.includes('\t')) {
          problems.push({ line, message: 'only the first two columns were used' })
          definition = definition.slice(0, definition.indexOf('\t'))
        }
      }
      term = plainText(term).trim()
      definition = plainText(definition).trim()
      if (!term || !definition) {
        const side = term ? 'definition' : 'term'
        problems.push({
          line,
          field: side,
          message: `the ${side} before or after ${separator.label} is empty`,
        })
        continue
      }
      cardInput = { id: 'x', type: 'basic', front: term, back: definition }
      idText = term
    }
    const parsed = parseCard(cardInput)
    if (!parsed.ok) {
      problems.push(...cardIssues(parsed.issues, line, fieldLabel))
      continue
    }
    cards.push({ ...parsed.value, id: allocate(slugId(idText) ?? `card-${stableHash(idText)}`) })
    lines.push(line)
    endLines.push(endOf(index))
  }
  return { cards, lines, endLines, problems, refused: false }
}

/** A quick list as a new deck (see `parseQuickList`); fails when no line becomes a card. */
export function importQuickList(input: string, options: ImportOptions = {}): ImportResult {
  const { cards, lines, problems, refused } = parseQuickList(input)
  if (refused || !cards.length)
    return {
      ok: false,
      issues:
        refused || problems.length
          ? problems
          : [{ message: 'the list is empty: write one card per line, "term — definition"' }],
    }
  const { id, title } = deckIdentity(options, undefined, 'Quick list')
  return finishDeck({ id, title, cards }, problems, lines)
}
