// The sync engine: copies the outbox into a PouchDB mirror, lets PouchDB replicate the mirror with
// the user's CouchDB database, and applies what other devices wrote back into the device's stores.
// Replication, checkpoints, retries and conflict detection are PouchDB's and CouchDB's; this file
// only translates between our records and documents and says what a conflict means (core/syncModel).
import {
  MAX_PICTURE_BYTES,
  pictureIdsOf,
  sniffPictureType,
  type PictureBlob,
} from '@/core/pictures'
import type { StoredDeck } from '@/core/records'
import { readCardReset } from '@/core/resets'
import type { LoggedReview } from '@/core/reviewLog'
import {
  DECK_PREFIX,
  deckConflictCopy,
  deckDoc,
  mergeSettingsFields,
  PICTURE_ATTACHMENT,
  PICTURE_PREFIX,
  pictureDoc,
  QUIZ_PREFIX,
  quizDoc,
  RESET_PREFIX,
  resetDoc,
  REVIEW_PREFIX,
  reviewDoc,
  SETTINGS_DOC,
  settingsOf,
  stampSettings,
  syncsDeck,
  type SettingsFields,
  type SyncDoc,
  type SyncStatus,
} from '@/core/syncModel'
import type { Settings } from '@/core/settings'
import type { AppliedBatch, IncomingBatch, LocalSnapshot, OutboxItem } from '@/storage/sync'

export type { SyncPhase, SyncStatus } from '@/core/syncModel'

/** The part of PouchDB this engine uses (pouchdb-core with an adapter, http and replication). */
export interface Pouch {
  get(id: string, options?: object): Promise<Doc>
  put(doc: object): Promise<{ rev: string }>
  bulkDocs(docs: object[]): Promise<({ ok?: boolean; error?: string } & object)[]>
  allDocs(options: object): Promise<{
    rows: { key: string; value?: { rev: string; deleted?: boolean }; error?: string }[]
  }>
  changes(options: object): Promise<{ results: Change[]; last_seq: number | string }>
  info(): Promise<{ update_seq: number | string }>
  close(): Promise<void>
  sync(remote: Pouch, options?: object): Replication
}
export interface Replication extends PromiseLike<unknown> {
  on(event: string, listener: (info: unknown) => void): Replication
  cancel(): void
}
type Doc = SyncDoc & { _rev: string; _deleted?: boolean; _conflicts?: string[] }
interface Change {
  id: string
  seq: number | string
  deleted?: boolean
  doc?: Doc
}

/** Engine bookkeeping kept on the device (in the meta store, per account). */
export interface EngineState {
  /** The mirror's change sequence applied to the device's stores so far. */
  appliedSeq: number | string
  /** Everything on the device was copied once (first sync of this device to this account). */
  copiedAll: boolean
  /** Settings fields as last merged, with who wrote each and when. */
  settingsFields: SettingsFields
  /**
   * Changes copied to the mirror since the server last confirmed it has everything: kept with the
   * checkpoints, so "3 changes waiting to be sent" survives a reload while the server is away.
   */
  unsent?: number
}

/** The device's stores, as the engine needs them (storage/sync.ts in the app). */
export interface SyncStorage {
  readOutbox(limit?: number): Promise<OutboxItem[]>
  ackOutbox(seqs: readonly number[]): Promise<void>
  countOutbox(): Promise<number>
  readSnapshot(): Promise<LocalSnapshot>
  applyIncoming(batch: IncomingBatch): Promise<AppliedBatch>
  /** The pictures with these ids that the device has. */
  readPictures(ids: readonly string[]): Promise<PictureBlob[]>
  /** Pictures the device's decks show but the device lacks (a deck came from another device). */
  wantedPictures(): Promise<string[]>
  /** Keeps pictures fetched for the device's decks (those no deck shows are left out). */
  keepPictures(pictures: readonly PictureBlob[]): Promise<void>
  loadState(): Promise<EngineState | undefined>
  saveState(state: EngineState): Promise<void>
}

export interface SyncEngineOptions {
  local: Pouch
  remote: Pouch
  storage: SyncStorage
  deviceId: string
  now: () => number
  /** Copy everything on the device to the mirror first, as on a first sync (idempotent). */
  copyAll?: boolean
  /** Called when applied changes touched the device's data (to refresh what is on screen). */
  onApplied?: (applied: AppliedBatch) => void
  onStatus?: (status: SyncStatus) => void
  /** How often the outbox is looked at while live. */
  pollMs?: number
}

