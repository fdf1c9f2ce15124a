import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import type { Response } from '@/core/questions'
import type { QuizConfig } from '@/core/quiz/config'
import type { QuizQuestion } from '@/core/quiz/generate'
import { remainingFor } from '@/core/quiz/session'
import { DAY_MS, MINUTE_MS } from '@/core/time'
import { installDeck } from '@/storage/decks'
import { listProgress, listReviews } from '@/storage/progress'
import { getResult, getSession } from '@/storage/quiz'
import { useLibraryStore } from '@/stores/library'
import { useQuizStore } from '@/stores/quiz'
import { useSettingsStore } from '@/stores/settings'
import { makeDeck, NOW } from '../core/fixtures'
import { stubOfflineFetch } from '../offline'

const single = (id: string, prompt: string, answer: string, distractors: string[]): Card => ({
  id,
  type: 'single',
  kind: 'country',
  prompt,
  answer,
  distractors,
  paragraphs: [9],
  tags: [],
})

const DECK = makeDeck({
  id: 'quiz-deck',
  cards: [
    single('ro', 'Where is the Aegis Ashore site of phase 2?', 'Romania', [
      'Poland',
      'Turkey',
      'Spain',
    ]),
    single('pl', 'Where is the Aegis Ashore site of phase 3?', 'Poland', [
      'Romania',
      'Turkey',
      'Spain',
    ]),
    single('tr', 'Where is the AN/TPY-2 radar in Europe?', 'Turkey', [
      'Romania',
      'Poland',
      'Spain',
    ]),
    single('es', 'Where are the four Aegis destroyers based?', 'Spain', [
      'Romania',
      'Poland',
      'Turkey',
    ]),
  ],
})

const LIMIT_MS = 5 * MINUTE_MS
const CONFIG: QuizConfig = {
  deckIds: ['quiz-deck'],
  tags: [],
  count: 4,
  forms: ['single'],
  timing: { kind: 'total', limitMs: LIMIT_MS },
  mode: 'exam',
  seed: 'seed-1',
}

const right = (q: QuizQuestion): Response => {
  if (q.question.form !== 'single') throw new Error('the fixture quiz is single choice')
  return { form: 'single', choice: q.question.answer }
}
const wrong = (q: QuizQuestion): Response => {
  if (q.question.form !== 'single') throw new Error('the fixture quiz is single choice')
  const answer = q.question.answer
  return { form: 'single', choice: q.question.options.find((o) => o !== answer)! }
}

/** A fresh page on the same device: new stores, the same IndexedDB. */
function reload() {
  setActivePinia(createPinia())
  return useQuizStore()
}

async function create(config: QuizConfig = CONFIG, nowMs = NOW): Promise<string> {
  const created = await useQuizStore().create(config, nowMs)
  if (!created.ok) throw new Error(created.message)
  return created.id
}

beforeEach(async () => {
  stubOfflineFetch()
  setActivePinia(createPinia())
  await installDeck(DECK, 'user', NOW - DAY_MS)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useQuizStore.create', () => {
  it('makes the same quiz from the same seed', async () => {
    await create()
    const first = useQuizStore().session!.questions
    expect(first).toHaveLength(4)
    expect(first.every((q) => q.form === 'single')).toBe(true)

    const quiz = reload()
    await create()
    expect(quiz.session!.questions).toEqual(first)
  })

  it('makes another quiz from another seed', async () => {
    await create()
    const first = useQuizStore().session!.questions
    const quiz = reload()
    await create({ ...CONFIG, seed: 'seed-2' })
    expect(quiz.session!.questions).not.toEqual(first)
    expect(new Set(quiz.session!.questions.map((q) => q.itemId))).toEqual(
      new Set(first.map((q) => q.itemId)),
    )
  })

  it('starts sitting the quiz and stores the sitting', async () => {
    const quiz = useQuizStore()
    const id = await create()
    expect(quiz.isRunning).toBe(true)
    expect(quiz.session).toMatchObject({ id, current: 0, startedAt: NOW })
    expect(await getSession(id)).toEqual(quiz.session)
  })

  it('explains why no quiz could be made', async () => {
    const quiz = useQuizStore()
    const created = await quiz.create({ ...CONFIG, forms: ['ordering'] }, NOW)
    expect(created).toEqual({
      ok: false,
      message: expect.stringContaining('No ordering questions'),
    })
    expect(quiz.session).toBeNull()
  })

  it('passes on why the quiz has fewer questions than asked', async () => {
    const quiz = useQuizStore()
    await create({ ...CONFIG, count: 10 })
    expect(quiz.session!.questions).toHaveLength(4)
    expect(quiz.notices.map((n) => n.kind)).toEqual(['fewer-questions'])
  })
})

