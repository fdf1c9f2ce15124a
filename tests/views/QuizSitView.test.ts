// The quiz page with the keyboard, the screen-reader messages and the clock. The clock is
// injected: Date alone is faked (IndexedDB keeps its real timers) and a visibilitychange makes
// the page read it at once, as it does when a sleeping tab wakes.
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import type { Card } from '@/core/deck'
import { QUICK_QUIZ, type QuizConfig } from '@/core/quiz/config'
import { RouteName } from '@/router'
import { installDeck } from '@/storage/decks'
import { getResult, getSession } from '@/storage/quiz'
import { useQuizStore } from '@/stores/quiz'
import { makeDeck, NOW, makeQuizConfig } from '../fixtures/decks'
import { button, freshPinia, mountRoute, until, untilText, type Mounted } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

const meta = { kind: 'country' as const, paragraphs: [9], tags: [] }
const DECK = makeDeck({
  id: 'europe',
  cards: [
    {
      id: 'ro',
      type: 'single',
      prompt: 'Phase 2 site?',
      answer: 'Romania',
      distractors: ['Poland', 'Turkey', 'Spain'],
      explanation: 'Deveselu hosts it.',
      ...meta,
    },
    {
      id: 'pl',
      type: 'single',
      prompt: 'Phase 3 site?',
      answer: 'Poland',
      distractors: ['Romania', 'Turkey', 'Spain'],
      ...meta,
    },
    {
      id: 'tr',
      type: 'single',
      prompt: 'Radar site?',
      answer: 'Turkey',
      distractors: ['Romania', 'Poland', 'Spain'],
      ...meta,
    },
  ],
})
const MULTI = makeDeck({
  id: 'hosts',
  cards: ['a', 'b', 'c'].map((id): Card => ({
    id,
    type: 'multi',
    prompt: `Which host ${id}?`,
    answers: ['Kuwait', 'Japan'],
    distractors: ['Qatar', 'Oman'],
    ...meta,
  })),
})
const TYPED = makeDeck({
  id: 'typed',
  cards: [
    { id: 't1', type: 'typed', prompt: 'Phase 2 host?', answers: ['Romania'], ...meta },
    { id: 't2', type: 'typed', prompt: 'Phase 3 host?', answers: ['Poland'], ...meta },
  ],
})

const EXAM: QuizConfig = makeQuizConfig({ seed: 'sit' })

async function sit(config: QuizConfig): Promise<Mounted & { id: string }> {
  const pinia = freshPinia()
  const created = await useQuizStore().create(config, Date.now())
  if (!created.ok) throw new Error(created.message)
  const mounted = await mountRoute(`/quiz/sit/${created.id}`, pinia)
  await until(() => mounted.wrapper.find('article.question').exists(), 'the first question')
  return { ...mounted, id: created.id }
}

/** A key pressed on the page, then a render (a real browser renders between key presses). */
async function press(key: string) {
  window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }))
  await nextTick()
}
/** Moves the injected clock and lets the page read it. */
async function clockAt(ms: number) {
  vi.setSystemTime(ms)
  document.dispatchEvent(new Event('visibilitychange'))
  await flushPromises()
}
const heading = (w: VueWrapper) => w.get('h1[data-question-heading]').text()
const session = () => useQuizStore().session!
const current = () => session().questions[session().current]!.question

/** Every text the assertive live region took, in order. */
function recordLive(w: VueWrapper): string[] {
  const region = w.get('[aria-live="assertive"]').element
  const seen: string[] = []
  new MutationObserver(() => seen.push(region.textContent ?? '')).observe(region, {
    childList: true,
    characterData: true,
    subtree: true,
  })
  return seen
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible')
  stubOfflineFetch()
  for (const deck of [DECK, MULTI, TYPED]) await installDeck(deck, 'user', NOW)
})
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

describe('QuizSitView keyboard', () => {
  it('chooses an option with its number key', async () => {
    const { wrapper: w, id } = await sit(EXAM)
    const q = current()
    if (q.form !== 'single') throw new Error('single choice expected')
    await press('2')
    await until(() => session().answers[0] !== null, 'the answer')
    expect(session().answers[0]).toEqual({ form: 'single', choice: q.options[1] })
    expect((await getSession(id))?.answers[0]).toEqual({ form: 'single', choice: q.options[1] })
    expect(heading(w)).toBe('1 / 3')
  })

  it('moves on with Enter once an exam answer is saved', async () => {
    const { wrapper: w } = await sit(EXAM)
    await press('1')
    await until(() => session().answers[0] !== null, 'the answer')
    await press('Enter')
    await until(() => heading(w) === '2 / 3', 'question 2')
    expect(session().current).toBe(1)
  })

  // Regression: the page's Enter ran before the multiple select's own and dropped a changed set.
  it('hands in the ticked set of a multiple select on Enter, changed after saving', async () => {
    const { wrapper: w } = await sit({ ...EXAM, deckIds: ['hosts'], forms: ['multi'] })
    const q = current()
    if (q.form !== 'multi') throw new Error('multiple select expected')
    await w.get('[data-testid="multi-1"]').setValue(true)
    await until(() => session().answers[0] !== null, 'the first tick saved')
    expect(session().answers[0]).toEqual({ form: 'multi', choices: [q.options[0]] })

    await press('2')
    await press('Enter')
    await until(() => heading(w) === '2 / 3', 'question 2')
    const saved = session().answers[0]
    expect(saved?.form === 'multi' && [...saved.choices].sort()).toEqual(
      [q.options[0], q.options[1]].sort(),
    )
  })
})

