// Simulated devices for sync tests: each has its own stores in memory (the same rules as
// storage/sync.ts, built on the same core functions) and a PouchDB mirror on the memory adapter,
// replicating with the real sync server over loopback, signed in with a session cookie as the app is.
import { createRequire } from 'node:module'
import type { Recall } from '@/core/grading'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import type { ProgressRow, StoredDeck } from '@/core/records'
import {
  cardKey,
  cardKeyOfItem,
  countingLog,
  latestResets,
  laterReset,
  type CardReset,
} from '@/core/resets'
import { replayRow, reviewId, type LoggedReview } from '@/core/reviewLog'
import { createScheduler, DEFAULT_SCHEDULER, newMemory, type MemoryState } from '@/core/scheduler'
import { readSettings, schedulerSettings, type Settings } from '@/core/settings'
import { userDbName } from '@/core/syncModel'
import {
  createSyncEngine,
  type EngineState,
  type Pouch,
  type SyncEngine,
  type SyncStorage,
} from '@/sync/engine'
import type { AppliedBatch, IncomingBatch, OutboxItem } from '@/storage/sync'

const require = createRequire(import.meta.url)
type PouchStatic = (new (name: string, options?: object) => Pouch) & {
  plugin(p: unknown): PouchStatic
  fetch: typeof fetch
}
export const PouchDB = (require('pouchdb-core') as PouchStatic)
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'))

export async function signUpAndIn(server: string, name: string, password: string): Promise<string> {
  const put = await fetch(`${server}/_users/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, roles: [], type: 'user' }),
  })
  if (put.status !== 201 && put.status !== 403 && put.status !== 409)
    throw new Error(`sign-up ${put.status}`)
  const session = await fetch(`${server}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password }),
  })
  if (!session.ok) throw new Error(`sign-in ${session.status}`)
  return (session.headers.get('set-cookie') ?? '').split(';')[0]!
}

let counter = 0

export class Device {
  reviews = new Map<string, LoggedReview>()
  progress = new Map<string, ProgressRow>()
  decks = new Map<string, StoredDeck>()
  quiz = new Map<string, { id: string }>()
  /** Picture bytes by id (storage/pictures.ts). */
  pictures = new Map<string, PictureBlob>()
  /** The latest reset of each card, by card key (storage/resets.ts). */
  resets = new Map<string, CardReset>()
  settings: Settings = readSettings({})
  outbox: { seq: number; kind: OutboxItem['kind']; key: string }[] = []
  state: EngineState | undefined
  engine: SyncEngine
  local: Pouch
  remote: Pouch
  private seq = 0
  private randomCount = 0

  constructor(
    readonly name: string,
    server: string,
    user: string,
    cookie: string,
  ) {
    this.local = new PouchDB(`device-${name}-${++counter}`, { adapter: 'memory' })
    this.remote = new PouchDB(`${server}/${userDbName(user)}`, {
      skip_setup: true,
      fetch: (url: string, init: RequestInit) => {
        const headers = new Headers(init.headers)
        headers.set('cookie', cookie)
        return PouchDB.fetch(url, { ...init, headers })
      },
    })
    this.engine = createSyncEngine({
      local: this.local,
      remote: this.remote,
      storage: this.storage(),
      deviceId: name,
      now: () => Date.now(),
    })
  }

  scheduler() {
    return createScheduler(schedulerSettings(this.settings))
  }

  private queue(kind: OutboxItem['kind'], key: string) {
    this.outbox.push({ seq: ++this.seq, kind, key })
  }

