// What every importer shares: the result and issue types, size limits, ids, plain-text cleaning
// and the last step (parseDeck). The importers reach the rest of core through this file.
import { slugId, stableHash } from '../ids'
import {
  formatIssue,
  LIMITS,
  parseCard,
  parseDeck,
  type Card,
  type CardInput,
  type Deck,
  type DeckIssue,
} from '../deck'
import { parseJson } from '../json'
import { agree, count, plural } from '../plural'

export { agree, count, formatIssue, LIMITS, parseCard, parseDeck, parseJson, plural }
export type { Card, CardInput, Deck, DeckIssue }

/** One problem found while importing, located so an instructor can find it in the file. */
export interface ImportIssue {
  /** Line in the pasted text or file, counting from 1. */
  line?: number
  /** Column (character) in that line, counting from 1. */
  column?: number
  /** The field or column in the source's own words, e.g. `Back` or `term`. */
  field?: string
  /** Plain words, without the location: `formatImportIssue` adds it. */
  message: string
}

/** An import either yields a deck that passed `parseDeck`, with warnings about what was left out, or fails. */
export type ImportResult =
  { ok: true; deck: Deck; warnings: ImportIssue[] } | { ok: false; issues: ImportIssue[] }

/** Options every importer takes. */
export interface ImportOptions {
  /** Deck title; otherwise taken from the file (Anki `#deck:`), its name, or a default. */
  title?: string
  /** Deck id; otherwise made from the title. */
  deckId?: string
  /** The file's name, used for the default title and to recognise the format. */
  fileName?: string
}

/** The largest text any importer reads: 5 MB (counted in characters, which is what costs time). */
export const MAX_IMPORT_CHARS = 5 * 1024 * 1024
/** The most cards an import may produce: the deck limit. */
export const MAX_IMPORT_CARDS = LIMITS.cardsPerDeck

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

/** True when `text` is a valid card or deck id. */
export function isId(text: string): boolean {
  return text.length <= LIMITS.idLength && ID_PATTERN.test(text)
}

/** "line 14, column 3: message", the way an issue is shown to an instructor. */
export function formatImportIssue(issue: ImportIssue): string {
  const where: string[] = []
  if (issue.line !== undefined) where.push(`line ${issue.line}`)
  if (issue.column !== undefined) where.push(`column ${issue.column}`)
  const prefix = where.join(', ')
  return prefix ? `${prefix}: ${issue.message}` : issue.message
}

/** The size-limit issue for an input, or undefined when it is small enough. */
export function sizeIssue(text: string): ImportIssue | undefined {
  if (text.length <= MAX_IMPORT_CHARS) return undefined
  const mb = (text.length / (1024 * 1024)).toFixed(1)
  return {
    message: `the text is ${mb} MB; Intercept imports at most 5 MB at a time: split it into smaller files`,
  }
}

/** The issue for an input with more cards than a deck may hold. */
export function tooManyCardsIssue(what = 'cards'): ImportIssue {
  return {
    message: `there are more than ${count(MAX_IMPORT_CARDS)} ${what}; a deck holds at most ${count(MAX_IMPORT_CARDS)} cards: split the file into several decks`,
  }
}

/** Drops a byte-order mark and turns Windows and old Mac line ends into `\n`, so lines count the same everywhere. */
export function normalizeText(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return body.includes('\r') ? body.replace(/\r\n?/g, '\n') : body
}

// C0 controls other than tab and newline, and DEL: never meant as content, and some break displays.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g

/**
 * Untrusted text as plain text: only control characters go. Everything else, "<script>" included,
 * is kept exactly as written: the app shows card text as text (never `v-html`), so it is inert
 * wherever it is shown, and rewriting it ("< script>") would change what the author wrote.
 * @example plainText('<b>bold</b>') // '<b>bold</b>'
 */
export function plainText(text: string): string {
  return text.replace(CONTROL, '')
}

/** A deck title from a file name ("My deck.txt" → "My deck"), or undefined. */
export function titleFromFileName(fileName: string | undefined): string | undefined {
  if (!fileName) return undefined
  const base = fileName.split(/[\\/]/).pop() ?? ''
  const title = plainText(
    base
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .replace(/[_]+/g, ' ')
      .trim(),
  )
  return title ? title.slice(0, LIMITS.shortText) : undefined
}