describe('QuizSitView focus', () => {
  const focused = () => document.activeElement as HTMLElement | null

  // Regression: from question 2 on, focus sat on the "2 / 10" heading, so typing went nowhere.
  it('puts the caret in the text field of each new typed question', async () => {
    const { wrapper: w } = await sit({ ...EXAM, deckIds: ['typed'], forms: ['typed'], count: 2 })
    expect(focused()).toBe(w.get('[data-testid="typed-input"]').element)
    await button(w, 'Skip').trigger('click')
    await until(() => heading(w) === '2 / 2', 'question 2')
    await until(() => focused()?.dataset.testid === 'typed-input', 'the field focused')
    expect(focused()).toBe(w.get('[data-testid="typed-input"]').element)
  })

  it('focuses the first tick box of a multiple select, and the heading of a single choice', async () => {
    const multi = await sit({ ...EXAM, deckIds: ['hosts'], forms: ['multi'] })
    await button(multi.wrapper, 'Skip').trigger('click')
    await until(() => heading(multi.wrapper) === '2 / 3', 'question 2')
    await until(() => focused() instanceof HTMLInputElement, 'a tick box focused')
    expect(focused()).toBe(multi.wrapper.get('[data-testid="multi-1"]').element)
    multi.wrapper.unmount()

    const single = await sit(EXAM)
    await button(single.wrapper, 'Skip').trigger('click')
    await until(() => heading(single.wrapper) === '2 / 3', 'question 2')
    await until(() => focused()?.tagName === 'H1', 'the heading focused')
    expect(focused()?.getAttribute('aria-label')).toBe('Question 2 of 3')
  })
})

describe('QuizSitView handing in', () => {
  // Regression: on a phone the confirmation showed below the sticky bar, off-screen.
  it('asks in the sticky action bar and gives "Hand in" the focus; Escape goes back to Finish', async () => {
    const { wrapper: w } = await sit({ ...EXAM, count: 1 })
    await button(w, 'Finish').trigger('click')
    const panel = w.get('[data-testid="confirm-panel"]')
    expect(panel.element.closest('.actions')).not.toBeNull()
    expect(panel.attributes('role')).toBe('group')
    expect(panel.text()).toContain(
      '1 question unanswered: it counts as wrong. Hand in the quiz?',
    )
    await until(
      () => document.activeElement?.textContent?.trim() === 'Hand in',
      '"Hand in" focused',
    )

    await press('Escape')
    await until(() => !w.find('[data-testid="confirm-panel"]').exists(), 'the question closed')
    await until(() => document.activeElement?.textContent?.trim() === 'Finish', 'Finish focused')

    await button(w, 'Finish').trigger('click')
    await button(w, 'Keep going').trigger('click')
    await until(() => document.activeElement?.textContent?.trim() === 'Finish', 'Finish again')
  })
})

describe('QuizSitView announcements', () => {
  it('says "Right." again for a second right answer in a row', async () => {
    const { wrapper: w } = await sit({ ...EXAM, mode: 'practice' })
    const said = recordLive(w)
    for (const n of [1, 2]) {
      const q = current()
      if (q.form !== 'single') throw new Error('single choice expected')
      await press(String(q.options.indexOf(q.answer) + 1))
      await until(() => said.filter((t) => t === 'Right.').length === n, `right answer ${n}`)
      await press('Enter')
      await until(() => heading(w) === `${n + 1} / 3`, `question ${n + 1}`)
    }
    // cleared in between, so the live region changed and is read out again
    expect(said.filter((t) => t === 'Right.')).toHaveLength(2)
    expect(said.slice(said.indexOf('Right.') + 1)).toContain('')
  })

  it('says "Ten seconds left." on each question with its own limit', async () => {
    const { wrapper: w } = await sit({ ...EXAM, timing: { kind: 'per-question', limitMs: 15_000 } })
    const said = recordLive(w)
    await clockAt(NOW + 6_000)
    await until(() => said.includes('Ten seconds left.'), 'the first warning')
    await clockAt(NOW + 15_000) // question 1 times out; question 2 starts at its deadline
    await until(() => heading(w) === '2 / 3', 'question 2')
    await clockAt(NOW + 21_000)
    await until(
      () => said.filter((t) => t === 'Ten seconds left.').length === 2,
      'the second warning',
    )
    // cleared in between: the same words twice are a change the screen reader hears
    const second = said.lastIndexOf('Ten seconds left.')
    expect(said.slice(said.indexOf('Ten seconds left.') + 1, second)).toContain('')
  })
})