  /** What the study store does: the answer builds on the memory this device holds. */
  answer(itemId: string, recall: Recall, at: number, source: 'study' | 'quiz' = 'study'): string {
    const stored = this.progress.get(itemId)
    const before: MemoryState = stored?.memory ?? newMemory(at)
    const { after } = this.scheduler().review(before, recall, at, itemId)
    const random = new Uint8Array(10)
    new DataView(random.buffer).setUint32(0, ++this.randomCount)
    random[9] = this.name.charCodeAt(0)
    const id = reviewId(at, random)
    const deckId = itemId.split('/')[0]!
    this.reviews.set(id, {
      id,
      itemId,
      deckId,
      at,
      recall,
      durationMs: 3000,
      before,
      after,
      source,
    })
    this.progress.set(itemId, {
      id: itemId,
      deckId,
      cardId: itemId.split('/')[1]!,
      fact: itemId,
      memory: after,
      retired: false,
      updatedAt: at,
      rev: (stored?.rev ?? 0) + 1,
    })
    this.queue('review', id)
    return id
  }

  /** Undo of this device's latest answer of an item, as storage/progress.undoReview does it. */
  undo(id: string): boolean {
    const review = this.reviews.get(id)
    if (!review) return false
    const later = [...this.reviews.values()].some(
      (r) => r.itemId === review.itemId && r.at > review.at,
    )
    // refused, as undoReview refuses it, when the row moved on (a reset of the card took it away)
    if (later || !this.progress.has(review.itemId)) return false
    this.reviews.delete(id)
    if (review.before.state === 'new' && review.before.reps === 0)
      this.progress.delete(review.itemId)
    else
      this.progress.set(review.itemId, {
        ...this.progress.get(review.itemId)!,
        memory: review.before,
      })
    this.queue('review', id)
    return true
  }

  /** A quiz handed in, as storage/quiz.finishQuiz writes it: the result and its answer's review. */
  finishQuiz(resultId: string, itemId: string, recall: Recall, at: number): string {
    this.quiz.set(resultId, { id: resultId })
    this.queue('quiz', resultId)
    return this.answer(itemId, recall, at, 'quiz')
  }

  /** A progress reset, as storage/progress.resetProgress does it: every review and result deleted. */
  reset(): string[] {
    const removed = [...this.reviews.keys()]
    for (const id of removed) this.queue('review', id)
    for (const id of this.quiz.keys()) this.queue('quiz', id)
    this.reviews.clear()
    this.quiz.clear()
    this.progress.clear()
    return removed
  }

  /** A deck deleted, as storage/decks.deleteDeck does it: the deck, its reviews and progress. */
  deleteDeck(deckId: string): string[] {
    const removed = [...this.reviews.values()].filter((r) => r.deckId === deckId).map((r) => r.id)
    for (const id of removed) {
      this.reviews.delete(id)
      this.queue('review', id)
    }
    for (const [id, row] of this.progress) if (row.deckId === deckId) this.progress.delete(id)
    this.decks.delete(deckId)
    this.queue('deck', deckId)
    return removed
  }

  /**
   * A deck edit that resets a card, as storage/decks.installDeck does it: the card's rows go, its
   * reviews stay in the log, and a reset record is queued.
   */
  resetCard(deckId: string, cardId: string, at: number): CardReset {
    const random = new Uint8Array(10)
    new DataView(random.buffer).setUint32(0, ++this.randomCount)
    random[9] = this.name.charCodeAt(0)
    const reset: CardReset = { id: reviewId(at, random), deckId, cardId, at }
    const key = cardKey(deckId, cardId)
    this.resets.set(key, laterReset(this.resets.get(key), reset))
    for (const id of this.progress.keys()) if (cardKeyOfItem(id) === key) this.progress.delete(id)
    this.queue('reset', key)
    return reset
  }

  /** An item's log as scheduling replays it: its reviews after its card's latest reset. */
  countingLog(itemId: string): LoggedReview[] {
    return countingLog(
      [...this.reviews.values()].filter((r) => r.itemId === itemId),
      this.resets,
    )
  }

  saveDeck(deck: StoredDeck, pictures: readonly PictureBlob[] = []) {
    for (const picture of pictures) this.pictures.set(picture.id, picture)
    this.decks.set(deck.id, deck)
    this.queue('deck', deck.id)
  }

