// The work of an import, with no IndexedDB and no UI: recognise the format, apply the user's
// corrections (format, separators), parse and validate, reporting phases as it goes. Runs in
// the import worker (workers/import.worker.ts) and, where there is no Worker (tests), on the main thread.
import { SEPARATOR_NAMES, guessSeparator } from './delimited'
import type { SqlJsStatic } from 'sql.js'
import type { NoteTypeReport } from './apkg'
import { ankiProgress, type AnkiProgressWrites, type AnkiReview } from '../ankiProgress'
import { createScheduler } from '../scheduler'
import type { SchedulerSettings } from '../schedulerDefaults'
import { importBytes, importFile, isPackage } from './file'
import {
  ankiUsesHtml,
  detectFormat,
  guessQuizletSeparators,
  MAX_IMPORT_CHARS,
  type ImportFormat,
  type ImportIssue,
  type ImportResult,
  type QuizletSeparators,
} from './index'

/** The Anki separators a user may pick, by the names Anki's `#separator:` header uses. */
export type AnkiSeparatorName = keyof typeof SEPARATOR_NAMES

/** What to import and the user's corrections to what was guessed. */
export interface ImportRequest {
  text: string
  /** A file's bytes, for an Anki package (`text` is then empty). */
  bytes?: Uint8Array
  /** The learner's scheduler, to replay a package's reviews here rather than at install. */
  scheduler?: SchedulerSettings
  fileName?: string
  title?: string
  /** The format, when the user chose one over the detected one. */
  format?: Exclude<ImportFormat, 'unknown'>
  /** Quizlet separators chosen by the user (each guessed when absent). */
  termSeparator?: string
  cardSeparator?: string
  /** The Anki field separator chosen by the user (read from the header or guessed when absent). */
  ankiSeparator?: AnkiSeparatorName
  /** Anki fields are HTML (Anki's "Allow HTML in fields"). */
  html?: boolean
}

/** How far an import has got, for the progress line. */
export type ImportPhase =
  { phase: 'reading' } | { phase: 'checking'; cards: number } | { phase: 'ready'; cards: number }

/** The outcome of an import job: what was read, and how. */
export interface ImportOutput {
  result: ImportResult
  /** The format detected from the text (before any choice of the user). */
  detected: ImportFormat
  /** The format it was read as. */
  format: ImportFormat
  /** The Quizlet separators used (guessed or chosen), when read as Quizlet. */
  quizlet?: QuizletSeparators & { confidence: number }
  /** The Anki separator used, when read as Anki text. */
  anki?: { separator: AnkiSeparatorName; fromHeader: boolean }
  /**
   * Whether the fields were read as HTML, when read as Anki text: the user's choice, else the
   * file's `#html:` header, else detected from the first notes (see `ankiUsesHtml`).
   */
  html?: boolean
  /** For an Anki package: each note type and how its notes were converted. */
  noteTypes?: NoteTypeReport[]
  /** For an Anki package: its review history, to keep if the learner asks. */
  history?: AnkiReview[]
  /**
   * That history replayed for a device that has none of the deck's progress yet (the usual case),
   * so installing it is only writes; `installDeck` replays again when the device has some.
   */
  replayed?: AnkiProgressWrites
}

/** What a job needs from its host: sql.js, loaded the host's way (the worker's assets, Node's files). */
export interface ImportJobHost {
  loadSql?: () => Promise<SqlJsStatic>
}

const ANKI_SEPARATOR = /^#separator:(.*)$/im

function nameOf(separator: string): AnkiSeparatorName | undefined {
  return (Object.keys(SEPARATOR_NAMES) as AnkiSeparatorName[]).find(
    (name) => SEPARATOR_NAMES[name] === separator,
  )
}

/** The separator Anki will use on this text: from its header, or guessed as Anki guesses it. */
function ankiSeparatorOf(text: string): { separator: AnkiSeparatorName; fromHeader: boolean } {
  const header = ANKI_SEPARATOR.exec(text.slice(0, 4096))
  if (header) {
    const value = header[1]!.trim().toLowerCase()
    const named =
      value in SEPARATOR_NAMES
        ? (value as AnkiSeparatorName)
        : nameOf(header[1]!.length === 1 ? header[1]! : value)
    if (named) return { separator: named, fromHeader: true }
  }
  const body = text
    .slice(0, 64 * 1024)
    .split('\n')
    .filter((line) => !line.startsWith('#') && !line.startsWith('tags:'))
    .join('\n')
  return {
    separator: nameOf(guessSeparator(body, ['\t', ';', ',', '|'], true) ?? '\t') ?? 'tab',
    fromHeader: false,
  }
}

/**
 * The text with the Anki separator set to `name`: the existing `#separator:` line rewritten, or
 * one added as the first header line; `added` says whether lines after it moved down by one.
 */