const BATCH = 2000
/** Picture bytes fetched from the mirror before they are stored together. */
const PICTURE_BATCH_BYTES = 16 * 1024 * 1024

/** Bytes as base64, in slices (a 5 MB picture as one argument list would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text)
    const out = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
    return out
  } catch {
    return undefined
  }
}

/**
 * A picture document's bytes, kept only when they are what the id says (their SHA-256) and a
 * picture format the app shows: the server is not trusted with what the device stores.
 */
async function checkedPicture(id: string, data: unknown): Promise<PictureBlob | undefined> {
  const bytes = typeof data === 'string' ? fromBase64(data) : undefined
  // base64 of at most 5 MB, checked before decoding anything larger
  if (!bytes || bytes.length > MAX_PICTURE_BYTES) return undefined
  const type = sniffPictureType(bytes)
  if (!type) return undefined
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
  return hex === id ? { id, type, bytes } : undefined
}

export interface SyncEngine {
  /** Copies the outbox to the mirror (the first time: everything on the device). */
  push(): Promise<number>
  /** Applies what replication brought into the mirror. */
  pull(): Promise<void>
  /** One full round: push, replicate both ways once, pull. Rejects when the server refuses. */
  syncOnce(): Promise<void>
  /** Keeps syncing while the app is open: live replication, retried with back-off when offline. */
  startLive(): void
  stop(): Promise<void>
  status(): SyncStatus
  /**
   * What each request to the server came to (an HTTP status, or `offline` when it never arrived):
   * PouchDB retries quietly, so the status follows the requests themselves.
   */
  noteRequest(result: number | 'offline'): void
}

