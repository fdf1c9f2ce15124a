// A study session: today's queue, the card in front of the learner, answers, undo.
// Load → core → save → state. An answer is committed to IndexedDB before the next card shows.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import type { Card } from '@/core/deck'
import type { Graded, Recall } from '@/core/grading'
import type { StudyItem } from '@/core/items'
import { queueEntries, roundRobin, todayCounts } from '@/core/progress'
import {
  buildPools,
  correctAnswerText,
  needsPools,
  gradeResponse,
  recallOf,
  studyQuestion,
  type AnswerPools,
  type Question,
  type Response,
} from '@/core/questions'
import {
  afterAnswer,
  buildQueue,
  nextStep,
  withItemFirst,
  withoutItem,
  type StudyQueue,
} from '@/core/queue'
import { createRng } from '@/core/random'
import { answerItem } from '@/core/review'
import { createScheduler, newMemory, type Scheduler } from '@/core/scheduler'
import { schedulerSettings } from '@/core/settings'
import { countAnswer, emptySummary, uncountAnswer, type SessionSummary } from '@/core/studySession'
import { startOfStudyDay, studyDay } from '@/core/time'
import { reviewsSince, saveReview, StaleProgressError, undoReview } from '@/storage/progress'
import { requestPersistence } from '@/storage/persistence'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

export type StudyPhase = 'idle' | 'question' | 'revealed' | 'feedback' | 'wait' | 'done'

export interface CurrentCard {
  item: StudyItem
  card: Card
  question: Question
  /** Due date per rating, for labelling the self-grading buttons. */
  preview: Record<Recall, number>
  shownAt: number
  /** The progress revision the card was shown at: an answer from another tab since makes it stale. */
  rev: number | undefined
}

export interface Feedback {
  graded: Graded
  recall: Recall
  response: Response
  correctText: string
}

interface UndoEntry {
  itemId: string
  reviewId: string
  rev: number
  queue: Pick<StudyQueue, 'now' | 'later'>
  recall: Recall
  correct: boolean
}

export type { SessionSummary } from '@/core/studySession'

const GONE_NOTICE = 'This card was removed from its deck in another tab, so it was skipped.'