function withAnkiSeparator(
  text: string,
  name: AnkiSeparatorName,
): { text: string; addedAt?: number } {
  if (ANKI_SEPARATOR.test(text.slice(0, 4096)))
    return { text: text.replace(ANKI_SEPARATOR, `#separator:${name}`) }
  // the old "tags:" header must stay on the first line
  if (text.startsWith('tags:')) {
    const end = text.indexOf('\n')
    return end === -1
      ? { text }
      : { text: `${text.slice(0, end + 1)}#separator:${name}\n${text.slice(end + 1)}`, addedAt: 2 }
  }
  return { text: `#separator:${name}\n${text}`, addedAt: 1 }
}

function shiftLines(issues: readonly ImportIssue[], addedAt: number): ImportIssue[] {
  return issues.map((issue) =>
    issue.line !== undefined && issue.line > addedAt ? { ...issue, line: issue.line - 1 } : issue,
  )
}

/** A quick count of the cards a text holds, for "Checking N cards…" before the real count. */
export function estimateCards(text: string, format: ImportFormat, cardSeparator = '\n'): number {
  if (format === 'deck-json') return (text.match(/"type"\s*:/g) ?? []).length
  let n = 0
  const separator = format === 'quizlet' ? cardSeparator || '\n' : '\n'
  for (let i = text.indexOf(separator); i !== -1; i = text.indexOf(separator, i + separator.length))
    n++
  return Math.max(
    0,
    n + (text.trim() ? 1 : 0) - (format === 'anki' ? (text.match(/^#/gm) ?? []).length : 0),
  )
}

/** Lets the page paint between phases when the job runs on the main thread. */
export type Yield = () => Promise<void>

/**
 * Runs one import: never throws, never touches storage. `report` hears each phase.
 * Input over `MAX_IMPORT_CHARS` is refused before any parsing. An Anki package (`request.bytes`)
 * needs `host.loadSql`.
 */
export async function runImportJob(
  request: ImportRequest,
  report: (phase: ImportPhase) => void,
  pause: Yield = async () => {},
  host: ImportJobHost = {},
): Promise<ImportOutput> {
  report({ phase: 'reading' })
  await pause()
  if (request.bytes && isPackage(request.bytes, request.fileName)) {
    const { noteTypes, history, ...result } = await importBytes(request.bytes, {
      format: 'apkg',
      ...(request.fileName ? { fileName: request.fileName } : {}),
      ...(request.title ? { title: request.title } : {}),
      ...(host.loadSql ? { loadSql: host.loadSql } : {}),
    })
    const replayed =
      result.ok && history?.length && request.scheduler
        ? ankiProgress(result.deck, history, [], [], createScheduler(request.scheduler))
        : undefined
    report({ phase: 'ready', cards: result.ok ? result.deck.cards.length : 0 })
    return {
      result,
      detected: 'apkg',
      format: 'apkg',
      ...(noteTypes ? { noteTypes } : {}),
      ...(history ? { history } : {}),
      ...(replayed ? { replayed } : {}),
    }
  }
  const detected =
    request.text.length > MAX_IMPORT_CHARS
      ? 'unknown'
      : detectFormat(request.text, request.fileName)
  const format = request.format ?? detected
  let text = request.text
  let addedAt: number | undefined
  let quizlet: ImportOutput['quizlet']
  let anki: ImportOutput['anki']
  if (format === 'quizlet' && text.length <= MAX_IMPORT_CHARS) {
    const guess = guessQuizletSeparators(text)
    quizlet = {
      termSeparator: request.termSeparator || guess.termSeparator,
      cardSeparator: request.cardSeparator || guess.cardSeparator,
      confidence: request.termSeparator || request.cardSeparator ? 1 : guess.confidence,
    }
  }
  if (format === 'anki' && text.length <= MAX_IMPORT_CHARS) {
    if (request.ankiSeparator) {
      ;({ text, addedAt } = withAnkiSeparator(text, request.ankiSeparator))
      anki = { separator: request.ankiSeparator, fromHeader: false }
    } else anki = ankiSeparatorOf(text)
  }
  report({ phase: 'checking', cards: estimateCards(request.text, format, quizlet?.cardSeparator) })
  await pause()
  let result = await importFile(text, {
    ...(format !== 'unknown' ? { format } : {}),
    ...(request.fileName ? { fileName: request.fileName } : {}),
    ...(request.title ? { title: request.title } : {}),
    ...(quizlet
      ? { termSeparator: quizlet.termSeparator, cardSeparator: quizlet.cardSeparator }
      : {}),
    ...(request.html !== undefined ? { html: request.html } : {}),
  })
  if (addedAt !== undefined)
    result = result.ok
      ? { ...result, warnings: shiftLines(result.warnings, addedAt) }
      : { ok: false, issues: shiftLines(result.issues, addedAt) }
  const html = anki ? ankiUsesHtml(text, { html: request.html }) : undefined
  report({ phase: 'ready', cards: result.ok ? result.deck.cards.length : 0 })
  return {
    result,
    detected,
    format,
    ...(quizlet ? { quizlet } : {}),
    ...(anki ? { anki } : {}),
    ...(html !== undefined ? { html } : {}),
  }
}
