// The sync outbox as every write path sees it: whether sync is on, and queuing a change inside the
// caller's transaction. Kept tiny and free of sync's code, since it is part of the first load.
import type { OutboxRow } from './db'

/** The localStorage key of the flag (set in syncMeta.ts, out of the first load). */
export const SYNC_FLAG = 'intercept-sync'

/**
 * Whether sync is on on this device, read synchronously (localStorage) so that the app start and
 * every write decide without waiting: with sync off, nothing of sync loads and the outbox stays
 * empty (a first sync copies everything on the device anyway).
 */
export function syncOn(): boolean {
  try {
    return localStorage.getItem(SYNC_FLAG) === 'on'
  } catch {
    // storage refused (private mode): sync cannot have been turned on here either
    return false
  }
}

/** A transaction whose scope includes the outbox. */
export interface OutboxTx {
  objectStore(name: 'outbox'): { add(row: OutboxRow): Promise<unknown> }
}

/**
 * Queues changes for sync in the caller's transaction, so a committed change is never missed;
 * nothing when sync is off. `kind` and `keys` name the objects; sync reads them as they stand
 * (absent: deleted, synced as a tombstone).
 */
export function queueSync(
  tx: OutboxTx,
  kind: OutboxRow['kind'],
  keys: readonly string[],
): Promise<unknown>[] {
  return syncWrites(tx, kind, keys).map((write) => write())
}

/** The same as writes still to issue, for a transaction written in slices (db.ts writeInSlices). */
export function syncWrites(
  tx: OutboxTx,
  kind: OutboxRow['kind'],
  keys: readonly string[],
): (() => Promise<unknown>)[] {
  if (!syncOn()) return []
  const outbox = tx.objectStore('outbox')
  return keys.map((key) => () => outbox.add({ kind, key }))
}
