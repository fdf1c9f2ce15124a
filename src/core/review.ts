// What an answer writes: the one rule shared by study, quizzes and anything else that records a
// review. Pure: the scheduler, the stored row and the time are passed in.
import type { Recall } from './grading'
import type { StudyItem } from './items'
import type { ProgressRow, ReviewRow, ReviewSource } from './records'
import { newMemory, type Scheduler } from './scheduler'

/** What one answer is about and when it was given. */
export interface AnswerInput {
  /** The item answered, as its deck has it now. */
  item: Pick<StudyItem, 'id' | 'deckId' | 'cardId' | 'fact'>
  /** Its stored progress row, if it has one. */
  current: ProgressRow | undefined
  recall: Recall
  /** When the answer was given (epoch ms). */
  nowMs: number
  /** Time taken to answer; negative values (a clock set back) count as zero. */
  durationMs: number
  source: ReviewSource
  /**
   * When an item never studied is taken to have become new (epoch ms): the moment it was shown,
   * for study; defaults to `nowMs`.
   */
  newAt?: number
}

/** The progress row and review-log entry an answer writes, together or not at all. */
export interface AnswerWrite {
  /** The row to store; `rev` is one past the row it was built on. */
  row: ProgressRow
  review: ReviewRow
}

/**
 * What answering `input.item` writes: its new progress row (not retired, `rev` bumped) and the
 * review-log entry with the memory before and after. Returns null for a retired item, whose
 * history is kept as it is: an answer must never bring back a card its deck dropped.
 * @example answerItem(scheduler, { item, current: undefined, recall: 'good', nowMs, durationMs: 4000, source: 'study' })?.row.memory.state // 'learning'
 */
export function answerItem(
  scheduler: Pick<Scheduler, 'review'>,
  input: AnswerInput,
): AnswerWrite | null {
  const { item, current, recall, nowMs, source } = input
  if (current?.retired) return null
  const before = current?.memory ?? newMemory(input.newAt ?? nowMs)
  const { after } = scheduler.review(before, recall, nowMs, item.id)
  return {
    row: {
      id: item.id,
      deckId: item.deckId,
      cardId: item.cardId,
      fact: item.fact,
      memory: after,
      retired: false,
      updatedAt: nowMs,
      rev: (current?.rev ?? 0) + 1,
    },
    review: {
      itemId: item.id,
      deckId: item.deckId,
      at: nowMs,
      recall,
      durationMs: Math.max(0, input.durationMs),
      before,
      after,
      source,
    },
  }
}
