// A study session: today's queue, the card in front of the learner, answers, undo.
// Load → core → save → state. An answer is committed to IndexedDB before the next card shows.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
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
import { afterAnswer, buildQueue, nextStep, type StudyQueue } from '@/core/queue'
import { createRng } from '@/core/random'
import { createScheduler, newMemory, type Scheduler } from '@/core/scheduler'
import { schedulerSettings } from '@/core/settings'
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

export interface SessionSummary {
  answered: number
  correct: number
  byRecall: Record<Recall, number>
  startedAt: number
  studyMs: number
}

const emptySummary = (at: number): SessionSummary => ({
  answered: 0,
  correct: 0,
  byRecall: { again: 0, hard: 0, good: 0, easy: 0 },
  startedAt: at,
  studyMs: 0,
})

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
  let cards = new Map<string, Card>()
  let items = new Map<string, StudyItem>()

  const inSession = computed(
    () => phase.value === 'question' || phase.value === 'revealed' || phase.value === 'feedback',
  )
  const remaining = computed(() => queue.value.now.length + queue.value.later.length)
  const canUndo = computed(() => undoStack.value.length > 0 && phase.value !== 'idle')

  function cardOf(item: StudyItem): Card | undefined {
    return cards.get(`${item.deckId}/${item.cardId}`)
  }

  async function todaysLog(nowMs: number) {
    const day = settingsStore.day(nowMs)
    const log = await reviewsSince(startOfStudyDay(studyDay(nowMs, day), day))
    return todayCounts(log, (id) => items.get(id)?.fact)
  }

  /** Starts a session over one deck, or every deck when `deckId` is null. */
  async function start(deckId: string | null): Promise<void> {
    await library.load()
    const nowMs = Date.now()
    const settings = settingsStore.settings
    scheduler = createScheduler(schedulerSettings(settings))
    const decks = library.decks
    pools = null
    cards = new Map(decks.flatMap((d) => d.deck.cards.map((c) => [`${d.id}/${c.id}`, c] as const)))
    const scoped = deckId
      ? (library.itemsByDeck.get(deckId) ?? [])
      : roundRobin([...library.itemsByDeck.values()])
    items = new Map(library.allItems.map((i) => [i.id, i]))
    const today = await todaysLog(nowMs)
    // siblings of this session's facts studied earlier today wait, whichever deck they are in
    const built = buildQueue(queueEntries(scoped, library.progress), {
      nowMs,
      day: settingsStore.day(nowMs),
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
      const item = items.get(step.id)
      const card = item && cardOf(item)
      if (!item || !card) {
        // the card left its deck since the queue was built (another tab edited it)
        queueNow = {
          now: queueNow.now.filter((id) => id !== step.id),
          later: queueNow.later.filter((l) => l.id !== step.id),
        }
        continue
      }
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
    const { item } = card
    const stored = library.progress.get(item.id)
    const before = stored?.memory ?? newMemory(card.shownAt)
    const { after } = scheduler.review(before, recall, nowMs, item.id)
    const nextQueue = afterAnswer(queue.value, item.id, after, nowMs, settingsStore.day(nowMs))
    const saving = saveReview(
      {
        id: item.id,
        deckId: item.deckId,
        cardId: item.cardId,
        fact: item.fact,
        memory: after,
        retired: false,
        updatedAt: nowMs,
      },
      {
        itemId: item.id,
        deckId: item.deckId,
        at: nowMs,
        recall,
        durationMs: Math.max(0, nowMs - card.shownAt),
        before,
        after,
        source: 'study',
      },
      // the revision the learner saw: if another tab answered since, this answer is refused
      card.rev,
    )
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
      const s = summary.value
      summary.value = {
        ...s,
        answered: s.answered + 1,
        correct: s.correct + (correct ? 1 : 0),
        byRecall: { ...s.byRecall, [recall]: s.byRecall[recall] + 1 },
        studyMs: s.studyMs + Math.min(nowMs - card.shownAt, 5 * 60_000),
      }
      if (summary.value.answered === 1) void requestPersistence()
      return true
    } catch (error) {
      if (!(error instanceof StaleProgressError)) throw error
      notice.value = 'This card was just answered in another tab, so it was skipped here.'
      await library.reload()
      queue.value = {
        now: queue.value.now.filter((id) => id !== item.id),
        later: queue.value.later.filter((l) => l.id !== item.id),
      }
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
    const s = summary.value
    summary.value = {
      ...s,
      answered: s.answered - 1,
      correct: s.correct - (last.correct ? 1 : 0),
      byRecall: { ...s.byRecall, [last.recall]: s.byRecall[last.recall] - 1 },
    }
    // the undone card goes back to the front of the queue
    queue.value = {
      now: [last.itemId, ...last.queue.now.filter((id) => id !== last.itemId)],
      later: last.queue.later.filter((l) => l.id !== last.itemId),
    }
    notice.value = null
    advance()
    return true
  }

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
