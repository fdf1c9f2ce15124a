import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import type { QuizConfig } from '@/core/quiz/config'
import type { Response } from '@/core/questions'
import { MINUTE_MS } from '@/core/time'
import { RouteName } from '@/router'
import { installDeck } from '@/storage/decks'
import { getResult, getSession } from '@/storage/quiz'
import { useQuizStore } from '@/stores/quiz'
import { makeDeck, makeQuizDeck, NOW } from '../fixtures/decks'
import { button, freshPinia, mountRoute, until, untilText, type Mounted } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

const DECK = makeQuizDeck('europe', 3)
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
    await untilText(w, '2 questions unanswered: they count as wrong.')
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

describe('QuizResultView', () => {
  const typed = (id: string, prompt: string, answer: string): Card => ({
    id,
    type: 'typed',
    kind: 'country',
    prompt,
    answers: [answer],
    paragraphs: [4],
    tags: [],
  })
  const MIXED = makeDeck({
    id: 'mixed',
    cards: [
      typed('a', 'Phase 2 host?', 'Romania'),
      typed('b', 'Phase 3 host?', 'Poland'),
      typed('c', 'Radar host?', 'Turkey'),
      typed('d', 'Port host?', 'Spain'),
      {
        id: 'z',
        type: 'cloze',
        kind: 'country',
        text: 'Aegis Ashore stands in {{c1::Romania}} and {{c1::Poland}}.',
        paragraphs: [5],
        tags: [],
      },
    ],
  })

  /** Sits a quiz, answers each question with `answer(question)`, hands it in, opens the result. */
  async function finished(
    config: QuizConfig,
    answer: (q: ReturnType<typeof onScreenAny>) => Response | null,
  ) {
    await installDeck(MIXED, 'user', NOW)
    const pinia = freshPinia()
    const quiz = useQuizStore()
    const created = await quiz.create(config, NOW)
    if (!created.ok) throw new Error(created.message)
    for (let i = 0; i < quiz.session!.questions.length; i++) {
      await quiz.go(i, NOW)
      const r = answer(onScreenAny())
      if (r) await quiz.respond(r, NOW)
    }
    await quiz.submit(NOW + 3_000)
    const mounted = await mountRoute(`/quiz/result/${created.id}`, pinia)
    await untilText(mounted.wrapper, 'Quiz result')
    return mounted
  }
  function onScreenAny() {
    const quiz = useQuizStore()
    return quiz.session!.questions[quiz.session!.current]!.question
  }

  it('splits the score into right, partly right and wrong, and says why', async () => {
    // Regression: "28%" stood beside "1 of 8 right" with partial credit unexplained.
    const { wrapper: w } = await finished(
      { ...EXAM, deckIds: ['mixed'], forms: ['matching', 'typed'], count: 2, seed: 'mix' },
      (q) => {
        if (q.form !== 'matching') return null
        const [first, ...rest] = q.pairs
        const wrongRight = q.pairs[1]!.right
        return {
          form: 'matching',
          matches: Object.fromEntries([
            [first!.left, first!.right],
            ...rest.map((p) => [p.left, p.right === wrongRight ? q.pairs[0]!.right : wrongRight]),
          ]),
        }
      },
    )
    const tally = w.get('[data-testid="tally"]').text()
    expect(tally).toMatch(/^0 right, 1 partly right, 1 wrong · 3 s$/)
    expect(w.get('[data-testid="partial-note"]').text()).toContain('part marks')
    expect(w.get('#mistakes-title').text()).toBe('Not fully right (2)')
  })

  it('reviews a matching mistake as one row per pair, marking the wrong ones with the right answer', async () => {
    const { wrapper: w } = await finished(
      { ...EXAM, deckIds: ['mixed'], forms: ['matching'], count: 1, seed: 'match' },
      (q) => {
        if (q.form !== 'matching') throw new Error('matching expected')
        const [a, b, ...rest] = q.pairs
        // the first two pairs swapped, the rest right
        return {
          form: 'matching',
          matches: Object.fromEntries([
            [a!.left, b!.right],
            [b!.left, a!.right],
            ...rest.map((p) => [p.left, p.right]),
          ]),
        }
      },
    )
    const q = useQuizStore().result!.questions[0]!.question.question
    if (q.form !== 'matching') throw new Error('matching expected')
    const rows = w.findAll('section.review tbody tr')
    expect(rows).toHaveLength(q.pairs.length)
    expect(rows.map((r) => r.get('th').text())).toEqual(q.pairs.map((p) => p.left))
    const wrong = w.findAll('[data-testid="review-wrong"]')
    expect(wrong).toHaveLength(2)
    expect(wrong[0]!.get('td').text()).toBe(
      `✗ Wrong: ${q.pairs[1]!.right} Right answer: ${q.pairs[0]!.right}`,
    )
    expect(w.findAll('[data-testid="review-right"]')).toHaveLength(q.pairs.length - 2)
    expect(
      w.findAll('[data-testid="review-right"] [data-testid="review-right-answer"]'),
    ).toHaveLength(0)
    // the pairs are not repeated as two lists
    expect(w.text()).not.toContain(`${q.pairs[0]!.left} → `)
  })

  it('reviews a fill-in-the-blank mistake blank by blank', async () => {
    const { wrapper: w } = await finished(
      { ...EXAM, deckIds: ['mixed'], forms: ['typed'], count: 5, seed: 'cloze' },
      (q) => (q.form === 'cloze' ? { form: 'cloze', texts: ['Romania', 'Spain'] } : null),
    )
    const rows = w.findAll('section.review tbody tr')
    expect(rows.map((r) => r.get('th').text())).toEqual(['Blank 1', 'Blank 2'])
    expect(rows[0]!.attributes('data-testid')).toBe('review-right')
    expect(rows[1]!.get('td').text()).toBe('✗ Wrong: Spain Right answer: Poland')
    expect(w.get('section.review').text()).not.toContain('Aegis Ashore stands in Romania and')
  })

  // regression: five mistakes, each shown whole, made a 4,400 px phone page
  it('lists mistakes as compact rows that open to the whole answer', async () => {
    const { wrapper: w } = await finished(
      { ...EXAM, deckIds: ['mixed'], forms: ['typed'], count: 5, seed: 'rows' },
      () => null,
    )
    const rows = w.findAll<HTMLDetailsElement>('[data-testid="mistake"]')
    expect(rows).toHaveLength(5)
    expect(rows.map((r) => r.element.open)).toEqual([false, false, false, false, false])
    expect(rows.map((r) => r.get('summary .badge').text())).toEqual(Array(5).fill('No answer'))
    await w.get('[data-testid="toggle-mistakes"]').trigger('click')
    expect(rows.map((r) => r.element.open)).toEqual([true, true, true, true, true])
    expect(w.get('[data-testid="toggle-mistakes"]').text()).toBe('Close all')
  })

  // regression: the right order was one run-on line ("1. A  2. B  3. C")
  it('shows an ordering mistake as two numbered lists, marking what is out of place', async () => {
    await installDeck(
      makeDeck({
        id: 'order',
        cards: [
          {
            id: 'o',
            type: 'ordering',
            kind: 'event',
            prompt: 'Put these in order, earliest first.',
            items: ['Radar in Turkey', 'SM-3s in Romania', 'SM-3s in Poland'],
            paragraphs: [9],
            tags: [],
          },
        ],
      }),
      'user',
      NOW,
    )
    const { wrapper: w } = await finished(
      { ...EXAM, deckIds: ['order'], forms: ['ordering'], count: 1, seed: 'order' },
      (q) =>
        q.form === 'ordering'
          ? { form: 'ordering', order: ['SM-3s in Romania', 'Radar in Turkey', 'SM-3s in Poland'] }
          : null,
    )
    // one mistake alone opens by itself
    expect(w.get<HTMLDetailsElement>('[data-testid="mistake"]').element.open).toBe(true)
    expect(w.findAll('[data-testid="right-order"] li').map((li) => li.text())).toEqual([
      'Radar in Turkey',
      'SM-3s in Romania',
      'SM-3s in Poland',
    ])
    expect(w.findAll('[data-testid="your-order"] li').map((li) => li.text())).toEqual([
      '✗ Out of place: SM-3s in Romania',
      '✗ Out of place: Radar in Turkey',
      '✓ In place: SM-3s in Poland',
    ])
  })
})
