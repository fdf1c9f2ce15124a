// The backup file: everything on the device in one JSON file. Import validates all of it before
// anything is written, so a corrupt or foreign file changes nothing.
import * as v from 'valibot'
import { formatIssue, parseDeck } from './deck'
import { jsonErrorText, parseJson } from './json'
import {
  ProgressRowSchema,
  ReviewRowSchema,
  type ProgressRow,
  type ReviewRow,
  type StoredDeck,
} from './records'
import { readCardReset, type CardReset } from './resets'
import { legacyReviewId, type LoggedReview } from './reviewLog'
import { readSettings, settingsProblems, type Settings } from './settings'
import { pictureIdsOf, PICTURE_TYPES, sniffPictureType, type PictureBlob } from './pictures'
import { pictureId, fromBase64, toBase64 } from './pictureBytes'

/**
 * The newest backup format read. Format 2 added pictures; a backup with none is still written as
 * format 1, which versions from before pictures read.
 */
export const BACKUP_FORMAT = 2

/** A picture in a backup file: its bytes in base64, checked against its SHA-256 on reading. */
export interface BackupPicture {
  id: string
  type: PictureBlob['type']
  data: string
}

export interface Backup {
  app: 'intercept'
  kind: 'backup'
  format: number
  exportedAt: number
  settings: Settings
  decks: StoredDeck[]
  progress: ProgressRow[]
  reviews: ReviewRow[]
  /** Quiz results, validated by the quiz module's schema when there is one. */
  quizResults: unknown[]
  /** The pictures the decks name. */
  pictures: BackupPicture[]
  /**
   * The latest reset of each card that started over (core/resets.ts), so the log replays as it did
   * on the device; absent in backups from before resets (and left out when there are none).
   */
  resets?: CardReset[]
}

/** Counts shown before an import replaces anything. */
export interface BackupSummary {
  decks: number
  userDecks: number
  progress: number
  reviews: number
  quizResults: number
  pictures: number
  exportedAt: number
}

export type BackupResult =
  { ok: true; backup: Backup; summary: BackupSummary } | { ok: false; errors: string[] }

const StoredDeckShell = v.object({
  id: v.string(),
  origin: v.picklist(['shipped', 'user']),
  deck: v.unknown(),
  installedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  updatedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

const Envelope = v.object({
  app: v.literal('intercept'),
  kind: v.literal('backup'),
  format: v.pipe(v.number(), v.integer(), v.minValue(1)),
  exportedAt: v.pipe(v.number(), v.minValue(0)),
  settings: v.optional(v.unknown()),
  decks: v.array(v.unknown()),
  progress: v.array(v.unknown()),
  reviews: v.array(v.unknown()),
  quizResults: v.optional(v.array(v.unknown()), []),
  pictures: v.optional(v.array(v.unknown()), []),
  resets: v.optional(v.array(v.unknown()), []),
})

const BackupPictureSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  type: v.picklist(PICTURE_TYPES),
  data: v.string(),
})

const MAX_ERRORS = 20

/** Builds the backup of what is stored. */
export function makeBackup(
  parts: Omit<Backup, 'app' | 'kind' | 'format' | 'pictures'> & { pictures?: BackupPicture[] },
): Backup {
  // a whole backup may be passed in (a copy with other parts): its own envelope is not kept
  const {
    app: _app,
    kind: _kind,
    format: _format,
    pictures = [],
    resets = [],
    ...rest
  } = parts as typeof parts & Partial<Backup>
  return {
    app: 'intercept',
    kind: 'backup',
    format: pictures.length ? BACKUP_FORMAT : 1,
    ...rest,
    pictures,
    // older versions ignore the field (their replay then counts a reset card's earlier reviews)
    ...(resets.length ? { resets } : {}),
  }
}

/** A stored picture as a backup holds it. */
export function backupPicture(picture: PictureBlob): BackupPicture {
  return { id: picture.id, type: picture.type, data: toBase64(picture.bytes) }
}

/** A backup's picture as stored (the backup was validated by `readBackup`, so its data decodes). */
export function restoredPicture(picture: BackupPicture): PictureBlob {
  return { id: picture.id, type: picture.type, bytes: fromBase64(picture.data) ?? new Uint8Array() }
}

/**
 * Reads and validates a backup file's text completely. Every problem is reported with where it
 * is ("progress row 12: …"), up to a limit; nothing is returned unless everything is valid.
 * `quizResultSchema` validates quiz results when the caller has one.
 */
