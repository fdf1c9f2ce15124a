// Personal FSRS parameters: what is remembered about fitting (the parameters before the last
// change, the last adopted fit, a review log imported from another tool), and the one
// transaction that switches parameters and reschedules every card.
import type { FitRecord } from '@/core/personalize'
import type { ProgressRow } from '@/core/records'
import type { Rescheduled } from '@/core/replay'
import { countingLog } from '@/core/resets'
import type { LoggedReview } from '@/core/reviewLog'
import type { RevlogEntry } from '@/core/revlog'
import { readSettings, type Settings } from '@/core/settings'
import { announce } from './changes'
import { db } from './db'
import { queueSync } from './outbox'
import { readResets } from './resets'

const KEY = 'fsrs'
const SETTINGS = 'settings'

/** What is kept about personal parameters, beside the parameters in the settings. */
export interface FsrsRecord {
  /** The parameters in use before the last change (null = the defaults), for "restore previous". */
  previous: number[] | null | undefined
  /** The last fit adopted. */
  lastFit?: FitRecord
  /** Reviews imported from another tool's revlog.csv: they teach the optimizer, schedule nothing. */
  imported: RevlogEntry[]
}

const EMPTY: FsrsRecord = { previous: undefined, imported: [] }

function read(value: unknown): FsrsRecord {
  if (typeof value !== 'object' || value === null) return { ...EMPTY }
  const v = value as Partial<FsrsRecord>
  return {
    previous: v.previous,
    ...(v.lastFit ? { lastFit: v.lastFit } : {}),
    imported: Array.isArray(v.imported) ? v.imported : [],
  }
}

export async function loadFsrsRecord(): Promise<FsrsRecord> {
  return read((await (await db()).get('meta', KEY))?.value)
}

/** Replaces the imported review log (an empty list forgets it). */
export async function saveImportedRevlog(entries: RevlogEntry[]): Promise<void> {
  const database = await db()
  const tx = database.transaction('meta', 'readwrite')
  const record = read((await tx.store.get(KEY))?.value)
  await tx.store.put({ key: KEY, value: { ...record, imported: entries } })
  await tx.done
}

/**
 * Switches the scheduler's parameters to `weights` (null = the defaults) and reschedules every
 * card, in one transaction or not at all: the settings, the fitting record and every progress
 * row `reschedule` returns (each with its `rev` bumped, so an answer in another tab based on the
 * old state is refused rather than lost). `reschedule` is given the stored rows and the log that
 * counts for scheduling (every review after its card's latest reset) with the new settings, inside the transaction, so no answer can slip in between.
 * @returns the outcome of `reschedule` and the settings now stored.
 */
export async function switchParameters(
  weights: number[] | null,
  lastFit: FitRecord | undefined,
  reschedule: (rows: ProgressRow[], log: LoggedReview[], settings: Settings) => Rescheduled,
): Promise<Rescheduled & { settings: Settings }> {
  const database = await db()
  const tx = database.transaction(['meta', 'progress', 'reviews', 'outbox'], 'readwrite')
  const meta = tx.objectStore('meta')
  const [settingsRow, recordRow, rows, log, resets] = await Promise.all([
    meta.get(SETTINGS),
    meta.get(KEY),
    tx.objectStore('progress').getAll(),
    tx.objectStore('reviews').getAll(),
    readResets(meta),
  ])
  const before = readSettings(settingsRow?.value)
  const settings = readSettings({ ...before, fsrsWeights: weights })
  const record = read(recordRow?.value)
  // a card that started over (core/resets.ts) is rescheduled from its reviews after the reset only
  const outcome = reschedule(rows, countingLog(log as LoggedReview[], resets), settings)
  const writes: Promise<unknown>[] = [
    meta.put({ key: SETTINGS, value: settings }),
    // the parameters travel with the settings; other devices reschedule with them too
    ...queueSync(tx, 'settings', [SETTINGS]),
    meta.put({
      key: KEY,
      value: {
        ...record,
        previous: before.fsrsWeights,
        ...(lastFit ? { lastFit } : {}),
      } satisfies FsrsRecord,
    }),
  ]
  const progress = tx.objectStore('progress')
  for (const row of outcome.rows) writes.push(progress.put({ ...row, rev: row.rev + 1 }))
  await Promise.all([...writes, tx.done])
  announce({ kind: 'settings' })
  announce({ kind: 'all' })
  return { ...outcome, settings }
}
