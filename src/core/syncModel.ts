// What sync stores in the user's CouchDB database, and the rules that merge what two devices did
// apart. CouchDB/PouchDB replicate and detect conflicts; these rules say what a conflict means:
// - reviews are immutable documents with ids unique on every device: they never conflict, and an
//   undone review is a deleted document (a tombstone) on every device;
// - quiz results are immutable too, and so are card resets (a card starting over after a deck edit:
//   each device keeps the latest of a card, and replays the card's log from after it);
// - a deck edited on two devices keeps CouchDB's winner (the same on every device) and the other
//   version becomes a copy of its own, shown in the library, so no edit is dropped silently;
// - settings merge field by field, the latest write winning;
// - a picture is named by the SHA-256 of its bytes, so its document never changes: the bytes travel
//   as an attachment with the first deck that shows it, and a device fetches those its decks name.
import { LIMITS } from './limits'
import { stableHash } from './ids'
import type { StoredDeck } from './records'
import type { CardReset } from './resets'
import type { PictureType } from './pictures'
import type { LoggedReview } from './reviewLog'

export const REVIEW_PREFIX = 'r:'
export const DECK_PREFIX = 'd:'
export const QUIZ_PREFIX = 'q:'
export const RESET_PREFIX = 'x:'
export const PICTURE_PREFIX = 'p:'
/** The attachment of a picture document that holds its bytes. */
export const PICTURE_ATTACHMENT = 'bytes'
export const SETTINGS_DOC = 'settings'

export interface ReviewDoc {
  _id: string
  type: 'review'
  review: LoggedReview
}
export interface DeckDoc {
  _id: string
  type: 'deck'
  deck: StoredDeck
}
export interface QuizDoc {
  _id: string
  type: 'quiz'
  result: { id: string } & Record<string, unknown>
}
export interface ResetDoc {
  _id: string
  type: 'reset'
  reset: CardReset
}
/** A picture's bytes, as an attachment (base64 going in; CouchDB keeps them as binary). */
export interface PictureDoc {
  _id: string
  type: 'picture'
  pictureType: PictureType
  _attachments: Record<typeof PICTURE_ATTACHMENT, { content_type: string; data: string }>
}
/** One settings field as last written: its value, when, and by which device (for ties). */
export interface SettingsField {
  value: unknown
  at: number
  by: string
}
export type SettingsFields = Record<string, SettingsField>
export interface SettingsDoc {
  _id: typeof SETTINGS_DOC
  type: 'settings'
  fields: SettingsFields
}
export type SyncDoc = ReviewDoc | DeckDoc | QuizDoc | ResetDoc | PictureDoc | SettingsDoc

export const reviewDoc = (review: LoggedReview): ReviewDoc => ({
  _id: REVIEW_PREFIX + review.id,
  type: 'review',
  review,
})
export const deckDoc = (deck: StoredDeck): DeckDoc => ({
  _id: DECK_PREFIX + deck.id,
  type: 'deck',
  deck,
})
export const quizDoc = (result: { id: string }): QuizDoc => ({
  _id: QUIZ_PREFIX + result.id,
  type: 'quiz',
  result: result as QuizDoc['result'],
})

export const resetDoc = (reset: CardReset): ResetDoc => ({
  _id: RESET_PREFIX + reset.id,
  type: 'reset',
  reset,
})

export const pictureDoc = (id: string, type: PictureType, base64: string): PictureDoc => ({
  _id: PICTURE_PREFIX + id,
  type: 'picture',
  pictureType: type,
  _attachments: { [PICTURE_ATTACHMENT]: { content_type: type, data: base64 } },
})

/** Shipped decks come with the app on every device; only the user's own decks travel. */
export function syncsDeck(deck: StoredDeck): boolean {
  return deck.origin === 'user'
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Which of two writes of one field stands: the later one; at the same moment, the higher device id. */
function newer(a: SettingsField, b: SettingsField): SettingsField {
  if (a.at !== b.at) return a.at > b.at ? a : b
  if (a.by !== b.by) return a.by > b.by ? a : b
  return JSON.stringify(a.value) >= JSON.stringify(b.value) ? a : b
}

/**
 * Settings from several devices, merged field by field, the latest write winning. The merge is
 * commutative, associative and idempotent, so every device reaches the same settings whatever order
 * the versions meet in.
 */
export function mergeSettingsFields(...versions: readonly SettingsFields[]): SettingsFields {
  const out: SettingsFields = {}
  for (const fields of versions)
    for (const [key, field] of Object.entries(fields)) {
      const current = out[key]
      out[key] = current ? newer(current, field) : field
    }
  return out
}

/**
 * The fields after this device saved `settings`: a field whose value changed is stamped with `nowMs`
 * and `device`; the others keep their stamps, so an untouched field never overrides another device's
 * newer choice.
 */
export function stampSettings(
  settings: object,
  previous: SettingsFields,
  nowMs: number,
  device: string,
): SettingsFields {
  const out: SettingsFields = { ...previous }
  for (const [key, value] of Object.entries(settings)) {
    const before = previous[key]
    if (!before || !sameValue(before.value, value)) out[key] = { value, at: nowMs, by: device }
  }
  return out
}

/** The plain settings object the fields describe (validated by the caller with readSettings). */
export function settingsOf(fields: SettingsFields): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.value]))
}

