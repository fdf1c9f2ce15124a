// Sync's bookkeeping on the device (the account, the engine's checkpoints, the outbox's size),
// free of the sync engine's imports: Settings → Sync reads it before any sync code loads.
import { db } from './db'
import { SYNC_FLAG, syncOn } from './outbox'

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

/** A value of sync's own bookkeeping (the account, the engine's checkpoints), kept in the meta store. */
export async function readSyncMeta<T>(key: string): Promise<T | undefined> {
  return (await (await db()).get('meta', key))?.value as T | undefined
}

export async function writeSyncMeta(key: string, value: unknown): Promise<void> {
  await (await db()).put('meta', { key, value })
}

/** Records whether sync is on (stores/sync.ts, on sign-in, sign-out and resume). */
export function setSyncOn(on: boolean): void {
  try {
    if (on) localStorage.setItem(SYNC_FLAG, 'on')
    else localStorage.removeItem(SYNC_FLAG)
  } catch {
    // private mode: this tab still syncs; the next start will not resume it by itself
  }
}

/** Calls `listener` when another tab turns sync on or off; returns an unsubscribe function. */
export function onSyncOnChange(listener: (on: boolean) => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key === SYNC_FLAG || event.key === null) listener(syncOn())
  }
  addEventListener('storage', handler)
  return () => removeEventListener('storage', handler)
}

/**
 * Messages between the open tabs of one device about sync: one tab syncs (a Web Lock), and the
 * others show its status and ask it for a round when the learner presses Sync now there.
 */
export type SyncTabMessage =
  { kind: 'status'; status: unknown } | { kind: 'ask' } | { kind: 'syncNow' }

/** The tabs' channel (BroadcastChannel: every other tab of the app hears it, never the sender). */
export function openSyncTabs(listener: (message: SyncTabMessage) => void): {
  post(message: SyncTabMessage): void
  close(): void
} {
  if (typeof BroadcastChannel === 'undefined') return { post: () => {}, close: () => {} }
  const channel = new BroadcastChannel('intercept-sync-tabs')
  channel.onmessage = (event: MessageEvent<SyncTabMessage>) => listener(event.data)
  return { post: (message) => channel.postMessage(message), close: () => channel.close() }
}
