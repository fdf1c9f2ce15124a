// One entry point for whatever an instructor drops or pastes: recognise the format, then import.
import { importAiken, looksLikeAiken } from './aiken'
import { importAnki, type AnkiImportOptions } from './anki'
import { finishDeck, normalizeText, parseJson, sizeIssue, type ImportResult } from './common'
import { parseDelimited } from './delimited'
import { guessQuizletSeparators, importQuizlet, type QuizletImportOptions } from './quizlet'

export {
  ANKI_NOTETYPES,
  ankiUsesHtml,
  guidFromId,
  idFromGuid,
  importAnki,
  type AnkiImportOptions,
} from './anki'
export {
  formatImportIssue,
  MAX_IMPORT_CARDS,
  MAX_IMPORT_CHARS,
  plainText,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
} from './common'
export { htmlToText } from './html'
export { importAiken, looksLikeAiken } from './aiken'
export {
  importQuickList,
  parseQuickList,
  type QuickListOptions,
  type QuickListResult,
} from './quickList'
export {
  guessQuizletSeparators,
  importQuizlet,
  type QuizletGuess,
  type QuizletImportOptions,
  type QuizletSeparators,
} from './quizlet'

/**
 * The formats Intercept imports. `importText` reads the text ones whose parser is small;
 * `importFile` (./file) reads them all, loading the GIFT parser only when it is needed.
 */
export type ImportFormat =
  'deck-json' | 'deck-zip' | 'anki' | 'quizlet' | 'gift' | 'aiken' | 'apkg' | 'unknown'

/** Options for `importText`: those of every importer, and the format when it is known. */
export interface ImportTextOptions extends AnkiImportOptions, QuizletImportOptions {
  format?: Exclude<ImportFormat, 'unknown'>
}

