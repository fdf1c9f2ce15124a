// Quizzes: set one, sit it (resumable after a reload), finish it (result and scheduler updates).
// The wall clock drives everything: the session stores times, never a ticking counter.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import { normalizeConfig, type QuizConfig } from '@/core/quiz/config'
import type { Quiz, QuizNotice } from '@/core/quiz/generate'
import type { QuizResult } from '@/core/quiz/result'
import {
  answer as answerAt,
  enforceTime,
  moveTo,
  pause as pauseAt,
  remainingFor,
  resume as resumeAt,
  startSession,
  submit as submitAt,
  type QuizSession,
  type QuizStep,
} from '@/core/quiz/session'
import { decksFingerprint } from '@/core/deckFingerprint'
import { isBlankAnswer, sameResponse } from '@/core/pendingAnswer'
import type { Response } from '@/core/questions'
import type { ProgressRow } from '@/core/records'
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

/** A pause in typing this long saves the exam answer being written. */
export const ANSWER_PAUSE_MS = 400
/** With less than this left on the clock, every change to an exam answer is saved at once. */
export const ANSWER_RUSH_MS = 3000

// Making, scoring and scheduling a quiz (the question generator, grading, ts-fsrs) load when a
// quiz is created or handed in: the quiz screens show the form, a sitting and results first.
const generator = () => import('@/core/quiz/generate')
const scoring = () =>
  Promise.all([import('@/core/quiz/result'), import('@/core/scheduler'), import('@/core/review')])