export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { local, remote, storage, deviceId, now } = options
  let state: EngineState | undefined
  let live: Replication | undefined
  let poll: ReturnType<typeof setInterval> | undefined
  let current: SyncStatus = { phase: 'starting', waiting: 0 }
  let chain: Promise<unknown> = Promise.resolve()
  let stopped = false
  /** Whether the server answered the latest request (see noteRequest). */
  let reachable = false
  const unsent = async () => (await loadState()).unsent ?? 0

  /** One step at a time: pushes and pulls never interleave. */
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = chain.then(step, step)
    chain = run.catch(() => undefined)
    return run
  }

  const report = (patch: Partial<SyncStatus>) => {
    current = { ...current, ...patch }
    options.onStatus?.(current)
  }

  async function loadState(): Promise<EngineState> {
    if (state) return state
    const stored = await storage.loadState()
    state = stored
      ? { ...stored, copiedAll: stored.copiedAll && !options.copyAll }
      : { appliedSeq: 0, copiedAll: false, settingsFields: {} }
    return state
  }
  async function saveState(patch: Partial<EngineState>): Promise<void> {
    state = { ...(await loadState()), ...patch }
    await storage.saveState(state)
  }

  async function revsOf(ids: string[]): Promise<Map<string, { rev: string; deleted?: boolean }>> {
    const out = new Map<string, { rev: string; deleted?: boolean }>()
    if (!ids.length) return out
    const { rows } = await local.allDocs({ keys: ids })
    for (const row of rows) if (row.value) out.set(row.key, row.value)
    return out
  }

  /** Puts immutable documents that are missing and deletes the ones named in `remove`. */
  async function writeImmutable(docs: SyncDoc[], remove: string[]): Promise<void> {
    const revs = await revsOf([...docs.map((d) => d._id), ...remove])
    const writes: object[] = []
    for (const doc of docs) if (!revs.has(doc._id)) writes.push(doc)
    for (const id of remove) {
      const rev = revs.get(id)
      if (rev && !rev.deleted) writes.push({ _id: id, _rev: rev.rev, _deleted: true })
    }
    if (writes.length) await local.bulkDocs(writes)
  }

  /** The pictures a deck shows that the mirror lacks, one document each (immutable: never a conflict). */
  async function writePictures(deck: StoredDeck): Promise<void> {
    const ids = [...pictureIdsOf(deck.deck.cards)]
    if (!ids.length) return
    const revs = await revsOf(ids.map((id) => PICTURE_PREFIX + id))
    const missing = ids.filter((id) => !revs.has(PICTURE_PREFIX + id))
    // one at a time: each may be megabytes
    for (const id of missing)
      for (const picture of await storage.readPictures([id]))
        await local.put(pictureDoc(picture.id, picture.type, toBase64(picture.bytes)))
  }

  async function writeDeck(id: string, deck: StoredDeck | undefined): Promise<void> {
    const docId = DECK_PREFIX + id
    const rev = (await revsOf([docId])).get(docId)
    if (!deck || !syncsDeck(deck)) {
      if (rev && !rev.deleted) await local.bulkDocs([{ _id: docId, _rev: rev.rev, _deleted: true }])
      return
    }
    // the pictures first: a device that gets the deck finds its pictures in the same replication
    await writePictures(deck)
    if (rev && !rev.deleted) {
      const existing = await local.get(docId)
      if (existing.type === 'deck' && JSON.stringify(existing.deck) === JSON.stringify(deck)) return
      await local.put({ ...deckDoc(deck), _rev: rev.rev })
    } else await local.put({ ...deckDoc(deck), ...(rev ? { _rev: rev.rev } : {}) })
  }

  async function settingsDoc(): Promise<(Doc & { fields: SettingsFields }) | undefined> {
    try {
      const doc = await local.get(SETTINGS_DOC)
      return doc.type === 'settings' ? (doc as Doc & { fields: SettingsFields }) : undefined
    } catch {
      return undefined
    }
  }

  async function writeSettings(settings: Settings): Promise<void> {
    const known = (await loadState()).settingsFields
    const doc = await settingsDoc()
    const merged = mergeSettingsFields(
      doc?.fields ?? {},
      stampSettings(settings, mergeSettingsFields(known, doc?.fields ?? {}), now(), deviceId),
    )
    await saveState({ settingsFields: merged })
    if (doc && JSON.stringify(doc.fields) === JSON.stringify(merged)) return
    await local.put({
      _id: SETTINGS_DOC,
      type: 'settings',
      fields: merged,
      ...(doc ? { _rev: doc._rev } : {}),
    })
  }

  async function copyEverything(): Promise<void> {
    const snapshot = await storage.readSnapshot()
    for (let i = 0; i < snapshot.reviews.length; i += BATCH)
      await writeImmutable(snapshot.reviews.slice(i, i + BATCH).map(reviewDoc), [])
    await writeImmutable(snapshot.quizResults.map(quizDoc), [])
    await writeImmutable(snapshot.resets.map(resetDoc), [])
    for (const deck of snapshot.decks) await writeDeck(deck.id, deck)
    await writeSettings(snapshot.settings)
  }

  async function pushNow(): Promise<number> {
    let pushed = 0
    const st = await loadState()
    if (!st.copiedAll) {
      // the outbox read first: whatever it holds is in the snapshot taken after it
      const before = await storage.readOutbox(Number.MAX_SAFE_INTEGER)
      await copyEverything()
      await storage.ackOutbox(before.map((e) => e.seq))
      // what the device already had is merged with the account's: apply the account's from the start
      await saveState({ copiedAll: true, appliedSeq: 0 })
      pushed += before.length
    }
    for (;;) {
      const items = await storage.readOutbox(BATCH)
      if (!items.length) break
      if (items.some((i) => i.kind === 'all')) {
        await copyEverything()
        await saveState({ appliedSeq: 0 })
      }
      const put: SyncDoc[] = []
      const removed: string[] = []
      for (const item of items) {
        if (item.kind === 'review') {
          if (item.value) put.push(reviewDoc(item.value))
          else removed.push(REVIEW_PREFIX + item.key)
        } else if (item.kind === 'quiz') {
          if (item.value) put.push(quizDoc(item.value))
          else removed.push(QUIZ_PREFIX + item.key)
        } else if (item.kind === 'reset' && item.value) put.push(resetDoc(item.value))
      }
      await writeImmutable(put, removed)
      for (const item of items) {
        if (item.kind === 'deck') await writeDeck(item.key, item.value)
      }
      const settings = items.findLast((i) => i.kind === 'settings')
      if (settings?.kind === 'settings') await writeSettings(settings.value)
      await storage.ackOutbox(items.map((i) => i.seq))
      pushed += items.length
    }
    if (pushed) await saveState({ unsent: (await unsent()) + pushed })
    report({ waiting: (await unsent()) + (await storage.countOutbox()) })
    return pushed
  }

  /** A deck edited on two devices: CouchDB's winner stays, each other version becomes a copy. */
  async function resolveDeck(doc: Doc & { type: 'deck' }): Promise<void> {
    const writes: object[] = []
    for (const rev of doc._conflicts ?? []) {
      const loser = (await local.get(doc._id, { rev })) as Doc
      if (
        loser.type === 'deck' &&
        JSON.stringify(loser.deck.deck) !== JSON.stringify(doc.deck.deck)
      ) {
        const copy = deckDoc(deckConflictCopy(loser.deck, rev))
        if (!(await revsOf([copy._id])).has(copy._id)) writes.push(copy)
      }
      writes.push({ _id: doc._id, _rev: rev, _deleted: true })
    }
    if (writes.length) await local.bulkDocs(writes)
  }

  /** Settings written on two devices: merged field by field, the losing revisions removed. */
  async function resolveSettings(doc: Doc & { fields: SettingsFields }): Promise<SettingsFields> {
    const versions = [doc.fields]
    for (const rev of doc._conflicts ?? []) {
      const other = (await local.get(doc._id, { rev })) as Doc
      if (other.type === 'settings') versions.push(other.fields)
    }
    const merged = mergeSettingsFields(...versions)
    if (doc._conflicts?.length)
      await local.bulkDocs([
        { _id: SETTINGS_DOC, _rev: doc._rev, type: 'settings', fields: merged },
        ...doc._conflicts.map((rev) => ({ _id: SETTINGS_DOC, _rev: rev, _deleted: true })),
      ])
    return merged
  }

  /** Fetches from the mirror the pictures the device's decks show and it lacks. */
  async function fetchPictures(): Promise<boolean> {
    const wanted = await storage.wantedPictures()
    let found: PictureBlob[] = []
    let bytes = 0
    let kept = false
    const flush = async () => {
      if (!found.length) return
      await storage.keepPictures(found)
      kept = true
      found = []
      bytes = 0
    }
    for (const id of wanted) {
      let doc: { _attachments?: Record<string, { data?: unknown }> }
      try {
        doc = (await local.get(PICTURE_PREFIX + id, { attachments: true })) as typeof doc
      } catch {
        continue // not replicated yet: fetched when its document arrives
      }
      const picture = await checkedPicture(id, doc._attachments?.[PICTURE_ATTACHMENT]?.data)
      if (!picture) continue
      found.push(picture)
      bytes += picture.bytes.length
      if (bytes >= PICTURE_BATCH_BYTES) await flush()
    }
    await flush()
    return kept
  }

  async function pullNow(): Promise<void> {
    for (;;) {
      const st = await loadState()
      const feed = await local.changes({
        since: st.appliedSeq,
        include_docs: true,
        conflicts: true,
        limit: BATCH,
      })
      if (!feed.results.length) return
      const batch: IncomingBatch = {
        reviews: [],
        deletedReviews: [],
        resets: [],
        decks: [],
        deletedDecks: [],
        quizResults: [],
        deletedQuizResults: [],
      }
      let fields: SettingsFields | undefined
      let pictures = false
      for (const change of feed.results) {
        const { id, doc } = change
        if (id.startsWith(REVIEW_PREFIX)) {
          if (change.deleted || !doc || doc.type !== 'review')
            batch.deletedReviews.push(id.slice(REVIEW_PREFIX.length))
          else batch.reviews.push(doc.review as LoggedReview)
        } else if (id.startsWith(DECK_PREFIX)) {
          if (change.deleted || !doc || doc.type !== 'deck')
            batch.deletedDecks.push(id.slice(DECK_PREFIX.length))
          else {
            if (doc._conflicts?.length) await resolveDeck(doc)
            batch.decks.push(doc.deck)
          }
        } else if (id.startsWith(PICTURE_PREFIX)) {
          pictures = true
        } else if (id.startsWith(RESET_PREFIX)) {
          // resets are never deleted; a malformed one is left out rather than trusted
          const reset =
            !change.deleted && doc?.type === 'reset' ? readCardReset(doc.reset) : undefined
          if (reset) batch.resets!.push(reset)
        } else if (id.startsWith(QUIZ_PREFIX)) {
          if (!change.deleted && doc?.type === 'quiz') batch.quizResults.push(doc.result)
          else batch.deletedQuizResults.push(id.slice(QUIZ_PREFIX.length))
        } else if (id === SETTINGS_DOC && !change.deleted && doc?.type === 'settings') {
          fields = await resolveSettings(doc as Doc & { fields: SettingsFields })
        }
      }
      if (fields) {
        const merged = mergeSettingsFields(st.settingsFields, fields)
        batch.settings = settingsOf(merged)
        await saveState({ settingsFields: merged })
      }
      const applied = await storage.applyIncoming(batch)
      // a deck from another device shows pictures that came (or come later) as documents of their own
      if ((batch.decks.length || pictures) && (await fetchPictures())) applied.pictures = true
      await saveState({ appliedSeq: feed.last_seq })
      if (
        applied.items.length ||
        applied.decks.length ||
        applied.settings ||
        applied.quiz ||
        applied.pictures
      )
        options.onApplied?.(applied)
    }
  }

  const push = () => serial(pushNow)
  const pull = () => serial(pullNow)

  function httpStatusOf(error: unknown): number | undefined {
    const status = (error as { status?: unknown } | null)?.status
    return typeof status === 'number' ? status : undefined
  }

  async function syncOnce(): Promise<void> {
    report({ phase: 'syncing' })
    try {
      await push()
      await local.sync(remote, { batch_size: 2000 })
      await saveState({ unsent: 0 })
      await pull()
      report({
        phase: 'synced',
        syncedAt: now(),
        waiting: await storage.countOutbox(),
        httpStatus: undefined,
      })
    } catch (error) {
      const httpStatus = httpStatusOf(error)
      report({
        phase:
          httpStatus === 401 || httpStatus === 403 ? 'denied' : httpStatus ? 'error' : 'offline',
        httpStatus,
        waiting: (await unsent()) + (await storage.countOutbox()),
      })
      throw error
    }
  }

  function startLive(): void {
    if (live || stopped) return
    report({ phase: 'syncing' })
    let pending = false
    const pushSoon = async () => {
      if (pending || stopped) return
      pending = true
      try {
        const waiting = await storage.countOutbox()
        if (waiting) {
          report({ waiting: (await unsent()) + waiting })
          await push()
        }
      } finally {
        pending = false
      }
    }
    void push().then(() => pull())
    live = local
      .sync(remote, {
        live: true,
        retry: true,
        // larger batches than PouchDB's 100: a new device pulls a long history in fewer round trips
        batch_size: 2000,
        // 1 s, 2 s, 4 s … up to 5 minutes between attempts while the server is away
        back_off_function: (delay: number) => (delay ? Math.min(delay * 2, 300_000) : 1000),
      })
      .on('change', () => void pull().catch(() => undefined))
      .on('paused', (error) => {
        // PouchDB can pause without an error between two failed attempts: only a pause after the
        // server answered means caught up
        if (error || !reachable) report({ phase: 'offline', httpStatus: httpStatusOf(error) })
        else
          // caught up with the server both ways
          void saveState({ unsent: 0 })
            .then(() => storage.countOutbox())
            .then((waiting) =>
              report({ phase: 'synced', syncedAt: now(), waiting, httpStatus: undefined }),
            )
            .catch(() => undefined)
      })
      .on('active', () => report({ phase: 'syncing' }))
      .on('denied', (error) => report({ phase: 'denied', httpStatus: httpStatusOf(error) ?? 403 }))
      .on('error', (error) => {
        const httpStatus = httpStatusOf(error)
        report({ phase: httpStatus === 401 || httpStatus === 403 ? 'denied' : 'error', httpStatus })
      })
    poll = setInterval(() => void pushSoon().catch(() => undefined), options.pollMs ?? 500)
  }

  async function stop(): Promise<void> {
    stopped = true
    if (poll) clearInterval(poll)
    live?.cancel()
    live = undefined
    await chain
  }

  function noteRequest(result: number | 'offline'): void {
    reachable = result !== 'offline' && result !== 401 && result !== 403 && result < 500
    if (stopped) return
    if (result === 'offline') {
      if (current.phase !== 'offline') report({ phase: 'offline', httpStatus: undefined })
    } else if (result === 401 || result === 403) report({ phase: 'denied', httpStatus: result })
    else if (result < 500 && (current.phase === 'offline' || current.phase === 'error'))
      report({ phase: 'syncing', httpStatus: undefined })
  }

  return { push, pull, syncOnce, startLive, stop, status: () => current, noteRequest }
}
