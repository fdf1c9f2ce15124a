// Sync across devices: whether it is on, the account, and how it is going. The sync code (PouchDB
// and the engine, a chunk of its own) is loaded only once the learner turns sync on.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { readServerAddress, type SyncStatus } from '@/core/syncModel'
import { countReviews } from '@/storage/progress'
import {
  clearOutbox,
  readSyncMeta as getMeta,
  SYNC_ACCOUNT_KEY,
  writeSyncMeta as setMeta,
} from '@/storage/outbox'
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

  async function start(current: SyncAccount): Promise<void> {
    const client = await import('@/sync/client')
    await engine?.stop()
    status.value = { phase: 'starting', waiting: 0 }
    engine = client.startSync({
      server: current.server,
      user: current.user,
      deviceId: current.deviceId,
      onStatus: (next) => (status.value = next),
      onApplied: () => {
        void library.reload()
        void settings.reload()
      },
    })
  }

  /** At app start: resumes sync if it is on; otherwise nothing of sync is loaded. */
  function resume(): Promise<void> {
    resuming ??= (async () => {
      account.value = (await getMeta<SyncAccount>(ACCOUNT)) ?? null
      if (account.value?.on) await start(account.value)
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
      account.value = next
      await start(next)
      return true
    } finally {
      busy.value = false
    }
  }

  /** One round now (the button); the status says how it went. */
  async function syncNow(): Promise<void> {
    await engine?.syncOnce().catch(() => undefined)
  }

  /** Stops syncing and ends the session; everything stays on this device. */
  async function signOut(): Promise<void> {
    const current = account.value
    if (!current) return
    busy.value = true
    try {
      await engine?.stop()
      engine = undefined
      const client = await import('@/sync/client')
      await client.signOut(current.server)
      const next = { ...current, on: false }
      await setMeta(ACCOUNT, next)
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
