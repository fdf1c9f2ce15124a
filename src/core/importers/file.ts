// The one entry point for every importable format, text or file. Parsers that are large load
// only when their format is imported (a dynamic import: its own chunk, fetched by the import
// worker), so they never weigh on the first load or on the Import view.
import type { SqlJsStatic } from 'sql.js'
import type { ApkgResult } from './apkg'
import type { ImportOptions, ImportResult } from './common'
import { readDeckPackage, zipEntryNames } from './deckPackage'
import { detectFormat, importText, type ImportFormat, type ImportTextOptions } from './index'

/** Names of the formats on the command line and in the Import view's "Read as" list. */
export const FORMAT_FLAGS = {
  auto: undefined,
  apkg: 'apkg',
  'anki-text': 'anki',
  quizlet: 'quizlet',
  gift: 'gift',
  aiken: 'aiken',
  deck: 'deck-json',
  'deck-zip': 'deck-zip',
} as const satisfies Record<string, Exclude<ImportFormat, 'unknown'> | undefined>

/** Options for `importFile`: those of `importText`, and how to load SQLite for Anki packages. */
export type ImportFileOptions = ImportTextOptions &
  ImportOptions & {
    /** Loads sql.js (see `importApkg`); without it Anki packages are refused. */
    loadSql?: () => Promise<SqlJsStatic>
  }

/** True when a file is an Anki package: by its name, or by its first bytes (a zip). */
export function isPackage(bytes: Uint8Array, fileName?: string): boolean {
  return (
    /\.(apkg|colpkg)$/i.test(fileName ?? '') ||
    (bytes.length >= 4 &&
      bytes[0] === 0x50 &&
      bytes[1] === 0x4b &&
      bytes[2] === 3 &&
      bytes[3] === 4)
  )
}

const COLLECTION_NAMES = ['collection.anki21b', 'collection.anki21', 'collection.anki2']
const refuse = (message: string): ApkgResult => ({ ok: false, issues: [{ message }] })

/**
 * Imports a file's bytes: a deck with its pictures (a zip holding `deck.json`) with
 * `readDeckPackage`, an Anki package (see `isPackage`) with `importApkg`, anything else as UTF-8
 * text with `importFile`. A zip that is neither is refused by its contents. Never throws.
 */
export async function importBytes(
  bytes: Uint8Array,
  options: ImportFileOptions = {},
): Promise<ApkgResult> {
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
  if (options.format === 'deck-zip' || (!options.format && zip)) {
    if (options.format === 'deck-zip') return readDeckPackage(bytes, options)
    const named = /\.(apkg|colpkg)$/i.test(options.fileName ?? '')
    let names: string[] | undefined
    try {
      names = zipEntryNames(bytes)
    } catch {
      names = undefined
    }
    if (names?.includes('deck.json')) return readDeckPackage(bytes, options)
    const file = options.fileName || 'this file'
    // an Anki package's damage is told by its reader, in its words
    if (!named && !names)
      return refuse(
        `${file} cannot be opened as a zip: it may be cut short or damaged; export it again`,
      )
    if (!named && !names!.some((n) => COLLECTION_NAMES.includes(n)))
      return refuse(
        `${file} is a zip archive holding neither an Intercept deck (deck.json with its pictures) nor an Anki collection: Intercept imports a deck exported with its pictures (.zip), an Anki package (.apkg) or a text export`,
      )
  }
  if (options.format === 'apkg' || (!options.format && isPackage(bytes, options.fileName))) {
    if (!options.loadSql)
      return { ok: false, issues: [{ message: 'Anki packages are read in the import worker' }] }
    const { importApkg } = await import('./apkg')
    try {
      return await importApkg(bytes, { ...options, loadSql: options.loadSql })
    } catch {
      return {
        ok: false,
        issues: [
          {
            message: 'this package could not be read: it may be damaged; export it from Anki again',
          },
        ],
      }
    }
  }
  return importFile(new TextDecoder().decode(bytes), options)
}

/**
 * Imports text in any format Intercept reads (detected unless `options.format` says), loading
 * the GIFT grammar only for GIFT. Never throws.
 * @example await importFile(text, { fileName: 'quiz.gift' })
 */
export async function importFile(
  text: string,
  options: ImportFileOptions = {},
): Promise<ImportResult> {
  const format = options.format ?? detectFormat(text, options.fileName)
  if (format === 'apkg')
    return {
      ok: false,
      issues: [
        { message: 'Anki packages (.apkg) are files: choose the file instead of pasting it' },
      ],
    }
  if (format === 'deck-zip')
    return {
      ok: false,
      issues: [
        {
          message: 'a deck with pictures (.zip) is a file: choose the file instead of pasting it',
        },
      ],
    }
  if (format === 'gift') {
    const { importGift } = await import('./gift')
    try {
      return importGift(text, options)
    } catch {
      // the grammar recurses: a pathological file can exhaust the stack
      return {
        ok: false,
        issues: [
          {
            message:
              'this GIFT file could not be read: part of it is too complex to follow; check it in Moodle',
          },
        ],
      }
    }
  }
  return importText(text, { ...options, ...(format !== 'unknown' ? { format } : {}) })
}
