// The sync chunk's entry, loaded only once the learner turns sync on: PouchDB (IndexedDB mirror,
// HTTP and replication), the account calls, and the engine wired to the device's stores.
import PouchDB from 'pouchdb-core'
import httpAdapter from 'pouchdb-adapter-http'
import indexeddbAdapter from 'pouchdb-adapter-indexeddb'
import replication from 'pouchdb-replication'
import { userDbName } from '@/core/syncModel'
import { readSyncMeta as getMeta, writeSyncMeta as setMeta } from '@/storage/syncMeta'
import * as storage from '@/storage/sync'
import {
  createSyncEngine,
  type EngineState,
  type Pouch,
  type SyncEngine,
  type SyncStatus,
} from './engine'

PouchDB.plugin(indexeddbAdapter).plugin(httpAdapter).plugin(replication)

export type { SyncStatus } from './engine'

/** Account calls go with the session cookie; the password is sent once and never kept. */
const withCookies = (url: RequestInfo | URL, init: RequestInit = {}) =>
  fetch(url, { ...init, credentials: 'include' })

export type AccountResult = { ok: true } | { ok: false; status: number; message: string }

async function post(url: string, method: string, body?: object): Promise<Response> {
  return withCookies(url, {
    method,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
}

/** Signs in (a session cookie, HttpOnly, set by the server); with `create`, signs up first. */
export async function signIn(
  server: string,
  name: string,
  password: string,
  create: boolean,
): Promise<AccountResult> {
  try {
    if (create) {
      const made = await post(
        `${server}/_users/org.couchdb.user:${encodeURIComponent(name)}`,
        'PUT',
        {
          _id: `org.couchdb.user:${name}`,
          name,
          password,
          roles: [],
          type: 'user',
        },
      )
      if (made.status === 409 || made.status === 403)
        return {
          ok: false,
          status: made.status,
          message: 'That name is taken. Choose another, or sign in.',
        }
      if (!made.ok)
        return {
          ok: false,
          status: made.status,
          message: `The server refused the new account (${made.status}).`,
        }
    }
    const session = await post(`${server}/_session`, 'POST', { name, password })
    if (session.status === 401)
      return { ok: false, status: 401, message: 'The server refused the name or password.' }
    if (!session.ok)
      return {
        ok: false,
        status: session.status,
        message: `The server answered ${session.status}.`,
      }
    return { ok: true }
  } catch {
    return {
      ok: false,
      status: 0,
      message: 'The server could not be reached. Check the address and your connection.',
    }
  }
}

/** Ends the session on the server (the device keeps all its data). */
export async function signOut(server: string): Promise<void> {
  await post(`${server}/_session`, 'DELETE').catch(() => undefined)
}

export interface StartOptions {
  server: string
  user: string
  deviceId: string
  /** Copy everything on the device again (a sign-in: changes made while signed out were not queued). */
  copyAll?: boolean
  onStatus(status: SyncStatus): void
  onApplied(): void
}

const stateKey = (server: string, user: string) => `syncState:${server}|${user}`

/** Starts live sync for the signed-in user; the mirror is a PouchDB database per account. */
export function startSync(options: StartOptions): SyncEngine {
  const local = new PouchDB(`intercept-sync-${userDbName(options.user)}`, {
    adapter: 'indexeddb',
    auto_compaction: true,
  }) as unknown as Pouch
  const remote = new PouchDB(`${options.server}/${userDbName(options.user)}`, {
    skip_setup: true,
    fetch: async (url: RequestInfo | URL, init?: RequestInit) => {
      try {
        const response = await PouchDB.fetch(url, { ...init, credentials: 'include' })
        engine.noteRequest(response.status)
        return response
      } catch (error) {
        engine.noteRequest('offline')
        throw error
      }
    },
  }) as unknown as Pouch
  const key = stateKey(options.server, options.user)
  const engine = createSyncEngine({
    local,
    remote,
    deviceId: options.deviceId,
    copyAll: options.copyAll,
    now: () => Date.now(),
    storage: {
      ...storage,
      loadState: () => getMeta<EngineState>(key),
      saveState: (state) => setMeta(key, state),
    },
    onStatus: options.onStatus,
    onApplied: options.onApplied,
  })
  engine.startLive()
  return engine
}
