// Quick entry for the deck editor: one card per line, "term — definition" (or with an en dash,
// " - ", ":" or a tab, which is what two spreadsheet columns paste as). A line with a cloze blank
// {{c1::…}} becomes a cloze card as it is.
import {
  cardIssues,
  createIdAllocator,
  createTextCleaner,
  deckIdentity,
  finishDeck,
  hasCloze,
  MAX_IMPORT_CARDS,
  normalizeText,
  parseCard,
  sizeIssue,
  slugId,
  stableHash,
  tooManyCardsIssue,
  type Card,
  type CardInput,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
} from './common'

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
const SEPARATORS: readonly QuickSeparator[] = [
  { label: 'a tab', find: (line) => at(line, '\t') },
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

/**
 * Parses a quick list into cards. Blank lines are skipped and list bullets ("- ", "• ", "1. ")
 * dropped. The separator used on most lines wins on every line that has it (so "Aegis Ashore —
 * SM-3 site: Romania" splits at the dash when the list uses dashes); other lines use the first
 * separator they contain, in the order tab, em dash, en dash, " - ", ":". Ids are made from the
 * term and never collide with `takenIds`. Linear in the text.
 * @example parseQuickList('THAAD — Terminal High Altitude Area Defense').cards[0] // basic card, id 'thaad'
 */
export function parseQuickList(input: string, options: QuickListOptions = {}): QuickListResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { cards: [], lines: [], problems: [tooBig], refused: true }
  const rows: { line: number; text: string }[] = []
  normalizeText(input)
    .split('\n')
    .forEach((raw, i) => {
      const text = raw.trim().replace(BULLET, '')
      if (text) rows.push({ line: i + 1, text })
    })
  if (rows.length > MAX_IMPORT_CARDS)
    return { cards: [], lines: [], problems: [tooManyCardsIssue('lines')], refused: true }

  const uses = SEPARATORS.map((separator) => rows.filter((row) => separator.find(row.text)).length)
  const dominant = SEPARATORS[uses.indexOf(Math.max(...uses))]!
  const cleaner = createTextCleaner()
  const allocate = createIdAllocator(options.takenIds)
  const cards: Card[] = []
  const lines: number[] = []
  const problems: ImportIssue[] = []
  for (const { line, text } of rows) {
    let draft: CardInput
    let idText: string
    if (hasCloze(text)) {
      draft = { id: 'x', type: 'cloze', text: cleaner.clean(text) }
      // the id reads like the sentence with its blanks filled in
      idText = text.slice(0, 300).replace(/\{\{c\d+::|::[^}]*\}\}|\}\}/g, ' ')
    } else {
      let split = dominant.find(text)
      let separator = dominant
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
      const term = cleaner.clean(text.slice(0, split.start)).trim()
      let definition = cleaner.clean(text.slice(split.end)).trim()
      if (separator === SEPARATORS[0] && definition.includes('\t')) {
        problems.push({ line, message: 'only the first two columns were used' })
        definition = definition.slice(0, definition.indexOf('\t')).trim()
      }
      if (!term || !definition) {
        const side = term ? 'definition' : 'term'
        problems.push({
          line,
          field: side,
          message: `the ${side} before or after ${separator.label} is empty`,
        })
        continue
      }
      draft = { id: 'x', type: 'basic', front: term, back: definition }
      idText = term
    }
    const parsed = parseCard(draft)
    if (!parsed.ok) {
      problems.push(...cardIssues(parsed.issues, line, fieldLabel))
      continue
    }
    cards.push({ ...parsed.value, id: allocate(slugId(idText) ?? `card-${stableHash(idText)}`) })
    lines.push(line)
  }
  problems.push(...cleaner.warnings())
  return { cards, lines, problems, refused: false }
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
