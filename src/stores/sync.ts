// Sync across devices: whether it is on, the account, and how it is going. The sync code (PouchDB
// and the engine, a chunk of its own) is loaded only once the learner turns sync on.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { readServerAddress, type SyncStatus } from '@/core/syncModel'
import { syncOn } from '@/storage/outbox'
import { countReviews } from '@/storage/progress'
import {
  clearOutbox,
  onSyncOnChange,
  openSyncTabs,
  readSyncMeta as getMeta,
  setSyncOn,
  SYNC_ACCOUNT_KEY,
  writeSyncMeta as setMeta,
  type SyncTabMessage,
} from '@/storage/syncMeta'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

/** The account this device syncs with. No password: the server keeps a session cookie. */
export interface SyncAccount {
  server: string
  user: string
  /** This device's name in settings stamps (tie-breaks between devices). */
  deviceId: string
  /** Off after signing out; the account is remembered to fill in the form. */
  on: boolean
}

const ACCOUNT = SYNC_ACCOUNT_KEY

export interface SignInInput {
  server: string
  user: string
  password: string
  /** Create the account first. */
  create: boolean
}

type Engine = { syncOnce(): Promise<void>; stop(): Promise<void> }

/** How long a Sync now waits for the syncing tab to answer before the status says it did not. */
const OTHER_TAB_ANSWER_MS = 10_000

/** The Web Lock held by the one tab that syncs. */
const SYNC_LOCK = 'intercept-sync'