const ANKI_HEADER =
  /^(?:#\s*(?:separator|html|tags|columns|deck|notetype|guid column|tags column|deck column|notetype column)\s*:|tags:)/i
const CLOZE = /\{\{c\d+::/
// how sure the Quizlet guess must be before text with no other clue is read as Quizlet
const QUIZLET_CONFIDENCE = 0.8
// detection reads this much of the text: enough rows to judge, and never the whole of a huge paste
const SAMPLE_CHARS = 64 * 1024

// Anki exports notes with their GUID, note type, deck or tags as extra columns; Quizlet writes two.
const ANKI_MIN_COLUMNS = 3
// how many of the first rows must have the same number of columns for them to count as a table
const CONSISTENT_ROWS = 0.8

/**
 * True when the first rows split at tabs into the same number (3 or more) of columns: a table,
 * as Anki and spreadsheets write it, not a Quizlet list of terms and definitions.
 */
function hasTabColumns(sample: string, cut: boolean): boolean {
  if (!sample.includes('\t')) return false
  const parsed = parseDelimited(sample, { separator: '\t', comments: true, maxRows: 31 })
  if (!parsed.ok) return false
  const rows = parsed.rows.slice(0, 30)
  // a row cut by the end of the sample is not evidence
  if (cut && rows.length > 1 && !parsed.overflow) rows.pop()
  const counts = new Map<number, number>()
  for (const row of rows) counts.set(row.fields.length, (counts.get(row.fields.length) ?? 0) + 1)
  for (const [columns, n] of counts)
    if (columns >= ANKI_MIN_COLUMNS && n >= CONSISTENT_ROWS * rows.length) return true
  return false
}

function extension(fileName: string | undefined): string {
  return /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? ''
}

/** Recognises GIFT: a `::title::`, a `$CATEGORY:` line, or answers such as `{=…}`, `{~…}`, `{#…}`, `{T}`. */
export function looksLikeGift(text: string): boolean {
  return (
    /^[ \t]*::[^\n]*?::/m.test(text) ||
    /^[ \t]*\$CATEGORY:/m.test(text) ||
    /\{\s*(?:[=~#]|%-?\d|T\s*\}|F\s*\}|TRUE\s*\}|FALSE\s*\})/.test(text)
  )
}

/**
 * Recognises an import: a deck file (`.json`, or text starting with `{"`); Anki text (a header such
 * as `#separator:` or `tags:` on the first line, a cloze `{{c1::`, a `.csv` or `.tsv` file, or
 * rows that split at tabs into the same 3 or more columns); Moodle GIFT (`.gift`, or see
 * `looksLikeGift`); Moodle Aiken (`ANSWER: X` after `A) …` options); a Quizlet export (term and definition
 * split consistently, see `guessQuizletSeparators`); otherwise `unknown`. Looks at most at the
 * first 64 KB.
 */
export function detectFormat(text: string, fileName?: string): ImportFormat {
  const ext = extension(fileName)
  const sample = text.slice(0, SAMPLE_CHARS)
  const start = normalizeText(sample).trimStart()
  // "{{c1::…" opens a cloze line, not a JSON object
  if (ext === 'json' || /^\{\s*["}]/.test(start)) return 'deck-json'
  if (!start || ext === 'apkg' || ext === 'colpkg') return 'unknown'
  if (ANKI_HEADER.test(start) || ext === 'csv' || ext === 'tsv') return 'anki'
  if (ext === 'gift' || looksLikeGift(start)) return 'gift'
  if (looksLikeAiken(start)) return 'aiken'
  if (CLOZE.test(start)) return 'anki'
  if (hasTabColumns(start, sample.length < text.length)) return 'anki'
  return guessQuizletSeparators(start).confidence >= QUIZLET_CONFIDENCE ? 'quizlet' : 'unknown'
}

/**
 * The line (from 1) on which each element of the top-level `"cards"` array starts, in order, so
 * a deck problem can point at its card. Expects text that `JSON.parse` accepted; when `"cards"`
 * appears twice, follows the last one, as `JSON.parse` does. One pass over the text.
 * @example deckFileCardLines('{"id":"d",\n"cards":[\n{"id":"a"},\n{"id":"b"}]}') // [3, 4]
 */
export function deckFileCardLines(text: string): number[] {
  let lines: number[] = []
  let line = 1
  let depth = 0
  // the last string read at depth 1 (a key of the deck object), and whether we are in its array
  let key: string | undefined
  let inCards = false
  let expectValue = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\n') {
      line++
      continue
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue
    if (inCards && depth === 2 && expectValue && ch !== ']') {
      lines.push(line)
      expectValue = false
    }
    if (ch === '"') {
      const start = i
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++
      if (depth === 1) key = text.slice(start + 1, i)
    } else if (ch === '[' || ch === '{') {
      depth++
      if (depth === 2 && ch === '[' && key === 'cards') {
        inCards = true
        lines = []
        expectValue = true
      }
    } else if (ch === ']' || ch === '}') {
      depth--
      if (depth === 1) inCards = false
    } else if (ch === ',' && inCards && depth === 2) expectValue = true
  }
  return lines
}

/**
 * Imports an Intercept deck file: JSON syntax errors come back with their line and column, deck
 * problems located by card (at the line where the card starts); the same checks as
 * `parseDeckText`, plus the size limit. The text is kept as written (see `finishDeck`).
 */
export function importDeckJson(text: string): ImportResult {
  const tooBig = sizeIssue(text)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const normal = normalizeText(text)
  const json = parseJson(normal)
  if (!json.ok)
    return { ok: false, issues: [{ line: json.line, column: json.column, message: json.message }] }
  return finishDeck(json.value, [], deckFileCardLines(normal))
}

/**
 * Imports pasted or dropped text in whichever format it is (see `detectFormat`), or the format in
 * `options.format`. Never throws; the deck it returns has passed `parseDeck`.
 * @example importText(fileText, { fileName: file.name })
 */
export function importText(text: string, options: ImportTextOptions = {}): ImportResult {
  const format = options.format ?? detectFormat(text, options.fileName)
  switch (format) {
    case 'deck-json':
      return importDeckJson(text)
    case 'anki':
      return importAnki(text, options)
    case 'quizlet':
      return importQuizlet(text, options)
    case 'aiken':
      return importAiken(text, options)
    case 'gift':
    case 'apkg':
    case 'deck-zip':
      // the GIFT grammar and SQLite are large: importFile loads them, in the import worker
      return { ok: false, issues: [{ message: 'this format is read with importFile' }] }
    case 'unknown': {
      const ext = extension(options.fileName)
      if (ext === 'apkg' || ext === 'colpkg')
        return {
          ok: false,
          issues: [
            {
              message:
                'Anki packages (.apkg) cannot be read here: in Anki, choose Export, then "Notes in Plain Text", and import that file',
            },
          ],
        }
      const tooBig = sizeIssue(text)
      if (tooBig) return { ok: false, issues: [tooBig] }
      return {
        ok: false,
        issues: [
          {
            message:
              'this text is not in a format Intercept can read: use an Intercept deck file (.json), an Anki text export (.txt or .csv), a Quizlet export (a term and its definition on each line, separated by a tab or comma), or a Moodle GIFT or Aiken file',
          },
        ],
      }
    }
  }
}
