// One entry point for whatever an instructor drops or pastes: recognise the format, then import.
import { importAnki, type AnkiImportOptions } from './anki'
import { finishDeck, normalizeText, parseJson, sizeIssue, type ImportResult } from './common'
import { guessQuizletSeparators, importQuizlet, type QuizletImportOptions } from './quizlet'

export { ANKI_NOTETYPES, guidFromId, idFromGuid, importAnki, type AnkiImportOptions } from './anki'
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

/** The formats `importText` reads. */
export type ImportFormat = 'deck-json' | 'anki' | 'quizlet' | 'unknown'

/** Options for `importText`: those of every importer, and the format when it is known. */
export interface ImportTextOptions extends AnkiImportOptions, QuizletImportOptions {
  format?: Exclude<ImportFormat, 'unknown'>
}

const ANKI_HEADER =
  /^(?:#\s*(?:separator|html|tags|columns|deck|notetype|guid column|tags column|deck column|notetype column)\s*:|tags:)/i
const CLOZE = /\{\{c\d+::/
// how sure the Quizlet guess must be before text with no other clue is read as Quizlet
const QUIZLET_CONFIDENCE = 0.8

function extension(fileName: string | undefined): string {
  return /\.([A-Za-z0-9]+)$/.exec(fileName ?? '')?.[1]?.toLowerCase() ?? ''
}

/**
 * Recognises an import: a deck file (`.json`, or text starting with `{"`); Anki text (a header such
 * as `#separator:` or `tags:` on the first line, a cloze `{{c1::`, or a `.csv` file); a Quizlet
 * export (term and definition split consistently, see `guessQuizletSeparators`); otherwise
 * `unknown`. Looks at most at the first 64 KB.
 */
export function detectFormat(text: string, fileName?: string): ImportFormat {
  const ext = extension(fileName)
  const start = normalizeText(text.slice(0, 64 * 1024)).trimStart()
  // "{{c1::…" opens a cloze line, not a JSON object
  if (ext === 'json' || /^\{\s*["}]/.test(start)) return 'deck-json'
  if (!start || ext === 'apkg' || ext === 'colpkg') return 'unknown'
  if (ANKI_HEADER.test(start) || CLOZE.test(start) || ext === 'csv') return 'anki'
  return guessQuizletSeparators(start).confidence >= QUIZLET_CONFIDENCE ? 'quizlet' : 'unknown'
}

/**
 * Imports an Intercept deck file: JSON syntax errors come back with their line and column, deck
 * problems located by card; the same checks as `parseDeckText`, plus the size limit and plain-text
 * cleaning every import gets.
 */
export function importDeckJson(text: string): ImportResult {
  const tooBig = sizeIssue(text)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const json = parseJson(normalizeText(text))
  if (!json.ok)
    return { ok: false, issues: [{ line: json.line, column: json.column, message: json.message }] }
  return finishDeck(json.value, [])
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
              'this text is not in a format Intercept can read: use an Intercept deck file (.json), an Anki text export (.txt or .csv), or a Quizlet export (a term and its definition on each line, separated by a tab or comma)',
          },
        ],
      }
    }
  }
}
