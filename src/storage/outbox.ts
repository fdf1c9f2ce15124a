// The sync outbox's housekeeping, free of the sync code's imports (read at every app start).
import { db } from './db'

/** Empties the outbox (sync is off: a first sync copies everything anyway). */
export async function clearOutbox(): Promise<void> {
  const database = await db()
  if ((await database.count('outbox')) > 0) await database.clear('outbox')
}

/** Changes not yet copied to the sync mirror. */
export async function countOutbox(): Promise<number> {
  return (await db()).count('outbox')
}

/** The meta key of the sync account (see stores/sync.ts). */
export const SYNC_ACCOUNT_KEY = 'syncAccount'

/**
 * Whether sync is on, read without loading any sync code. When it is off the outbox is emptied:
 * nothing needs it, since a first sync copies everything.
 */
export async function syncIsOn(): Promise<boolean> {
  const database = await db()
  const account = (await database.get('meta', SYNC_ACCOUNT_KEY))?.value as
    { on?: boolean } | undefined
  if (account?.on) return true
  await clearOutbox()
  return false
}

/** A value of sync's own bookkeeping (the account, the engine's checkpoints), kept in the meta store. */
export async function readSyncMeta<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('meta', key))?.value as T | undefined
}

export async function writeSyncMeta(key: string, value: unknown): Promise<void> {
  await (await db()).put('meta', { key, value })
}