describe('useQuizStore sitting', () => {
  it('saves each answer with the sitting', async () => {
    const quiz = useQuizStore()
    const id = await create()
    const q = quiz.session!.questions[0]!
    const step = await quiz.respond(right(q), NOW + 5_000)
    expect(step?.ok).toBe(true)
    expect((await getSession(id))?.answers[0]).toEqual(right(q))
  })

  it('lets an exam skip ahead but not go back', async () => {
    const quiz = useQuizStore()
    const id = await create()
    expect((await quiz.go(2, NOW + 1_000))?.ok).toBe(true)
    const back = await quiz.go(1, NOW + 2_000)
    expect(back).toMatchObject({ ok: false, reason: 'no-going-back' })
    expect(quiz.session?.current).toBe(2)
    expect((await getSession(id))?.current).toBe(2)
  })

  it('lets a practice quiz go back', async () => {
    const quiz = useQuizStore()
    await create({ ...CONFIG, mode: 'practice' })
    await quiz.go(2, NOW + 1_000)
    expect((await quiz.go(0, NOW + 2_000))?.ok).toBe(true)
    expect(quiz.session?.current).toBe(0)
  })

  it('does nothing on a tick before the deadline', async () => {
    const quiz = useQuizStore()
    const id = await create()
    await quiz.tick(NOW + LIMIT_MS - 1)
    expect(quiz.isRunning).toBe(true)
    expect(await getResult(id)).toBeUndefined()
  })

  it('submits itself at the deadline, unanswered questions counting wrong', async () => {
    const quiz = useQuizStore()
    const id = await create()
    const questions = quiz.session!.questions
    await quiz.respond(right(questions[0]!), NOW + 10_000)
    await quiz.tick(NOW + LIMIT_MS + 5_000)

    expect(quiz.session).toBeNull()
    expect(quiz.isRunning).toBe(false)
    const result = quiz.result!
    expect(result).toMatchObject({
      id,
      endedBy: 'time',
      finishedAt: NOW + LIMIT_MS,
      durationMs: LIMIT_MS,
      total: 4,
      correct: 1,
      score: 0.25,
    })
    expect(result.questions.map((q) => q.graded.correct)).toEqual([true, false, false, false])
    expect(result.questions.slice(1).map((q) => q.response)).toEqual([null, null, null])
    expect(await getResult(id)).toEqual(result)
    expect(await getSession(id)).toBeUndefined()
  })

  it('resumes after a reload with the same answers and the time left by the wall clock', async () => {
    const id = await create()
    const before = useQuizStore()
    const answer = right(before.session!.questions[0]!)
    await before.respond(answer, NOW + 10_000)
    await before.go(1, NOW + 20_000)

    const quiz = reload()
    expect(await quiz.open(id, NOW + 90_000)).toBe('running')
    expect(quiz.session!.answers[0]).toEqual(answer)
    expect(quiz.session!.current).toBe(1)
    expect(remainingFor(quiz.session!, NOW + 90_000)).toBe(LIMIT_MS - 90_000)
    expect(quiz.isRunning).toBe(true)
  })

  it('finishes, on opening, a sitting whose time ran out while the page was closed', async () => {
    const id = await create()
    await useQuizStore().respond(right(useQuizStore().session!.questions[0]!), NOW + 10_000)

    const quiz = reload()
    expect(await quiz.open(id, NOW + 3 * LIMIT_MS)).toBe('finished')
    expect(await getResult(id)).toMatchObject({
      endedBy: 'time',
      finishedAt: NOW + LIMIT_MS,
      correct: 1,
    })
    expect(await getSession(id)).toBeUndefined()
    expect(await reload().open(id, NOW + 4 * LIMIT_MS)).toBe('finished')
  })

  it('reports a sitting it does not know as missing', async () => {
    expect(await useQuizStore().open('nope', NOW)).toBe('missing')
  })
})

describe('useQuizStore.submit', () => {
  it('stores the result, which a later page loads with its history', async () => {
    const first = await create({ ...CONFIG, timing: { kind: 'none' } })
    await useQuizStore().submit(NOW + 30_000)
    const quiz = reload()
    const second = await create(
      { ...CONFIG, timing: { kind: 'none' }, seed: 'seed-2' },
      NOW + DAY_MS,
    )
    const submitted = await quiz.submit(NOW + DAY_MS + 60_000)
    expect(submitted).toMatchObject({ id: second, endedBy: 'user', correct: 0, durationMs: 60_000 })

    const later = reload()
    expect(await later.loadResult(first)).toBe(true)
    expect(later.result).toMatchObject({ id: first, endedBy: 'user', total: 4 })
    expect(later.history.map((r) => r.id)).toEqual([first, second])
    expect(await later.loadResult('nope')).toBe(false)
  })

  it('feeds the scheduler when enabled: a wrong answer is due again, all in the review log as quiz', async () => {
    const quiz = useQuizStore()
    await create()
    const [q1, q2] = quiz.session!.questions
    await quiz.respond(right(q1!), NOW + 2_000)
    await quiz.go(1, NOW + 3_000)
    await quiz.respond(wrong(q2!), NOW + 6_000)
    await quiz.submit(NOW + 7_000)

    const log = await listReviews()
    expect(log.map((r) => r.source)).toEqual(['quiz'])
    const byItem = new Map(log.map((r) => [r.itemId, r]))
    expect(byItem.get(q2!.itemId!)).toMatchObject({
      recall: 'again',
      at: NOW + 7_000,
      deckId: 'quiz-deck',
    })
    // a right answer on a card never studied is not a review: it stays new, left for study
    expect(byItem.has(q1!.itemId!)).toBe(false)
    // questions the learner never reached say nothing about memory
    const rows = await listProgress()
    expect(rows.map((r) => r.id)).toEqual([q2!.itemId!])
    const forgotten = rows.find((r) => r.id === q2!.itemId)!
    expect(forgotten.memory.due).toBeLessThan(NOW + 7_000 + 15 * MINUTE_MS)
    expect(useLibraryStore().progress.get(q2!.itemId!)).toEqual(forgotten)
  })

  it('leaves the schedule alone when quizzes do not feed it', async () => {
    await useSettingsStore().update({ quizFeedsScheduler: false })
    const quiz = useQuizStore()
    const id = await create()
    await quiz.respond(wrong(quiz.session!.questions[0]!), NOW + 2_000)
    await quiz.submit(NOW + 3_000)

    expect(await getResult(id)).toMatchObject({ correct: 0 })
    expect(await listReviews()).toEqual([])
    expect(await listProgress()).toEqual([])
  })
})
