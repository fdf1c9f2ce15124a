// Quizzes: set one, sit it (resumable after a reload), finish it (result and scheduler updates).
// The wall clock drives everything: the session stores times, never a ticking counter.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { normalizeConfig, type QuizConfig } from '@/core/quiz/config'
import { generateQuiz, type QuizNotice } from '@/core/quiz/generate'
import { quizReviews, scoreQuiz, type QuizResult } from '@/core/quiz/result'
import {
  answer as answerAt,
  enforceTime,
  moveTo,
  pause as pauseAt,
  resume as resumeAt,
  startSession,
  submit as submitAt,
  type QuizSession,
  type QuizStep,
} from '@/core/quiz/session'
import { decksFingerprint } from '@/core/deckFingerprint'
import type { Response } from '@/core/questions'
import type { ProgressRow } from '@/core/records'
import { answerItem } from '@/core/review'
import { createScheduler } from '@/core/scheduler'
import { schedulerSettings } from '@/core/settings'
import { endOfStudyDay } from '@/core/time'
import {
  finishQuiz,
  getResult,
  getSession,
  openSessions,
  recentResults,
  resultsFor,
  saveSession,
  type QuizUpdate,
} from '@/storage/quiz'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

export type OpenOutcome = 'running' | 'finished' | 'missing'