/**
 * The losing version of a deck edited on two devices, as a deck of its own: a new id made from the
 * deck and the losing revision (so every device that resolves the same conflict makes the same
 * copy, once) and a title that says what it is.
 */
export function deckConflictCopy(loser: StoredDeck, loserRev: string): StoredDeck {
  const suffix = `-other-${stableHash(`${loser.id}@${loserRev}`)}`
  const id = loser.id.slice(0, LIMITS.idLength - suffix.length) + suffix
  return {
    ...loser,
    id,
    origin: 'user',
    deck: { ...loser.deck, id, title: `${loser.deck.title} (other version)` },
  }
}

/** CouchDB's per-user database name: `userdb-` and the UTF-8 bytes of the user name in hex. */
export function userDbName(name: string): string {
  const bytes: number[] = []
  for (const char of name) {
    const cp = char.codePointAt(0)!
    if (cp < 0x80) bytes.push(cp)
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      )
  }
  return `userdb-${bytes.map((b) => b.toString(16).padStart(2, '0')).join('')}`
}

export type ServerAddress = { ok: true; url: string } | { ok: false; message: string }

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * A sync server address as typed: HTTPS, or plain HTTP only to this machine (a password and every
 * answer would otherwise cross the network readable by anyone on the way).
 */
export function readServerAddress(input: string): ServerAddress {
  const text = input.trim()
  if (!text) return { ok: false, message: 'Enter the address of your sync server.' }
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    return {
      ok: false,
      message: 'That is not a web address (for example https://sync.example.org).',
    }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, message: 'The address must start with https://.' }
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname))
    return {
      ok: false,
      message:
        'Use https:// — plain http:// is only allowed for a server on this device (localhost).',
    }
  if (url.username || url.password || url.search || url.hash)
    return {
      ok: false,
      message: 'Enter the server address only, without a name, password or query.',
    }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` }
}

/** `elsewhere`: another open tab of the app runs sync for this device (one tab at a time does). */
export type SyncPhase =
  'starting' | 'syncing' | 'synced' | 'offline' | 'denied' | 'error' | 'elsewhere'

/** How sync is going, as the engine reports it. */
export interface SyncStatus {
  phase: SyncPhase
  /** When the device last matched the server (epoch ms). */
  syncedAt?: number
  /** Changes on this device not yet sent. */
  waiting: number
  /** HTTP status of the last failure, if any (401: the session ended or the password changed). */
  httpStatus?: number
  /** The status of the tab that syncs, shown in another open tab of the app. */
  otherTab?: boolean
  /** That tab did not answer a Sync now asked of it (the browser may have frozen it). */
  silent?: boolean
}

const waitingText = (waiting: number) =>
  waiting === 1 ? '1 change waiting to be sent' : `${waiting} changes waiting to be sent`

/**
 * The status in words a learner understands, e.g. "Synced at 14:02" or "Offline: 3 changes waiting
 * to be sent; they go when the server is back". `time` formats a moment in the learner's locale.
 */
export function describeSyncStatus(status: SyncStatus, time: (ms: number) => string): string {
  if (status.otherTab && status.silent)
    return 'The open tab of Intercept that syncs for this device did not answer; the browser may have put it to sleep. Switch to it, or close it, and this tab syncs.'
  const text = describeOwnStatus(status, time)
  return status.otherTab && status.phase !== 'elsewhere'
    ? `${text} Another open tab of Intercept syncs for this device.`
    : text
}

function describeOwnStatus(status: SyncStatus, time: (ms: number) => string): string {
  const waiting = status.waiting > 0 ? waitingText(status.waiting) : ''
  switch (status.phase) {
    case 'starting':
    case 'syncing':
      return waiting ? `Syncing… ${waiting}.` : 'Syncing…'
    case 'synced':
      return [
        status.syncedAt !== undefined ? `Synced at ${time(status.syncedAt)}` : 'Synced',
        waiting,
      ]
        .filter(Boolean)
        .join('; ')
        .concat('.')
    case 'offline':
      return waiting
        ? `Offline: ${waiting}; they go when the server can be reached again.`
        : 'Offline: the server cannot be reached. Sync resumes by itself when it can.'
    case 'denied':
      return status.httpStatus === 403
        ? 'The server refused access to this account’s data.'
        : 'The server refused the sign-in (the session ended or the password changed). Sign in again.'
    case 'elsewhere':
      return 'Syncing from another open tab of Intercept.'
    case 'error':
      return `The server answered with an error${status.httpStatus ? ` (${status.httpStatus})` : ''}; sync tries again in a while.`
  }
}
