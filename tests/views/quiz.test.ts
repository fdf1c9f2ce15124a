import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import type { QuizConfig } from '@/core/quiz'
import { MINUTE_MS } from '@/core/time'
import { RouteName } from '@/router'
import { installDeck } from '@/storage/decks'
import { getResult, getSession } from '@/storage/quiz'
import { useQuizStore } from '@/stores/quiz'
import { makeDeck, NOW } from '../core/fixtures'
import { button, freshPinia, mountRoute, until, untilText, type Mounted } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

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
  id: 'europe',
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
  ],
})
const EXAM: QuizConfig = {
  deckIds: ['europe'],
  tags: [],
  count: 3,
  forms: ['single'],
  timing: { kind: 'total', limitMs: 5 * MINUTE_MS },
  mode: 'exam',
  seed: 'view',
}

/** Sets a quiz as the setup screen would, then opens its sitting page. */
async function sit(config: QuizConfig = EXAM): Promise<Mounted & { id: string }> {
  const pinia = freshPinia()
  const created = await useQuizStore().create(config)
  if (!created.ok) throw new Error(created.message)
  const mounted = await mountRoute(`/quiz/sit/${created.id}`, pinia)
  await until(() => mounted.wrapper.find('article.question').exists(), 'the first question')
  return { ...mounted, id: created.id }
}

const heading = (w: VueWrapper) => w.get('h1[data-question-heading]')
function onScreen() {
  const quiz = useQuizStore()
  const q = quiz.session!.questions[quiz.session!.current]!.question
  if (q.form !== 'single') throw new Error('the fixture quiz is single choice')
  return q
}
/** The right answer to the question on screen, and a wrong one. */
const rightAnswer = () => onScreen().answer
const wrongAnswer = () => onScreen().options.find((o) => o !== onScreen().answer)!
async function choose(w: VueWrapper, label: string) {
  const option = w.findAll('[data-testid^="choice-"]').find((b) => b.get('.label').text() === label)
  expect(option, `option ${label}`).toBeDefined()
  await option!.trigger('click')
}

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('QuizSitView', () => {
  it('shows the question number and the time left', async () => {
    const { wrapper: w } = await sit()
    expect(heading(w).text()).toBe('1 / 3')
    expect(heading(w).attributes('aria-label')).toBe('Question 1 of 3')
    const timer = w.get('[role="timer"]')
    expect(timer.text()).toMatch(/^[45]:\d\d$/)
    expect(timer.attributes('aria-label')).toBe(`Quiz left: ${timer.text()}`)
    expect(w.findAll('nav[aria-label="Questions"] button')).toHaveLength(3)
  })

  it('saves an exam answer without revealing it, and moves on', async () => {
    const { wrapper: w, id } = await sit()
    const answer = rightAnswer()
    await choose(w, answer)
    await untilText(w, 'Answer saved. You can change it until you move on.')
    expect(w.find('section.feedback').exists()).toBe(false)
    expect(w.text()).not.toContain('right answer')
    expect((await getSession(id))?.answers[0]).toEqual({ form: 'single', choice: answer })
    expect(w.get('nav[aria-label="Questions"] button').attributes('aria-label')).toBe(
      'Question 1, answered',
    )

    await button(w, 'Next').trigger('click')
    await until(() => heading(w).text() === '2 / 3', 'question 2')
    expect(button(w, 'Skip').exists()).toBe(true)
  })

  it('does not let an exam go back', async () => {
    const { wrapper: w, id } = await sit()
    await button(w, 'Skip').trigger('click')
    await until(() => heading(w).text() === '2 / 3', 'question 2')

    expect(w.findAll('button').some((b) => b.text() === 'Back')).toBe(false)
    expect(w.find('nav[aria-label="Questions"] button').attributes('disabled')).toBeDefined()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', cancelable: true }))
    await flushPromises()
    expect(heading(w).text()).toBe('2 / 3')
    expect((await getSession(id))?.current).toBe(1)
  })

  it('gives feedback after each answer in practice, and goes back', async () => {
    const { wrapper: w } = await sit({ ...EXAM, mode: 'practice' })
    await choose(w, wrongAnswer())
    await until(() => w.find('section.feedback').exists(), 'feedback')
    expect(w.get('section.feedback h2').text()).toBe('✗ Not quite')
    expect(
      w.findAll('[data-testid^="choice-"]').every((o) => o.attributes('aria-disabled') === 'true'),
    ).toBe(true)

    await button(w, 'Next').trigger('click')
    await until(() => heading(w).text() === '2 / 3', 'question 2')
    await button(w, 'Back').trigger('click')
    await until(() => heading(w).text() === '1 / 3', 'question 1 again')
    expect(w.find('section.feedback').exists()).toBe(true)
  })

  it('hands the quiz in after a warning about unanswered questions, then shows the result', async () => {
    const { wrapper: w, router, id } = await sit()
    await choose(w, rightAnswer())
    await button(w, 'Next').trigger('click')
    await until(() => heading(w).text() === '2 / 3', 'question 2')
    await button(w, 'Skip').trigger('click')
    await until(() => heading(w).text() === '3 / 3', 'question 3')

    await button(w, 'Finish').trigger('click')
    await untilText(w, '2 question(s) unanswered: they count as wrong.')
    await w.get('[data-testid="confirm-submit"]').trigger('click')

    await until(() => router.currentRoute.value.name === RouteName.quizResult, 'the result page')
    expect(router.currentRoute.value.params.id).toBe(id)
    expect(await getResult(id)).toMatchObject({ endedBy: 'user', total: 3, correct: 1 })
  })

  it('says when the quiz is not on this device', async () => {
    const { wrapper: w } = await mountRoute('/quiz/sit/nope')
    await untilText(w, 'Quiz not found')
    expect(w.get('a[href="/quiz"]').text()).toBe('Set a new quiz')
  })
})
