// The one entry point for every importable format, text or file. Parsers that are large load
// only when their format is imported (a dynamic import: its own chunk, fetched by the import
// worker), so they never weigh on the first load or on the Import view.
import type { SqlJsStatic } from 'sql.js'
import type { ApkgResult } from './apkg'
import type { ImportOptions, ImportResult } from './common'
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

/**
 * Imports a file's bytes: an Anki package (see `isPackage`) with `importApkg`, anything else as
 * UTF-8 text with `importFile`. Never throws.
 */
export async function importBytes(
  bytes: Uint8Array,
  options: ImportFileOptions = {},
): Promise<ApkgResult> {
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
