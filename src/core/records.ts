// The records the app keeps on the device: decks as installed, progress per item, the review log.
// Schemas here validate them when they come back from outside (a backup file).
import * as v from 'valibot'
import type { Deck } from './deck'
import { RECALLS, type Recall } from './recall'
import type { MemoryState } from './scheduler'

export type DeckOrigin = 'shipped' | 'user'

/** A deck as installed on this device. */
export interface StoredDeck {
  id: string
  origin: DeckOrigin
  deck: Deck
  installedAt: number
  updatedAt: number
}

/** Where an item stands. A row exists once an item has been studied. */
export interface ProgressRow {
  /** The item id (`deckId/cardId[~variant]`). */
  id: string
  deckId: string
  cardId: string
  fact: string
  memory: MemoryState
  /** The card left its deck: kept for history, never queued. */
  retired: boolean
  updatedAt: number
  /** Bumped on every write, so a write based on a stale read (another tab) is detected. */
  rev: number
}

export type ReviewSource = 'study' | 'quiz'

/** One review, as appended to the log: enough to replay history and refit FSRS parameters. */
export interface ReviewRow {
  /**
   * Unique on every device (see core/reviewLog.ts), so logs merge by id. Assigned by storage when
   * the review is first saved; absent only in old backups, whose reviews get one on reading.
   */
  id?: string
  itemId: string
  deckId: string
  /** When the answer was given (epoch ms). */
  at: number
  recall: Recall
  /** Time from showing the card to answering it. */
  durationMs: number
  before: MemoryState
  after: MemoryState
  source: ReviewSource
}

const Finite = v.pipe(v.number(), v.finite())
const Count = v.pipe(v.number(), v.integer(), v.minValue(0))
const Epoch = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))

export const MemorySchema = v.object({
  state: v.picklist(['new', 'learning', 'review', 'relearning']),
  due: Epoch,
  stability: v.pipe(Finite, v.minValue(0)),
  difficulty: v.pipe(Finite, v.minValue(0), v.maxValue(10)),
  scheduledDays: v.pipe(Finite, v.minValue(0)),
  learningSteps: Count,
  reps: Count,
  lapses: Count,
  lastReview: v.optional(Epoch),
})

export const ProgressRowSchema = v.object({
  id: v.pipe(v.string(), v.minLength(3), v.maxLength(200)),
  deckId: v.pipe(v.string(), v.minLength(1)),
  cardId: v.pipe(v.string(), v.minLength(1)),
  fact: v.string(),
  memory: MemorySchema,
  retired: v.boolean(),
  updatedAt: Epoch,
  rev: Count,
})

export const ReviewRowSchema = v.object({
  // an old backup numbers its reviews: that number means nothing elsewhere and is dropped
  id: v.optional(
    v.union([
      v.pipe(v.string(), v.regex(/^[0-9A-Za-z-]{10,80}$/)),
      v.pipe(
        v.number(),
        v.integer(),
        v.minValue(1),
        v.transform(() => undefined),
      ),
    ]),
  ),
  itemId: v.pipe(v.string(), v.minLength(3), v.maxLength(200)),
  deckId: v.pipe(v.string(), v.minLength(1)),
  at: Epoch,
  recall: v.picklist(RECALLS),
  durationMs: v.pipe(Finite, v.minValue(0)),
  before: MemorySchema,
  after: MemorySchema,
  source: v.picklist(['study', 'quiz']),
})

// Type-level check that the schemas and the interfaces agree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _memoryAgrees: Same<v.InferOutput<typeof MemorySchema>, MemoryState> = true
const _progressAgrees: Same<v.InferOutput<typeof ProgressRowSchema>, ProgressRow> = true
const _reviewAgrees: Same<v.InferOutput<typeof ReviewRowSchema>, ReviewRow> = true
void [_memoryAgrees, _progressAgrees, _reviewAgrees]