export const useStudyStore = defineStore('study', () => {
  const library = useLibraryStore()
  const settingsStore = useSettingsStore()

  const scope = ref<string | null>(null)
  const phase = ref<StudyPhase>('idle')
  const queue = shallowRef<Pick<StudyQueue, 'now' | 'later'>>({ now: [], later: [] })
  const current = shallowRef<CurrentCard | null>(null)
  const feedback = shallowRef<Feedback | null>(null)
  const waitUntil = ref<number | null>(null)
  const summary = shallowRef<SessionSummary>(emptySummary(Date.now()))
  const undoStack = shallowRef<UndoEntry[]>([])
  const notice = ref<string | null>(null)
  /** Cards in the session when it started: a card that comes back later today is still one. */
  const planned = ref(0)

  let scheduler: Scheduler = createScheduler()
  // built on first need: a session of flashcards never needs them, and 10,000 cards take a while
  let pools: AnswerPools | null = null

  const inSession = computed(
    () => phase.value === 'question' || phase.value === 'revealed' || phase.value === 'feedback',
  )
  const remaining = computed(() => queue.value.now.length + queue.value.later.length)
  const canUndo = computed(() => undoStack.value.length > 0 && phase.value !== 'idle')

  /**
   * The item and card as the library has them now, or undefined when the card has left its deck
   * or was retired (in another tab, by an edit or a deck update): such a card is never shown
   * and never answered. Read at every step, never copied, so a change elsewhere is seen at once.
   */
  function liveItem(id: string): { item: StudyItem; card: Card } | undefined {
    const item = library.itemById.get(id)
    const card = item && library.cardOf(item)
    if (!item || !card || library.progress.get(id)?.retired) return undefined
    return { item, card }
  }

  async function todaysLog(nowMs: number) {
    const day = settingsStore.day()
    const log = await reviewsSince(startOfStudyDay(studyDay(nowMs, day), day))
    return todayCounts(log, (id) => library.itemById.get(id)?.fact)
  }

  /** Starts a session over one deck, or every deck when `deckId` is null. */
  async function start(deckId: string | null): Promise<void> {
    await library.load()
    const nowMs = Date.now()
    const settings = settingsStore.settings
    scheduler = createScheduler(schedulerSettings(settings))
    pools = null
    const scoped = deckId
      ? (library.itemsByDeck.get(deckId) ?? [])
      : roundRobin([...library.itemsByDeck.values()])
    const today = await todaysLog(nowMs)
    // siblings of this session's facts studied earlier today wait, whichever deck they are in
    const built = buildQueue(queueEntries(scoped, library.progress), {
      nowMs,
      day: settingsStore.day(),
      newPerDay: settings.newPerDay,
      newToday: today.newToday,
      reviewsPerDay: settings.reviewsPerDay,
      reviewsToday: today.reviewsToday,
      factsToday: today.factsToday,
    })
    scope.value = deckId
    queue.value = { now: built.now, later: built.later }
    planned.value = built.now.length + built.later.length
    summary.value = emptySummary(nowMs)
    undoStack.value = []
    feedback.value = null
    notice.value = null
    advance(nowMs)
  }

  interface Screen {
    phase: StudyPhase
    current: CurrentCard | null
    waitUntil: number | null
    queue: Pick<StudyQueue, 'now' | 'later'>
  }

  /**
   * What shows next for `q`: a card, a wait for a learning step, or the end. `memoryOf` gives an
   * item's memory (it may include an answer not yet in the library's map).
   */
  function nextScreen(
    q: Pick<StudyQueue, 'now' | 'later'>,
    nowMs: number,
    memoryOf = (id: string) => library.progress.get(id)?.memory,
    revOf = (id: string) => library.progress.get(id)?.rev,
  ): Screen {
    let queueNow = q
    for (;;) {
      const step = nextStep(queueNow, nowMs)
      if (step.kind === 'done')
        return { phase: 'done', current: null, waitUntil: null, queue: queueNow }
      if (step.kind === 'wait')
        return { phase: 'wait', current: null, waitUntil: step.until, queue: queueNow }
      const live = liveItem(step.id)
      if (!live) {
        // the card left its deck since the queue was built (another tab edited it)
        queueNow = withoutItem(queueNow, step.id)
        continue
      }
      const { item, card } = live
      const memory = memoryOf(item.id) ?? newMemory(nowMs)
      const rng = createRng(`${item.id}:${memory.reps}`)
      pools ??= needsPools(card) ? buildPools(library.decks.map((d) => d.deck)) : null
      return {
        phase: 'question',
        waitUntil: null,
        queue: queueNow,
        current: {
          item,
          card,
          question: studyQuestion(item.deckId, card, item.variant, pools ?? new Map(), rng),
          preview: scheduler.preview(memory, nowMs, item.id),
          shownAt: nowMs,
          rev: revOf(item.id),
        },
      }
    }
  }

  function show(screen: Screen): void {
    feedback.value = null
    queue.value = screen.queue
    current.value = screen.current
    waitUntil.value = screen.waitUntil
    phase.value = screen.phase
  }

  /** Shows the next card, a wait for a learning step, or the end. */
  function advance(nowMs = Date.now()): void {
    show(nextScreen(queue.value, nowMs))
  }

  function reveal(): void {
    if (phase.value === 'question' && current.value?.question.form === 'self')
      phase.value = 'revealed'
  }

  /** Grades an answer, commits it, and shows feedback (auto-graded) or moves on (self-graded). */
  async function submit(response: Response, nowMs = Date.now()): Promise<void> {
    const card = current.value
    if (!card || (phase.value !== 'question' && phase.value !== 'revealed')) return
    const graded = gradeResponse(card.question, response)
    const recall = recallOf(card.question, response, graded, nowMs - card.shownAt)
    const committed = await commit(card, recall, graded.correct, nowMs, response.form === 'self')
    if (!committed) return
    if (response.form !== 'self') {
      feedback.value = { graded, recall, response, correctText: correctAnswerText(card.question) }
      phase.value = 'feedback'
    }
  }

  /** Self-graded cards: the learner's own rating. */
  function rate(recall: Recall): Promise<void> {
    return submit({ form: 'self', recall })
  }

  /**
   * Commits an answer. With `thenShowNext`, the next card is prepared while IndexedDB commits
   * and shown the moment it has: the answer is safe before the next card appears, and the
   * wait is spent usefully.
   */
  async function commit(
    card: CurrentCard,
    recall: Recall,
    correct: boolean,
    nowMs: number,
    thenShowNext: boolean,
  ): Promise<boolean> {
    const live = liveItem(card.item.id)
    const write =
      live &&
      answerItem(scheduler, {
        item: live.item,
        current: library.progress.get(live.item.id),
        recall,
        nowMs,
        durationMs: nowMs - card.shownAt,
        source: 'study',
        newAt: card.shownAt,
      })
    if (!write) {
      skipVanished(card.item.id, nowMs)
      return false
    }
    const { item } = live
    const after = write.row.memory
    const nextQueue = afterAnswer(queue.value, item.id, after, nowMs, settingsStore.day())
    // the revision the learner saw: if another tab answered since, this answer is refused
    const saving = saveReview(write.row, write.review, card.rev)
    const prepared = thenShowNext
      ? nextScreen(
          nextQueue,
          nowMs,
          (id) => (id === item.id ? after : library.progress.get(id)?.memory),
          (id) => (id === item.id ? (card.rev ?? 0) + 1 : library.progress.get(id)?.rev),
        )
      : null
    try {
      const saved = await saving
      library.applyRows([saved.row])
      undoStack.value = [
        ...undoStack.value.slice(-49),
        {
          itemId: item.id,
          reviewId: saved.reviewId,
          rev: saved.row.rev,
          queue: queue.value,
          recall,
          correct,
        },
      ]
      queue.value = nextQueue
      if (prepared) show(prepared)
      summary.value = countAnswer(summary.value, recall, correct, nowMs - card.shownAt)
      if (summary.value.answered === 1) void requestPersistence()
      return true
    } catch (error) {
      if (!(error instanceof StaleProgressError)) throw error
      notice.value =
        error.reason === 'retired'
          ? GONE_NOTICE
          : 'This card was just answered in another tab, so it was skipped here.'
      await library.reload()
      queue.value = withoutItem(queue.value, item.id)
      advance(nowMs)
      return false
    }
  }

  /** Takes back the last answer: its progress and log entry are restored, and the card shows again. */
  async function undo(): Promise<boolean> {
    const last = undoStack.value.at(-1)
    if (!last) return false
    const result = await undoReview(last.reviewId, last.rev)
    if (result === false) {
      notice.value = 'That answer can no longer be undone: the card was answered again since.'
      undoStack.value = undoStack.value.slice(0, -1)
      return false
    }
    if (result) library.applyRows([result])
    else library.applyRows([], [last.itemId])
    undoStack.value = undoStack.value.slice(0, -1)
    summary.value = uncountAnswer(summary.value, last.recall, last.correct)
    // the undone card goes back to the front of the queue
    queue.value = withItemFirst(last.queue, last.itemId)
    notice.value = null
    advance()
    return true
  }

  /** Moves past a card that is gone from the library, saying why it was skipped. */
  function skipVanished(id: string, nowMs = Date.now()): void {
    notice.value = GONE_NOTICE
    queue.value = withoutItem(queue.value, id)
    advance(nowMs)
  }

  // Another tab (or this one) edited a deck: a card on screen that is gone is skipped at once,
  // before the learner spends time on it.
  watch([() => library.itemById, () => library.progress], () => {
    const shown = current.value
    if (
      (phase.value === 'question' || phase.value === 'revealed') &&
      shown &&
      !liveItem(shown.item.id)
    )
      skipVanished(shown.item.id)
  })

  function end(): void {
    phase.value = 'idle'
    current.value = null
    feedback.value = null
  }

  return {
    scope,
    phase,
    queue,
    current,
    feedback,
    waitUntil,
    summary,
    notice,
    planned,
    inSession,
    remaining,
    canUndo,
    start,
    advance,
    reveal,
    submit,
    rate,
    undo,
    end,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStudyStore, import.meta.hot))
