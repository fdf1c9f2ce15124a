// The work of an import, with no IndexedDB and no UI: recognise the format, apply the user's
// corrections (format, separators), parse and validate, reporting phases as it goes. Runs in
// the import worker (workers/import.worker.ts) and, where there is no Worker (tests), on the main thread.
import { SEPARATOR_NAMES, type AnkiSeparatorName } from './separators'
import type { SqlJsStatic } from 'sql.js'
import type { NoteTypeReport } from './apkg'
import type { PictureBlob } from '../pictures'
import { ankiProgress, type AnkiProgressWrites, type AnkiReview } from '../ankiProgress'
import { createScheduler } from '../scheduler'
import type { SchedulerSettings } from '../schedulerDefaults'
import { isDeckPackage } from './deckPackage'
import { importBytes, importFile, isPackage } from './file'
import { ankiSeparator } from './anki'
import {
  ankiUsesHtml,
  detectFormat,
  guessQuizletSeparators,
  MAX_IMPORT_CHARS,
  type ImportFormat,
  type ImportResult,
  type QuizletSeparators,
} from './index'

export type { AnkiSeparatorName } from './separators'

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
  /** The pictures the deck's cards show (from a package), installed with the deck. */
  pictures?: PictureBlob[]
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

function nameOf(separator: string): AnkiSeparatorName | undefined {
  return (Object.keys(SEPARATOR_NAMES) as AnkiSeparatorName[]).find(
    (name) => SEPARATOR_NAMES[name] === separator,
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
    const format = isDeckPackage(request.bytes) ? 'deck-zip' : 'apkg'
    // an Anki package by its name, or any zip: importBytes tells a zip that is neither by its entries
    const named = /\.(apkg|colpkg)$/i.test(request.fileName ?? '')
    const { noteTypes, history, pictures, ...result } = await importBytes(request.bytes, {
      ...(format === 'deck-zip' || named ? { format } : {}),
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
      detected: format,
      format,
      ...(noteTypes ? { noteTypes } : {}),
      ...(history ? { history } : {}),
      ...(pictures?.length ? { pictures } : {}),
      ...(replayed ? { replayed } : {}),
    }
  }
  const detected =
    request.text.length > MAX_IMPORT_CHARS
      ? 'unknown'
      : detectFormat(request.text, request.fileName)
  const format = request.format ?? detected
  const text = request.text
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
  // the user's separator is an option of the Anki reader, and the header is read by that reader
  const chosen = request.ankiSeparator ? SEPARATOR_NAMES[request.ankiSeparator] : undefined
  if (format === 'anki' && text.length <= MAX_IMPORT_CHARS) {
    const used = ankiSeparator(text, { separator: chosen })
    anki = { separator: nameOf(used.separator) ?? 'tab', fromHeader: used.fromHeader }
  }
  report({ phase: 'checking', cards: estimateCards(request.text, format, quizlet?.cardSeparator) })
  await pause()
  const result = await importFile(text, {
    ...(format !== 'unknown' ? { format } : {}),
    ...(request.fileName ? { fileName: request.fileName } : {}),
    ...(request.title ? { title: request.title } : {}),
    ...(quizlet
      ? { termSeparator: quizlet.termSeparator, cardSeparator: quizlet.cardSeparator }
      : {}),
    ...(request.html !== undefined ? { html: request.html } : {}),
    ...(chosen ? { separator: chosen } : {}),
  })
  const html = anki
    ? ankiUsesHtml(text, { html: request.html, ...(chosen ? { separator: chosen } : {}) })
    : undefined
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