  saveSettings(settings: Settings) {
    this.settings = settings
    this.queue('settings', 'settings')
  }

  storage(): SyncStorage {
    return {
      readOutbox: async (limit = 500) =>
        this.outbox.slice(0, limit).map((e): OutboxItem => {
          if (e.kind === 'review') return { ...e, kind: 'review', value: this.reviews.get(e.key) }
          if (e.kind === 'deck') return { ...e, kind: 'deck', value: this.decks.get(e.key) }
          if (e.kind === 'quiz') return { ...e, kind: 'quiz', value: this.quiz.get(e.key) }
          if (e.kind === 'settings') return { ...e, kind: 'settings', value: this.settings }
          if (e.kind === 'reset') return { ...e, kind: 'reset', value: this.resets.get(e.key) }
          return { ...e, kind: 'all', value: undefined }
        }),
      ackOutbox: async (seqs) => {
        const done = new Set(seqs)
        this.outbox = this.outbox.filter((e) => !done.has(e.seq))
      },
      countOutbox: async () => this.outbox.length,
      readSnapshot: async () => ({
        reviews: [...this.reviews.values()],
        resets: [...this.resets.values()],
        decks: [...this.decks.values()].filter((d) => d.origin === 'user'),
        quizResults: [...this.quiz.values()],
        settings: this.settings,
      }),
      applyIncoming: async (batch: IncomingBatch): Promise<AppliedBatch> => {
        const out: AppliedBatch = { items: [], decks: [], settings: false, quiz: false }
        if (batch.settings) {
          const merged = readSettings({ ...this.settings, ...batch.settings })
          if (JSON.stringify(merged) !== JSON.stringify(this.settings)) {
            this.settings = merged
            out.settings = true
          }
        }
        for (const deck of batch.decks) this.decks.set(deck.id, deck)
        for (const id of batch.deletedDecks) this.decks.delete(id)
        for (const r of batch.quizResults) this.quiz.set(r.id, r)
        for (const id of batch.deletedQuizResults) this.quiz.delete(id)
        const touched = new Set<string>()
        for (const r of batch.reviews)
          if (!this.reviews.has(r.id)) {
            this.reviews.set(r.id, r)
            touched.add(r.itemId)
          }
        for (const id of batch.deletedReviews) {
          const r = this.reviews.get(id)
          if (!r) continue
          this.reviews.delete(id)
          touched.add(r.itemId)
        }
        for (const [key, reset] of latestResets(batch.resets ?? [])) {
          const next = laterReset(this.resets.get(key), reset)
          if (next === this.resets.get(key)) continue
          this.resets.set(key, next)
          for (const id of this.progress.keys()) if (cardKeyOfItem(id) === key) touched.add(id)
        }
        for (const itemId of touched) {
          const log = this.countingLog(itemId)
          const stored = this.progress.get(itemId)
          const result = replayRow(itemId, log, stored, undefined, this.scheduler())
          if (result.kind === 'delete') this.progress.delete(itemId)
          if (result.kind === 'put')
            this.progress.set(itemId, { ...result.row, rev: (stored?.rev ?? 0) + 1 })
          if (result.kind !== 'same') out.items.push(itemId)
        }
        return out
      },
      readPictures: async (ids) => ids.flatMap((id) => this.pictures.get(id) ?? []),
      wantedPictures: async () =>
        [...pictureIdsOf([...this.decks.values()].flatMap((d) => d.deck.cards))].filter(
          (id) => !this.pictures.has(id),
        ),
      keepPictures: async (pictures) => {
        const named = pictureIdsOf([...this.decks.values()].flatMap((d) => d.deck.cards))
        for (const picture of pictures)
          if (named.has(picture.id)) this.pictures.set(picture.id, picture)
      },
      loadState: async () => this.state,
      saveState: async (state) => {
        this.state = state
      },
    }
  }

  async close() {
    await this.engine.stop()
    await this.local.close()
  }
}

export { DEFAULT_SCHEDULER }