export function readBackup(text: string, quizResultSchema?: v.GenericSchema): BackupResult {
  const json = parseJson(text)
  if (!json.ok)
    return { ok: false, errors: [`This is not a readable backup: ${jsonErrorText(json)}.`] }
  const raw = json.value as Record<string, unknown> | null
  if (typeof raw !== 'object' || raw === null || raw.app !== 'intercept' || raw.kind !== 'backup')
    return {
      ok: false,
      errors: ['This file is not an Intercept backup. Choose a file made with “Export backup”.'],
    }
  if (typeof raw.format === 'number' && raw.format > BACKUP_FORMAT)
    return {
      ok: false,
      errors: [
        'This backup was made by a newer version of Intercept. Update the app, then import it.',
      ],
    }
  const envelope = v.safeParse(Envelope, raw)
  if (!envelope.success)
    return {
      ok: false,
      errors: envelope.issues
        .slice(0, MAX_ERRORS)
        .map((i) => `${v.getDotPath(i) ?? 'backup'}: ${i.message}`),
    }
  const e = envelope.output
  const errors: string[] = []
  const push = (message: string) => {
    if (errors.length < MAX_ERRORS) errors.push(message)
  }

  if (e.settings !== undefined && e.settings !== null) settingsProblems(e.settings).forEach(push)

  const decks: StoredDeck[] = []
  const deckIds = new Set<string>()
  e.decks.forEach((item, i) => {
    const shell = v.safeParse(StoredDeckShell, item)
    if (!shell.success) return push(`deck ${i + 1}: ${shell.issues[0]?.message}`)
    const deck = parseDeck(shell.output.deck)
    if (!deck.ok)
      return push(
        `deck ${i + 1} (${shell.output.id}): ${deck.issues
          .slice(0, 3)
          .map((x) => formatIssue(x))
          .join('; ')}`,
      )
    if (deck.value.id !== shell.output.id)
      return push(`deck ${i + 1}: its id does not match its content`)
    if (deckIds.has(deck.value.id))
      return push(`deck ${i + 1}: the id ${deck.value.id} appears twice`)
    deckIds.add(deck.value.id)
    decks.push({ ...shell.output, deck: deck.value })
  })

  const progress: ProgressRow[] = []
  const progressIds = new Set<string>()
  e.progress.forEach((item, i) => {
    const row = v.safeParse(ProgressRowSchema, item)
    if (!row.success) return push(`progress row ${i + 1}${where(row.issues[0]!)}`)
    if (progressIds.has(row.output.id))
      return push(`progress row ${i + 1}: ${row.output.id} appears twice`)
    progressIds.add(row.output.id)
    progress.push(row.output)
  })

  const reviews: LoggedReview[] = []
  const reviewIds = new Set<string>()
  e.reviews.forEach((item, i) => {
    const row = v.safeParse(ReviewRowSchema, item)
    if (!row.success) return push(`review ${i + 1}${where(row.issues[0]!)}`)
    // a review from before ids were unique gets the same id it gets everywhere (see legacyReviewId)
    const id = row.output.id ?? legacyReviewId(row.output)
    if (reviewIds.has(id)) {
      if (row.output.id !== undefined) return push(`review ${i + 1}: id ${id} appears twice`)
      return // the same old review twice: kept once
    }
    reviewIds.add(id)
    reviews.push({ ...row.output, id })
  })

  const quizResults: unknown[] = []
  e.quizResults.forEach((item, i) => {
    if (!quizResultSchema) return quizResults.push(item)
    const row = v.safeParse(quizResultSchema, item)
    if (!row.success) return push(`quiz result ${i + 1}${where(row.issues[0]!)}`)
    quizResults.push(row.output)
  })

  const pictures: BackupPicture[] = []
  const pictureIds = new Set<string>()
  e.pictures.forEach((item, i) => {
    const row = v.safeParse(BackupPictureSchema, item)
    if (!row.success) return push(`picture ${i + 1}${where(row.issues[0]!)}`)
    const bytes = fromBase64(row.output.data)
    if (!bytes) return push(`picture ${i + 1}: its data is not base64`)
    if (pictureId(bytes) !== row.output.id || sniffPictureType(bytes) !== row.output.type)
      return push(`picture ${i + 1}: its bytes are damaged (they do not match its id)`)
    if (pictureIds.has(row.output.id)) return
    pictureIds.add(row.output.id)
    pictures.push(row.output)
  })
  for (const deck of decks)
    for (const id of pictureIdsOf(deck.deck.cards))
      if (!pictureIds.has(id))
        push(
          `deck ${deck.id}: a card shows a picture the backup does not hold (${id.slice(0, 12)}…)`,
        )

  const resets: CardReset[] = []
  e.resets.forEach((item, i) => {
    const reset = readCardReset(item)
    if (!reset) return push(`card reset ${i + 1}: not a card, an id and a moment`)
    resets.push(reset)
  })

  if (errors.length) return { ok: false, errors }
  const backup = makeBackup({
    exportedAt: e.exportedAt,
    settings: readSettings(e.settings),
    decks,
    progress,
    reviews,
    quizResults,
    pictures,
    resets,
  })
  return { ok: true, backup, summary: summarize(backup) }
}

/** ", field "memory.state": expected one of …" — where in a row the first problem is, in words. */
function where(issue: v.BaseIssue<unknown>): string {
  const path = v.getDotPath(issue)
  const what =
    issue.input === undefined
      ? 'is missing'
      : issue.expected
        ? `should be ${issue.expected}, not ${issue.received}`
        : issue.message
  return path ? `, field "${path}": ${what}` : `: ${what}`
}

/** The counts of a backup (or of what is stored now, in the same shape). */
export function summarize(
  backup: Pick<Backup, 'decks' | 'progress' | 'reviews' | 'quizResults' | 'exportedAt'> & {
    pictures?: readonly unknown[]
  },
): BackupSummary {
  return {
    decks: backup.decks.length,
    userDecks: backup.decks.filter((d) => d.origin === 'user').length,
    progress: backup.progress.length,
    reviews: backup.reviews.length,
    quizResults: backup.quizResults.length,
    pictures: backup.pictures?.length ?? 0,
    exportedAt: backup.exportedAt,
  }
}
