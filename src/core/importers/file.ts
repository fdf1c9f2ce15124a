// The one entry point for every importable format, text or file. Parsers that are large load
// only when their format is imported (a dynamic import: its own chunk, fetched by the import
// worker), so they never weigh on the first load or on the Import view.
import type { ImportOptions, ImportResult } from './common'
import { detectFormat, importText, type ImportFormat, type ImportTextOptions } from './index'

/** Names of the formats on the command line and in the Import view's "Read as" list. */
export const FORMAT_FLAGS = {
  auto: undefined,
  'anki-text': 'anki',
  quizlet: 'quizlet',
  gift: 'gift',
  aiken: 'aiken',
  deck: 'deck-json',
} as const satisfies Record<string, Exclude<ImportFormat, 'unknown'> | undefined>

/** Options for `importFile`: those of `importText`. */
export type ImportFileOptions = ImportTextOptions & ImportOptions

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
  if (format === 'gift') {
    const { importGift } = await import('./gift')
    try {
      return importGift(text, options)
    } catch (error) {
      // the grammar recurses: a pathological file can exhaust the stack
      return {
        ok: false,
        issues: [
          {
            message: `this GIFT file could not be read (${error instanceof Error ? error.message : String(error)})`,
          },
        ],
      }
    }
  }
  return importText(text, { ...options, ...(format !== 'unknown' ? { format } : {}) })
}
