// Settings → Sync in a tab that does not sync (another open tab holds the Web Lock): its status is
// the syncing tab's, relayed over a BroadcastChannel, and Sync now asks that tab for a round; when
// the syncing tab does not answer (the browser froze it), the status says so. The other tab is
// played here by a channel of the test's own.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { describeSyncStatus, type SyncStatus } from '@/core/syncModel'
import { SYNC_ACCOUNT_KEY, setSyncOn, writeSyncMeta, type SyncTabMessage } from '@/storage/syncMeta'
import { useSyncStore } from '@/stores/sync'

// the sync chunk never starts here: this tab only waits for its turn
vi.mock('@/sync/client', () => ({ startSync: vi.fn(), signIn: vi.fn(), signOut: vi.fn() }))

/** Web Locks with the lock held elsewhere: `ifAvailable` gets none, a plain request waits. */
const heldElsewhere = {
  request: (_name: string, options: unknown, callback?: (lock: null) => unknown) =>
    typeof options === 'function' ? new Promise(() => {}) : (callback!(null), Promise.resolve()),
}

let other: BroadcastChannel
let heard: SyncTabMessage[]

beforeEach(async () => {
  vi.stubGlobal('navigator', { ...navigator, locks: heldElsewhere })
  setActivePinia(createPinia())
  heard = []
  other = new BroadcastChannel('intercept-sync-tabs')
  other.onmessage = (event: MessageEvent<SyncTabMessage>) => heard.push(event.data)
  setSyncOn(true)
  await writeSyncMeta(SYNC_ACCOUNT_KEY, {
    server: 'http://localhost:5984',
    user: 'ada',
    deviceId: 'device-1',
    on: true,
  })
})

afterEach(() => {
  other.close()
  setSyncOn(false)
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const text = (status: SyncStatus | null) => describeSyncStatus(status!, () => '14:02')

describe('sync in a tab that does not sync', () => {
  it('asks the syncing tab for its status and shows it, then asks it for a round', async () => {
    const sync = useSyncStore()
    await sync.resume()
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'ask' }))
    expect(sync.status?.phase).toBe('elsewhere')
    other.postMessage({ kind: 'status', status: { phase: 'synced', syncedAt: 1, waiting: 0 } })
    await vi.waitFor(() =>
      expect(text(sync.status)).toBe(
        'Synced at 14:02. Another open tab of Intercept syncs for this device.',
      ),
    )
    await sync.syncNow()
    expect(text(sync.status)).toMatch(/^Syncing…/)
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'syncNow' }))
    other.postMessage({ kind: 'status', status: { phase: 'synced', syncedAt: 2, waiting: 0 } })
    await vi.waitFor(() => expect(sync.status).toMatchObject({ syncedAt: 2, otherTab: true }))
  })

  it('says so when the syncing tab does not answer a Sync now, and follows it once it does', async () => {
    const sync = useSyncStore()
    await sync.resume()
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'ask' }))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await sync.syncNow()
    vi.advanceTimersByTime(9_000)
    expect(sync.status?.silent).toBeFalsy()
    vi.advanceTimersByTime(1_000)
    expect(text(sync.status)).toMatch(/did not answer; the browser may have put it to sleep/)
    vi.useRealTimers()
    // woken, it answers with the round it was asked for
    other.postMessage({ kind: 'status', status: { phase: 'synced', syncedAt: 3, waiting: 0 } })
    await vi.waitFor(() => expect(text(sync.status)).toMatch(/^Synced at 14:02\. Another/))
  })
})