/** Resolves the deck title and id from options, the file, and a default. */
export function deckIdentity(
  options: ImportOptions,
  fromFile: string | undefined,
  fallback: string,
): { id: string; title: string } {
  const title =
    [options.title, fromFile, titleFromFileName(options.fileName)]
      .map((t) => (t === undefined ? '' : plainText(t).replace(/\s+/g, ' ').trim()))
      .find(Boolean)
      ?.slice(0, LIMITS.shortText) ?? fallback
  const id =
    options.deckId && isId(options.deckId)
      ? options.deckId
      : (slugId(title) ?? `deck-${stableHash(title)}`)
  return { id, title }
}

/** A card's issues from `parseCard`, as import warnings at `line`, with field names in the source's words. */
export function cardIssues(
  issues: readonly DeckIssue[],
  line: number | undefined,
  fieldLabel: (field: string) => string,
): ImportIssue[] {
  return issues.map((issue) => {
    const label = issue.field ? fieldLabel(issue.field) : undefined
    return {
      ...(line !== undefined ? { line } : {}),
      ...(label ? { field: label } : {}),
      message: `${label ? `${/^(a|an|the) /.test(label) ? '' : 'the '}${label} ` : ''}${issue.message}, so this card was left out`,
    }
  })
}

/** A deck problem as an import issue, at the card's source line when known. */
export function deckIssueToImport(issue: DeckIssue, cardLines?: readonly number[]): ImportIssue {
  const line = issue.cardIndex !== undefined ? cardLines?.[issue.cardIndex - 1] : undefined
  return {
    ...(line !== undefined ? { line } : {}),
    ...(issue.field ? { field: issue.field } : {}),
    message: formatIssue(issue),
  }
}

/**
 * The last step of every importer: runs `parseDeck` and returns the deck or its issues (located at
 * the card's source line when `cardLines` is given). Strings are kept exactly as they are: deck
 * files and links hold plain text that is only ever shown as text, and rewriting it would change
 * what the author wrote (deck → file → deck must give the same deck). Importers of foreign text
 * clean it themselves first (`plainText`, `htmlToText`).
 * @param raw the deck an importer built, or untrusted data parsed from JSON
 * @param cardLines the source line of each element of `raw.cards`, in order
 */
export function finishDeck(
  raw: unknown,
  warnings: ImportIssue[],
  cardLines?: readonly number[],
): ImportResult {
  const parsed = parseDeck(raw)
  if (!parsed.ok)
    return { ok: false, issues: parsed.issues.map((issue) => deckIssueToImport(issue, cardLines)) }
  return { ok: true, deck: parsed.value, warnings }
}

/** What a text importer read: its cards, why others were left out, and each card's source line. */
export interface ReadCards {
  cards: Card[]
  warnings: ImportIssue[]
  lines: readonly number[]
}

/**
 * The end every text importer shares: when no card could be made, `none` says so first, then the
 * warnings give each reason; otherwise the deck is named (`deckIdentity`: the options, the
 * file's own title, then `fallbackTitle`) and finished by `finishDeck`.
 */
export function finishImport(
  { cards, warnings, lines }: ReadCards,
  options: ImportOptions,
  { fromFile, fallbackTitle, none }: { fromFile?: string; fallbackTitle: string; none: string },
): ImportResult {
  if (!cards.length) return { ok: false, issues: [{ message: none }, ...warnings] }
  const { id, title } = deckIdentity(options, fromFile, fallbackTitle)
  return finishDeck({ id, title, cards }, warnings, lines)
}

/**
 * True when text has a cloze blank such as `{{c1::answer}}`: the same test as `clozeIndexes(text).length > 0`,
 * in linear time even on megabytes of unclosed `{{c1::` (the cloze regex rescans to the end for each).
 */
export function hasCloze(text: string): boolean {
  const open = /\{\{c\d+::/.exec(text)
  return open !== null && text.indexOf('}}', open.index + open[0].length) !== -1
}