export const useSyncStore = defineStore('sync', () => {
  const library = useLibraryStore()
  const settings = useSettingsStore()
  const account = shallowRef<SyncAccount | null>(null)
  const status = shallowRef<SyncStatus | null>(null)
  const busy = ref(false)
  const error = ref<string | null>(null)
  /** Answers on this device, for the warning before a first sign-in merges them. */
  const localAnswers = ref(0)
  let engine: Engine | undefined
  let resuming: Promise<void> | undefined
  /** Ends this tab's turn at syncing (releases the lock another tab waits for). */
  let release: (() => void) | undefined
  /** Bumped by every start and stop: a tab that waited for its turn checks it is still wanted. */
  let generation = 0
  /** The other open tabs: the syncing one tells its status and runs a round another one asks for. */
  let tabs: ReturnType<typeof openSyncTabs> | undefined

  /** Set while a Sync now asked of the syncing tab waits for its first answer. */
  let unanswered: ReturnType<typeof setTimeout> | undefined

  function onTabMessage(message: SyncTabMessage): void {
    if (message.kind === 'status') {
      clearTimeout(unanswered)
      unanswered = undefined
    }
    if (engine) {
      if (message.kind === 'ask') tabs?.post({ kind: 'status', status: status.value })
      else if (message.kind === 'syncNow') void syncNow()
    } else if (message.kind === 'status' && message.status && account.value?.on && !release)
      status.value = { ...(message.status as SyncStatus), otherTab: true }
  }

  async function stop(): Promise<void> {
    generation++
    const running = engine
    engine = undefined
    await running?.stop()
    release?.()
    release = undefined
  }

  /**
   * Syncs from this tab, or waits while another open tab does: one tab at a time copies the outbox
   * and replicates (Web Locks), so two tabs never push or apply the same changes twice. When the
   * syncing tab closes, a waiting tab takes over.
   */
  async function start(current: SyncAccount, copyAll: boolean): Promise<void> {
    await stop()
    const mine = ++generation
    const client = await import('@/sync/client')
    tabs ??= openSyncTabs(onTabMessage)
    status.value = { phase: 'starting', waiting: 0 }
    const run = async (): Promise<void> => {
      // signed out or restarted (here or in another tab) while this tab waited
      const stored = await getMeta<SyncAccount>(ACCOUNT)
      if (mine !== generation || !stored?.on || stored.user !== current.user) return
      engine = client.startSync({
        server: current.server,
        user: current.user,
        deviceId: current.deviceId,
        copyAll,
        onStatus: (next) => {
          status.value = next
          tabs?.post({ kind: 'status', status: next })
        },
        onApplied: () => {
          void library.reload()
          void settings.reload()
        },
      })
      await new Promise<void>((resolve) => (release = resolve))
    }
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks
    if (!locks) return void run()
    void locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock) => {
      if (lock) return run()
      if (mine === generation) status.value = { phase: 'elsewhere', waiting: 0 }
      // the syncing tab answers with its status, shown here until this tab's turn comes
      tabs?.post({ kind: 'ask' })
      void locks.request(SYNC_LOCK, run)
    })
  }

  // signed in or out in another tab: follow it (a signed-out account stops syncing everywhere)
  onSyncOnChange((on) => {
    void (async () => {
      account.value = (await getMeta<SyncAccount>(ACCOUNT)) ?? null
      if (!on) {
        await stop()
        status.value = null
      } else if (account.value?.on && !engine && !release) await start(account.value, false)
    })()
  })

  /** At app start: resumes sync if it is on; otherwise nothing of sync is loaded. */
  function resume(): Promise<void> {
    resuming ??= (async () => {
      account.value = (await getMeta<SyncAccount>(ACCOUNT)) ?? null
      // the flag lost (storage cleared, a crash before it reached the disk): changes made since
      // were not queued, so everything is copied again
      const queued = syncOn()
      setSyncOn(account.value?.on === true)
      if (account.value?.on) await start(account.value, !queued)
      // sync off: the outbox is not needed (a first sync copies everything)
      else await clearOutbox()
    })().catch(() => {
      resuming = undefined
    })
    return resuming
  }

  async function countLocal(): Promise<void> {
    localAnswers.value = await countReviews()
  }

  /** Signs in (or up), remembers the account without its password, and starts syncing. */
  async function signIn(input: SignInInput): Promise<boolean> {
    error.value = null
    const address = readServerAddress(input.server)
    if (!address.ok) {
      error.value = address.message
      return false
    }
    const user = input.user.trim()
    if (!user || !input.password) {
      error.value = 'Enter a name and a password.'
      return false
    }
    busy.value = true
    try {
      const client = await import('@/sync/client')
      const result = await client.signIn(address.url, user, input.password, input.create)
      if (!result.ok) {
        error.value = result.message
        return false
      }
      const same = account.value?.server === address.url && account.value.user === user
      const next: SyncAccount = {
        server: address.url,
        user,
        deviceId: (same && account.value?.deviceId) || crypto.randomUUID(),
        on: true,
      }
      await setMeta(ACCOUNT, next)
      // from now on every change is queued; what came before, a first copy brings along
      setSyncOn(true)
      account.value = next
      await start(next, true)
      return true
    } finally {
      busy.value = false
    }
  }

  /**
   * One round now (the button); the status says how it went. In a tab that does not sync, the
   * syncing tab is asked to run it, and its status shows here as it goes.
   */
  async function syncNow(): Promise<void> {
    if (engine) return void (await engine.syncOnce().catch(() => undefined))
    if (!account.value?.on || !status.value) return
    status.value = { ...status.value, phase: 'syncing', otherTab: true, silent: false }
    tabs?.post({ kind: 'syncNow' })
    // a tab the browser froze in the background hears nothing until it wakes: say so
    clearTimeout(unanswered)
    unanswered = setTimeout(() => {
      unanswered = undefined
      if (!engine && status.value?.otherTab) status.value = { ...status.value, silent: true }
    }, OTHER_TAB_ANSWER_MS)
  }

  /** Stops syncing and ends the session; everything stays on this device. */
  async function signOut(): Promise<void> {
    const current = account.value
    if (!current) return
    busy.value = true
    try {
      await stop()
      const client = await import('@/sync/client')
      await client.signOut(current.server)
      const next = { ...current, on: false }
      await setMeta(ACCOUNT, next)
      // nothing is queued while sync is off; signing in again copies everything
      setSyncOn(false)
      await clearOutbox()
      account.value = next
      status.value = null
    } finally {
      busy.value = false
    }
  }

  return {
    account,
    status,
    busy,
    error,
    localAnswers,
    resume,
    countLocal,
    signIn,
    syncNow,
    signOut,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSyncStore, import.meta.hot))