export const useQuizStore = defineStore('quiz', () => {
  const library = useLibraryStore()
  const settingsStore = useSettingsStore()

  const session = shallowRef<QuizSession | null>(null)
  const notices = shallowRef<QuizNotice[]>([])
  const result = shallowRef<QuizResult | null>(null)
  const history = shallowRef<QuizResult[]>([])
  const recent = shallowRef<QuizResult[]>([])
  const unfinished = shallowRef<QuizSession | null>(null)
  let finishing: Promise<QuizResult> | null = null

  const isRunning = computed(
    () => session.value !== null && session.value.submittedAt === undefined,
  )

  /**
   * Generates a quiz from the installed decks and starts sitting it. The settings kept with it
   * carry the fingerprint of the decks it was generated from (whatever fingerprint they came
   * with), so sharing it from its result hands on what these questions were made from.
   */
  async function create(
    config: QuizConfig,
    nowMs = Date.now(),
  ): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
    await library.load()
    const decks = library.decks.map((d) => d.deck)
    // Canonical and plain: settings from a form arrive as reactive proxies, which IndexedDB
    // cannot store.
    config = normalizeConfig({ ...config, decks: decksFingerprint(decks, config.deckIds) })
    const quiz = generateQuiz(config, decks, { progress: library.progress, nowMs })
    if (!quiz.questions.length)
      return {
        ok: false,
        message:
          quiz.notices.map((n) => n.message).join(' ') ||
          'No questions could be made from these settings.',
      }
    const started = startSession(config, quiz, nowMs)
    await saveSession(started)
    session.value = started
    notices.value = quiz.notices
    result.value = null
    return { ok: true, id: started.id }
  }

  /**
   * Starts the questions of a finished quiz again, as they were asked: a weakest-first quiz rebuilt
   * from its settings would pick from progress the quiz itself just changed.
   */
  async function retake(
    finished: QuizResult,
    nowMs = Date.now(),
  ): Promise<{ ok: true; id: string } | { ok: false; message: string }> {
    const questions = finished.questions.map((q) => q.question)
    if (!questions.length) return { ok: false, message: 'This quiz had no questions to ask again.' }
    const started = startSession(finished.config, { questions }, nowMs)
    await saveSession(started)
    session.value = started
    notices.value = []
    result.value = null
    return { ok: true, id: started.id }
  }

  /** Opens a sitting by id: resumes it with the right time left, or reports that it is over. */
  async function open(id: string, nowMs = Date.now()): Promise<OpenOutcome> {
    await library.load()
    if (session.value?.id !== id) {
      const stored = await getSession(id)
      if (!stored) return (await getResult(id)) ? 'finished' : 'missing'
      session.value = stored
      notices.value = []
    }
    await tick(nowMs)
    return session.value ? 'running' : 'finished'
  }

  async function apply(step: QuizStep): Promise<QuizStep> {
    session.value = step.session
    await saveSession(step.session)
    if (step.session.submittedAt !== undefined) await finish(step.session)
    return step
  }

  /** Records the answer to the question on screen. */
  async function respond(response: Response, nowMs = Date.now()): Promise<QuizStep | null> {
    const s = session.value
    return s ? respondTo(s.current, response, nowMs) : null
  }

  /**
   * Records the answer to question `index`, refused unless it is still the one on screen: a save
   * that was waiting must not land on the question shown since.
   */
  async function respondTo(
    index: number,
    response: Response,
    nowMs = Date.now(),
  ): Promise<QuizStep | null> {
    const s = session.value
    if (!s) return null
    return apply(answerAt(s, index, response, nowMs))
  }

  /** Shows question `index` (refused when exam mode forbids going back). */
  async function go(index: number, nowMs = Date.now()): Promise<QuizStep | null> {
    const s = session.value
    if (!s) return null
    return apply(moveTo(s, index, nowMs))
  }

  async function pause(nowMs = Date.now()): Promise<QuizStep | null> {
    const s = session.value
    return s ? apply(pauseAt(s, nowMs)) : null
  }

  async function resume(nowMs = Date.now()): Promise<void> {
    const s = session.value
    if (s) await apply({ ok: true, session: resumeAt(s, nowMs) })
  }

  /** Hands the quiz in now. */
  async function submit(nowMs = Date.now()): Promise<QuizResult | null> {
    const s = session.value
    if (!s) return null
    const submitted = submitAt(s, nowMs)
    session.value = submitted
    await saveSession(submitted)
    return finish(submitted)
  }

  /** Applies deadlines that have passed (a question's or the whole quiz's); called on every tick. */
  async function tick(nowMs = Date.now()): Promise<void> {
    const s = session.value
    if (!s) return
    const next = enforceTime(s, nowMs)
    if (next === s) return
    await apply({ ok: true, session: next })
  }

  /** Scores a submitted sitting and stores it with its scheduler updates; runs once per sitting. */
  function finish(submitted: QuizSession): Promise<QuizResult> {
    finishing ??= (async () => {
      try {
        const scored = scoreQuiz(submitted)
        const updates = settingsStore.settings.quizFeedsScheduler
          ? schedulerUpdates(scored, submitted.submittedAt!)
          : []
        const written = await finishQuiz(scored, updates)
        library.applyRows(written)
        result.value = scored
        session.value = null
        return scored
      } finally {
        finishing = null
      }
    })()
    return finishing
  }

  function schedulerUpdates(scored: QuizResult, nowMs: number): QuizUpdate[] {
    const scheduler = createScheduler(schedulerSettings(settingsStore.settings))
    const day = settingsStore.day(nowMs)
    return quizReviews(scored, library.progress, nowMs, {
      dueBy: endOfStudyDay(nowMs, day),
    }).flatMap(({ itemId, recall, durationMs }) => {
      const item = library.itemById.get(itemId)
      if (!item) return []
      return [
        {
          itemId,
          apply: (current: ProgressRow | undefined) =>
            answerItem(scheduler, { item, current, recall, nowMs, durationMs, source: 'quiz' }),
        },
      ]
    })
  }

  /** Loads a finished quiz and the attempts with the same settings. */
  async function loadResult(id: string): Promise<boolean> {
    await library.load()
    const found = result.value?.id === id ? result.value : await getResult(id)
    if (!found) return false
    result.value = found
    history.value = await resultsFor(found.configKey)
    return true
  }

  /** The recent results and any unfinished sitting, for the quiz screen. */
  async function loadOverview(): Promise<void> {
    const [open, latest] = await Promise.all([openSessions(), recentResults(10)])
    unfinished.value = open[0] ?? null
    recent.value = latest
  }

  return {
    session,
    notices,
    result,
    history,
    recent,
    unfinished,
    isRunning,
    create,
    retake,
    open,
    respond,
    respondTo,
    go,
    pause,
    resume,
    submit,
    tick,
    loadResult,
    loadOverview,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useQuizStore, import.meta.hot))