export const useQuizStore = defineStore('quiz', () => {
  const library = useLibraryStore()
  const settingsStore = useSettingsStore()

  const session = shallowRef<QuizSession | null>(null)
  const notices = shallowRef<QuizNotice[]>([])
  const result = shallowRef<QuizResult | null>(null)
  const history = shallowRef<QuizResult[]>([])
  const recent = shallowRef<QuizResult[]>([])
  const unfinished = shallowRef<QuizSession | null>(null)
  /**
   * Quizzes handed in without the learner on their page: one in progress when another started,
   * or one whose time ran out while the app was closed. Newest last; the quiz screens list them.
   */
  const handedIn = shallowRef<QuizResult[]>([])
  /** How many times an exam answer could not be saved on this device (each failure is told). */
  const answerSaveFailures = shallowRef(0)
  // one scoring per sitting, however many callers (a tick, a hand-in, another path) ask at once
  const finishing = new Map<string, Promise<QuizResult>>()

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
    const made = await generate(config, nowMs)
    config = made.config
    const quiz = made.quiz
    if (!quiz.questions.length)
      return {
        ok: false,
        message:
          quiz.notices.map((n) => n.message).join(' ') ||
          'No questions could be made from these settings.',
      }
    await handInOpen(nowMs)
    const started = startSession(config, quiz, nowMs)
    await saveSession(started)
    session.value = started
    notices.value = quiz.notices
    result.value = null
    return { ok: true, id: started.id }
  }

  /**
   * The quiz these settings make from the installed decks, exactly as `create` makes it (the same
   * settings and seed give the same questions), without sitting it: no sitting is stored, none in
   * progress is handed in, and progress and the review log are only read (for a weakest-first
   * quiz), never written. For exporting a quiz from its settings. `config` comes back canonical,
   * carrying the fingerprint of the decks the questions were made from.
   */
  async function generate(
    config: QuizConfig,
    nowMs = Date.now(),
  ): Promise<{ config: QuizConfig; quiz: Quiz }> {
    await library.load()
    const decks = library.decks.map((d) => d.deck)
    // Canonical and plain: settings from a form arrive as reactive proxies, which IndexedDB
    // cannot store.
    const settings = normalizeConfig({ ...config, decks: decksFingerprint(decks, config.deckIds) })
    const { generateQuiz } = await generator()
    return {
      config: settings,
      quiz: generateQuiz(settings, decks, { progress: library.progress, nowMs }),
    }
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
    await handInOpen(nowMs)
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
    await flushAnswer()
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
    await flushAnswer()
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
  function record(submitted: QuizSession): Promise<QuizResult> {
    let job = finishing.get(submitted.id)
    if (!job) {
      job = (async () => {
        try {
          const modules = await scoring()
          const scored = modules[0].scoreQuiz(submitted)
          const updates = settingsStore.settings.quizFeedsScheduler
            ? schedulerUpdates(modules, scored, submitted.submittedAt!)
            : []
          library.applyRows(await finishQuiz(scored, updates))
          return scored
        } finally {
          finishing.delete(submitted.id)
        }
      })()
      finishing.set(submitted.id, job)
    }
    return job
  }

  /** Records the sitting on screen once submitted, and shows its result. */
  async function finish(submitted: QuizSession): Promise<QuizResult> {
    const scored = await record(submitted)
    if (session.value?.id === submitted.id) {
      result.value = scored
      session.value = null
    }
    return scored
  }

  /** Records a sitting handed in away from its page, and says so on the quiz screens. */
  async function handedInElsewhere(submitted: QuizSession): Promise<void> {
    await saveSession(submitted)
    const scored = await record(submitted)
    if (session.value?.id === submitted.id) session.value = null
    handedIn.value = [...handedIn.value.filter((r) => r.id !== scored.id), scored]
    if (unfinished.value?.id === scored.id) unfinished.value = null
    recent.value = [scored, ...recent.value.filter((r) => r.id !== scored.id)]
  }

  /**
   * Hands in every quiz still in progress, as of `nowMs` (or of its deadline, if that passed):
   * starting a new quiz would otherwise strand the old one where no screen reaches it, its answers
   * never scored or scheduled. Only one quiz is ever in progress.
   */
  async function handInOpen(nowMs: number): Promise<void> {
    await flushAnswer()
    for (const open of await openSessions()) {
      const current = session.value?.id === open.id ? session.value : open
      if (current.submittedAt !== undefined) continue
      await handedInElsewhere(submitAt(current, nowMs))
    }
  }

  /**
   * Hands in every quiz whose time ran out (while the app was closed, or in a tab asleep): called
   * when the app starts and whenever it comes back to the foreground, so no expired quiz still
   * shows as in progress. Quizzes with time left are untouched.
   */
  async function handInExpired(nowMs = Date.now()): Promise<void> {
    // the scheduler updates need the installed items
    await library.load()
    for (const open of await openSessions()) {
      const current = session.value?.id === open.id ? session.value : open
      const next = enforceTime(current, nowMs)
      if (next === current) continue
      if (next.submittedAt === undefined) {
        // per-question limits: the questions that ran out are closed, the quiz goes on
        if (session.value?.id === open.id) session.value = next
        await saveSession(next)
      } else if (session.value?.id === open.id) await apply({ ok: true, session: next })
      else await handedInElsewhere(next)
    }
  }

  // Exam answers in progress (typed, ticked, ordered, matched) are saved as they change, so a quiz
  // that hands itself in grades work in progress. Saves wait for a pause in typing (the whole
  // session is written each time), but not in the last seconds; every move and hand-in saves what
  // is waiting first. Each save names its question: one still waiting never lands on the question
  // shown since.
  let waiting: { index: number; response: Response } | null = null
  let answerTimer: ReturnType<typeof setTimeout> | undefined
  let answerSaving: Promise<unknown> = Promise.resolve()

  /**
   * Keeps `response`, the exam answer to question `index` as it stands, saving it after a pause
   * in typing (`ANSWER_PAUSE_MS`), or at once when under `ANSWER_RUSH_MS` are left. Practice
   * answers are given, not kept: this ignores them.
   */
  function keepAnswer(index: number, response: Response, nowMs = Date.now()): void {
    const s = session.value
    if (!s || s.config.mode !== 'exam' || s.timedOut[index]) return
    waiting = { index, response }
    clearTimeout(answerTimer)
    const left = remainingFor(s, nowMs)
    const rush = left !== null && left < ANSWER_RUSH_MS
    answerTimer = setTimeout(() => void flushAnswer(), rush ? 0 : ANSWER_PAUSE_MS)
  }

  /** Saves the kept exam answer now, if one is waiting; resolves once it is stored. */
  function flushAnswer(): Promise<unknown> {
    clearTimeout(answerTimer)
    const job = waiting
    waiting = null
    if (job)
      answerSaving = answerSaving.then(async () => {
        const s = session.value
        const q = s?.questions[job.index]?.question
        const saved = s?.answers[job.index] ?? null
        if (!q || sameResponse(job.response, saved)) return
        if (saved === null && isBlankAnswer(job.response, q)) return
        try {
          await respondTo(job.index, job.response)
        } catch (error) {
          console.error(error)
          answerSaveFailures.value++
        }
      })
    return answerSaving
  }

  function schedulerUpdates(
    [{ quizReviews }, { createScheduler }, { answerItem }]: Awaited<ReturnType<typeof scoring>>,
    scored: QuizResult,
    nowMs: number,
  ): QuizUpdate[] {
    const scheduler = createScheduler(schedulerSettings(settingsStore.settings))
    const day = settingsStore.day()
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
  async function loadOverview(nowMs = Date.now()): Promise<void> {
    await handInExpired(nowMs)
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
    handedIn,
    answerSaveFailures,
    isRunning,
    create,
    generate,
    retake,
    open,
    respond,
    respondTo,
    go,
    pause,
    resume,
    submit,
    tick,
    keepAnswer,
    flushAnswer,
    handInExpired,
    loadResult,
    loadOverview,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useQuizStore, import.meta.hot))