describe('QuizSitView time running out', () => {
  it('shows the right answer, explanation and source in practice when a question times out unanswered', async () => {
    const { wrapper: w } = await sit({
      ...EXAM,
      mode: 'practice',
      timing: { kind: 'per-question', limitMs: 10_000 },
    })
    const q = current()
    if (q.form !== 'single') throw new Error('single choice expected')
    await clockAt(NOW + 10_000)
    await until(() => w.find('section.feedback').exists(), 'the feedback')
    const feedback = w.get('section.feedback')
    expect(feedback.get('h2').text()).toBe('✗ Not quite')
    expect(feedback.text()).toContain('Your answer')
    expect(feedback.text()).toContain('No answer')
    expect(feedback.get('dd.right').text()).toBe(q.answer)
    expect(feedback.text()).toContain('Source: paragraph 9')
    expect(feedback.text()).toContain(q.explanation ?? '')
    expect(w.text()).toContain('Time ran out for this question.')
  })

  it('grades a typed exam answer left unsubmitted when the quiz hands itself in', async () => {
    const {
      wrapper: w,
      router,
      id,
    } = await sit({
      ...EXAM,
      deckIds: ['typed'],
      forms: ['typed'],
      count: 2,
      timing: { kind: 'total', limitMs: 60_000 },
    })
    const q = current()
    if (q.form !== 'typed') throw new Error('typed expected')
    await w.get('[data-testid="typed-input"]').setValue(q.accepted[0]!)
    await until(() => session().answers[0] !== null, 'the pending answer saved')
    await clockAt(NOW + 60_000)
    await until(() => router.currentRoute.value.name === RouteName.quizResult, 'the result')
    expect(await getResult(id)).toMatchObject({ endedBy: 'time', total: 2, correct: 1 })
  })
})

describe('QuizSitView pending exam answers', () => {
  // Regression: a pending answer still waiting to be saved landed on the question shown after moving on.
  it('saves what was typed to its own question when moving on at once', async () => {
    const { wrapper: w } = await sit({ ...EXAM, deckIds: ['typed'], forms: ['typed'], count: 2 })
    await w.get('[data-testid="typed-input"]').setValue('Romania')
    await press('ArrowRight')
    await until(() => heading(w) === '2 / 2', 'question 2')
    expect(session().answers).toEqual([{ form: 'typed', text: 'Romania' }, null])
  })

  it('waits for a pause in typing before writing the answer', async () => {
    const { wrapper: w } = await sit({ ...EXAM, deckIds: ['typed'], forms: ['typed'], count: 2 })
    await w.get('[data-testid="typed-input"]').setValue('Rom')
    await w.get('[data-testid="typed-input"]').setValue('Roma')
    expect(session().answers[0]).toBeNull()
    await until(() => session().answers[0] !== null, 'the pending answer saved after the pause')
    expect(session().answers[0]).toEqual({ form: 'typed', text: 'Roma' })
  })
})

describe("the Library's 5-minute quiz", () => {
  it('starts a weakest-first quiz of five minutes', async () => {
    const { wrapper: w, router } = await mountRoute('/')
    await until(() => w.find('[data-testid="quick-quiz-link"]').exists(), 'the Library')
    await w.get('[data-testid="quick-quiz-link"]').trigger('click')
    await until(() => router.currentRoute.value.name === RouteName.quizSit, 'the quiz page')
    expect(useQuizStore().session?.config).toMatchObject({
      weakest: true,
      mode: 'practice',
      count: QUICK_QUIZ.count,
      timing: { kind: 'total', limitMs: QUICK_QUIZ.limitMs },
    })
    await untilText(w, `1 / ${session().questions.length}`)
    expect(button(w, 'Pause').exists()).toBe(true)
  })
})

describe('QuizSitView after another quiz was in progress', () => {
  it('says the earlier quiz was handed in, with a link to its result', async () => {
    freshPinia()
    const first = await useQuizStore().create(EXAM, NOW)
    if (!first.ok) throw new Error(first.message)
    vi.setSystemTime(NOW + 60_000)
    const { wrapper: w } = await sit({ ...EXAM, seed: 'second' })
    const notice = w.get('[data-testid="handed-in"]')
    expect(notice.text()).toContain('Your quiz in progress was handed in: 0 of 3 right.')
    expect(notice.get('a').attributes('href')).toBe(`/quiz/result/${first.id}`)
    expect(await getResult(first.id)).toMatchObject({ endedBy: 'user' })
  })
})
