import { enableAutoUnmount, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { isProxy, reactive } from 'vue'
import AnswerChoice from '@/components/question/AnswerChoice.vue'
import AnswerCloze from '@/components/question/AnswerCloze.vue'
import AnswerMatching from '@/components/question/AnswerMatching.vue'
import AnswerMulti from '@/components/question/AnswerMulti.vue'
import AnswerOrdering from '@/components/question/AnswerOrdering.vue'
import AnswerTyped from '@/components/question/AnswerTyped.vue'
import FeedbackPanel from '@/components/question/FeedbackPanel.vue'
import QuestionCard from '@/components/question/QuestionCard.vue'
import RatingButtons from '@/components/question/RatingButtons.vue'
import { clozeAnswers, clozeSegments } from '@/core/cloze'
import type { Question, Response } from '@/core/questions'
import { DAY_MS, MINUTE_MS } from '@/core/time'
import { NOW } from '../fixtures/decks'

enableAutoUnmount(afterEach)

type Of<F extends Question['form']> = Extract<Question, { form: F }>

const BASE = { deckId: 'deck', cardId: 'card', paragraphs: [9] }

const SINGLE: Of<'single'> = {
  ...BASE,
  form: 'single',
  prompt: 'Where is the Aegis Ashore site of phase 2?',
  options: ['Poland', 'Romania', 'Turkey'],
  answer: 'Romania',
}
const TRUE_FALSE: Of<'truefalse'> = {
  ...BASE,
  form: 'truefalse',
  prompt: 'Which country hosts the AN/TPY-2 radar?',
  proposed: 'Spain',
  answer: false,
  correctAnswer: 'Turkey',
}
const MULTI: Of<'multi'> = {
  ...BASE,
  form: 'multi',
  prompt: 'Which countries host EPAA sites?',
  options: ['Romania', 'Norway', 'Poland', 'Turkey'],
  answers: ['Romania', 'Poland', 'Turkey'],
}
const TYPED: Of<'typed'> = {
  ...BASE,
  form: 'typed',
  prompt: 'Which country hosts the radar?',
  accepted: ['Turkey'],
  rejects: [],
}
const NUMERIC: Of<'numeric'> = {
  ...BASE,
  form: 'numeric',
  prompt: 'How many interceptors?',
  answer: 24,
  unit: 'missiles',
}
const CLOZE_TEXT = 'The {{c1::SM-3::missile}} deploys to {{c2::Romania}} and {{c1::Poland}}.'
const CLOZE: Of<'cloze'> = {
  ...BASE,
  form: 'cloze',
  segments: clozeSegments(CLOZE_TEXT, 1),
  blanks: clozeAnswers(CLOZE_TEXT, 1),
  rejects: [],
}
const ORDERING: Of<'ordering'> = {
  ...BASE,
  form: 'ordering',
  prompt: 'Put the phases in order',
  items: ['Phase 2', 'Phase 1', 'Phase 3'],
  answer: ['Phase 1', 'Phase 2', 'Phase 3'],
}
const MATCHING: Of<'matching'> = {
  ...BASE,
  form: 'matching',
  prompt: 'Match each site to its country',
  pairs: [
    { left: 'Deveselu', right: 'Romania', cardId: 'a' },
    { left: 'Redzikowo', right: 'Poland', cardId: 'b' },
    { left: 'Kürecik', right: 'Turkey', cardId: 'c' },
  ],
  rights: ['Poland', 'Romania', 'Turkey'],
}
const SELF: Of<'self'> = {
  ...BASE,
  form: 'self',
  front: 'What does EPAA stand for?',
  back: 'European Phased Adaptive Approach',
}

/** The single `answer` event a wrapper emitted. */
function answered(w: VueWrapper): Response {
  const events = w.emitted<[Response]>('answer')
  expect(events).toHaveLength(1)
  return events![0]![0]
}

/**
 * Responses go straight to IndexedDB, which cannot clone a Vue proxy.
 * Regression: a component once emitted its reactive state and the answer failed to save.
 */
function expectPlain(response: Response) {
  expect(isProxy(response)).toBe(false)
  for (const value of Object.values(response)) expect(isProxy(value)).toBe(false)
  expect(structuredClone(response)).toEqual(response)
}

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = window) {
  target.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
  )
}

describe('QuestionCard', () => {
  it('shows the prompt as a heading of the level asked for', () => {
    const w = mount(QuestionCard, { props: { question: SINGLE, headingLevel: 3 } })
    expect(w.get('h3').text()).toBe(SINGLE.prompt)
    expect(w.find('h2').exists()).toBe(false)
  })

  it('hides the back of a self-graded card until it is revealed', async () => {
    const w = mount(QuestionCard, { props: { question: SELF } })
    expect(w.get('h2').text()).toBe(SELF.front)
    expect(w.find('[data-testid="card-back"]').exists()).toBe(false)
    await w.setProps({ revealed: true })
    expect(w.get('[data-testid="card-back"]').text()).toBe(SELF.back)
  })

  it('asks a true/false question about the proposed answer', () => {
    const w = mount(QuestionCard, { props: { question: TRUE_FALSE } })
    expect(w.get('h2').text()).toBe('True or false?')
    expect(w.text()).toContain(TRUE_FALSE.prompt)
    expect(w.text()).toContain('Proposed answer: Spain')
    expect(w.findAll('button').map((b) => b.text())).toEqual(['True', 'False'])
  })

  it('titles a cloze question "Fill in the blank"', () => {
    const w = mount(QuestionCard, { props: { question: CLOZE } })
    expect(w.get('h2').text()).toBe('Fill in the blank')
  })

  it('passes on the answer given in the form shown', async () => {
    const w = mount(QuestionCard, { props: { question: SINGLE } })
    await w.get('[data-testid="choice-2"]').trigger('click')
    const response = answered(w)
    expect(response).toEqual({ form: 'single', choice: 'Romania' })
    expectPlain(response)
  })

  it('passes on a typed answer', async () => {
    const w = mount(QuestionCard, { props: { question: TYPED } })
    await w.get('input').setValue('Turkey')
    await w.get('form').trigger('submit')
    expect(answered(w)).toEqual({ form: 'typed', text: 'Turkey' })
  })
})

describe('AnswerChoice', () => {
  it('answers at once when an option is tapped', async () => {
    const w = mount(AnswerChoice, { props: { question: SINGLE } })
    expect(w.get('[role="group"]').attributes('aria-label')).toBe('Options')
    await w.get('[data-testid="choice-3"]').trigger('click')
    const response = answered(w)
    expect(response).toEqual({ form: 'single', choice: 'Turkey' })
    expectPlain(response)
  })

  it('answers true or false with a boolean', async () => {
    const w = mount(AnswerChoice, { props: { question: TRUE_FALSE } })
    expect(w.get('[role="group"]').attributes('aria-label')).toBe('True or false')
    await w.get('[data-testid="choice-2"]').trigger('click')
    const response = answered(w)
    expect(response).toEqual({ form: 'truefalse', value: false })
    expectPlain(response)
  })

  it('answers with keys 1–9 when hotkeys are on', () => {
    const w = mount(AnswerChoice, { props: { question: SINGLE, hotkeys: true } })
    press('1')
    expect(answered(w)).toEqual({ form: 'single', choice: 'Poland' })
    expect(w.findAll('kbd').map((k) => k.text())).toEqual(['1', '2', '3'])
  })

  it('ignores number keys without hotkeys and beyond the options', () => {
    const off = mount(AnswerChoice, { props: { question: SINGLE } })
    press('1')
    expect(off.emitted('answer')).toBeUndefined()
    off.unmount()
    const on = mount(AnswerChoice, { props: { question: SINGLE, hotkeys: true } })
    press('4')
    expect(on.emitted('answer')).toBeUndefined()
  })

  it('takes no answer once locked, by tap or key', async () => {
    const w = mount(AnswerChoice, { props: { question: SINGLE, locked: true, hotkeys: true } })
    await w.get('[data-testid="choice-1"]').trigger('click')
    press('2')
    expect(w.emitted('answer')).toBeUndefined()
    expect(w.get('[data-testid="choice-1"]').attributes('aria-disabled')).toBe('true')
  })

  it('marks the chosen option, and on reveal the right one and a wrong choice', () => {
    const w = mount(AnswerChoice, {
      props: {
        question: SINGLE,
        response: { form: 'single', choice: 'Poland' },
        locked: true,
        reveal: true,
      },
    })
    const poland = w.get('[data-testid="choice-1"]')
    const romania = w.get('[data-testid="choice-2"]')
    expect(poland.attributes('aria-pressed')).toBe('true')
    expect(romania.attributes('aria-pressed')).toBe('false')
    expect(romania.text()).toContain('right answer')
    expect(poland.text()).toContain('your answer')
    expect(w.get('[data-testid="choice-3"]').text()).toBe('Turkey')
  })

  it('keeps the right answer hidden before reveal', () => {
    const w = mount(AnswerChoice, {
      props: { question: SINGLE, response: { form: 'single', choice: 'Poland' } },
    })
    expect(w.text()).not.toContain('right answer')
  })
})

describe('AnswerMulti', () => {
  it('submits every ticked option', async () => {
    const w = mount(AnswerMulti, { props: { question: MULTI } })
    await w.get('[data-testid="multi-3"]').trigger('change')
    await w.get('[data-testid="multi-1"]').trigger('change')
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({ form: 'multi', choices: ['Poland', 'Romania'] })
    expectPlain(response)
  })

  it('unticks an option ticked twice', async () => {
    const w = mount(AnswerMulti, { props: { question: MULTI } })
    await w.get('[data-testid="multi-2"]').trigger('change')
    await w.get('[data-testid="multi-2"]').trigger('change')
    expect((w.get('[data-testid="multi-2"]').element as HTMLInputElement).checked).toBe(false)
    await w.get('form').trigger('submit')
    expect(answered(w)).toEqual({ form: 'multi', choices: [] })
  })

  it('toggles options with number keys and submits with Enter', async () => {
    const w = mount(AnswerMulti, { props: { question: MULTI, hotkeys: true } })
    press('1')
    press('4')
    press('1')
    press('3')
    await w.vm.$nextTick()
    expect((w.get('[data-testid="multi-4"]').element as HTMLInputElement).checked).toBe(true)
    press('Enter')
    const response = answered(w)
    expect(response).toEqual({ form: 'multi', choices: ['Turkey', 'Poland'] })
    expectPlain(response)
  })

  it('starts from a given response and still emits plain data', async () => {
    // the response prop comes from a store, possibly reactive
    const given = reactive({ form: 'multi' as const, choices: ['Norway'] })
    const w = mount(AnswerMulti, { props: { question: MULTI, response: given } })
    expect((w.get('[data-testid="multi-2"]').element as HTMLInputElement).checked).toBe(true)
    await w.get('[data-testid="multi-1"]').trigger('change')
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({ form: 'multi', choices: ['Norway', 'Romania'] })
    expectPlain(response)
  })

  it('locks the boxes and marks right and wrong ticks on reveal', () => {
    const w = mount(AnswerMulti, {
      props: {
        question: MULTI,
        response: { form: 'multi', choices: ['Norway', 'Poland'] },
        locked: true,
        reveal: true,
      },
    })
    expect(
      w.findAll('input[type="checkbox"]').every((i) => (i.element as HTMLInputElement).disabled),
    ).toBe(true)
    expect(w.find('button[type="submit"]').exists()).toBe(false)
    const labels = w.findAll('label.option')
    expect(labels[1]!.text()).toContain('wrong')
    expect(labels[2]!.text()).toContain('right')
    expect(labels[0]!.text()).toContain('right')
  })

  it('ignores Enter once locked', () => {
    const w = mount(AnswerMulti, { props: { question: MULTI, hotkeys: true, locked: true } })
    press('1')
    press('Enter')
    expect(w.emitted('answer')).toBeUndefined()
  })
})

describe('AnswerTyped', () => {
  it('submits the typed text with Enter', async () => {
    const w = mount(AnswerTyped, { props: { question: TYPED } })
    const input = w.get('input')
    expect(input.attributes('inputmode')).toBe('text')
    await input.setValue('  turkey ')
    // Enter in a one-field form submits it
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({ form: 'typed', text: '  turkey ' })
    expectPlain(response)
  })

  it('answers a numeric question as numeric, with its unit shown', async () => {
    const w = mount(AnswerTyped, { props: { question: NUMERIC } })
    expect(w.get('input').attributes('inputmode')).toBe('decimal')
    expect(w.text()).toContain('missiles')
    await w.get('input').setValue('24')
    await w.get('form').trigger('submit')
    expect(answered(w)).toEqual({ form: 'numeric', text: '24' })
  })

  it('has a labelled field that gets focus when the card appears', () => {
    const w = mount(AnswerTyped, {
      props: { question: TYPED, autofocus: true },
      attachTo: document.body,
    })
    const input = w.get('input')
    expect(document.activeElement).toBe(input.element)
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Your answer')
  })

  it('shows the answer given read-only once locked', async () => {
    const w = mount(AnswerTyped, {
      props: { question: TYPED, response: { form: 'typed', text: 'Spain' }, locked: true },
    })
    expect((w.get('input').element as HTMLInputElement).value).toBe('Spain')
    expect(w.get('input').attributes('readonly')).toBeDefined()
    expect(w.find('button').exists()).toBe(false)
    await w.get('form').trigger('submit')
    expect(w.emitted('answer')).toBeUndefined()
  })
})

describe('AnswerCloze', () => {
  it('asks the hidden blanks and shows the others filled in', () => {
    const w = mount(AnswerCloze, { props: { question: CLOZE } })
    expect(w.findAll('input')).toHaveLength(2)
    expect(w.get('[data-testid="cloze-1"]').attributes('aria-label')).toBe('Blank 1 (missile)')
    expect(w.get('[data-testid="cloze-1"]').attributes('placeholder')).toBe('missile')
    expect(w.get('[data-testid="cloze-2"]').attributes('aria-label')).toBe('Blank 2')
    expect(w.text()).toContain('Romania')
    expect(w.text()).not.toContain('SM-3')
  })

  it('submits one text per blank, in reading order', async () => {
    const w = mount(AnswerCloze, { props: { question: CLOZE } })
    await w.get('[data-testid="cloze-2"]').setValue('Poland')
    await w.get('[data-testid="cloze-1"]').setValue('SM-3')
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({ form: 'cloze', texts: ['SM-3', 'Poland'] })
    expectPlain(response)
  })

  it('shows the answers beside the fields on reveal', () => {
    const w = mount(AnswerCloze, {
      props: {
        question: CLOZE,
        response: { form: 'cloze', texts: ['SM-2', 'Poland'] },
        locked: true,
        reveal: true,
      },
    })
    expect((w.get('[data-testid="cloze-1"]').element as HTMLInputElement).value).toBe('SM-2')
    expect(w.findAll('.answer').map((a) => a.text())).toEqual(['SM-3', 'Poland'])
    expect(w.find('button').exists()).toBe(false)
  })
})

describe('AnswerOrdering', () => {
  const labels = (w: VueWrapper) => w.findAll('li .label').map((l) => l.text())

  it('moves items with their buttons and submits the order', async () => {
    const w = mount(AnswerOrdering, { props: { question: ORDERING } })
    expect(labels(w)).toEqual(['Phase 2', 'Phase 1', 'Phase 3'])
    expect(w.get('[aria-label="Move Phase 2 up"]').attributes('disabled')).toBeDefined()
    expect(w.get('[aria-label="Move Phase 3 down"]').attributes('disabled')).toBeDefined()
    await w.get('[aria-label="Move Phase 1 up"]').trigger('click')
    expect(labels(w)).toEqual(['Phase 1', 'Phase 2', 'Phase 3'])
    expect(w.get('[aria-live="polite"]').text()).toBe('Phase 1 moved to position 1 of 3')
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({ form: 'ordering', order: ['Phase 1', 'Phase 2', 'Phase 3'] })
    expectPlain(response)
  })

  it('moves the focused item with Alt and the arrow keys, and keeps focus on it', async () => {
    const w = mount(AnswerOrdering, { props: { question: ORDERING }, attachTo: document.body })
    const grips = () => w.findAll('[data-order-item]')
    await grips()[0]!.trigger('keydown', { key: 'ArrowDown', altKey: true })
    expect(labels(w)).toEqual(['Phase 1', 'Phase 2', 'Phase 3'])
    await w.vm.$nextTick()
    expect(document.activeElement).toBe(grips()[1]!.element)
    expect(grips()[1]!.attributes('aria-label')).toBe(
      'Phase 2, position 2 of 3. Alt and arrow keys move it.',
    )
    await grips()[2]!.trigger('keydown', { key: 'ArrowUp', altKey: true })
    expect(labels(w)).toEqual(['Phase 1', 'Phase 3', 'Phase 2'])
  })

  it('keeps keyboard focus when a move disables the button that made it', async () => {
    const w = mount(AnswerOrdering, { props: { question: ORDERING }, attachTo: document.body })
    const up = w.get('[aria-label="Move Phase 1 up"]')
    ;(up.element as HTMLElement).focus()
    await up.trigger('click')
    await w.vm.$nextTick()
    // Phase 1 is now first: its up button is disabled, so focus goes to the item itself
    expect(document.activeElement).toBe(w.findAll('[data-order-item]')[0]!.element)
    const down = w.get('[aria-label="Move Phase 1 down"]')
    ;(down.element as HTMLElement).focus()
    await down.trigger('click')
    await w.vm.$nextTick()
    expect(document.activeElement).toBe(w.get('[aria-label="Move Phase 1 down"]').element)
    w.unmount()
  })

  it('drags by touch only from the handle, so the rest of an item scrolls the page', async () => {
    const w = mount(AnswerOrdering, { props: { question: ORDERING } })
    const grip = w.findAll('[data-order-item]')[0]!
    grip.element.setPointerCapture = () => undefined
    await w.findAll('li .label')[0]!.trigger('pointerdown', { pointerType: 'touch', button: 0 })
    expect(w.find('li.dragging').exists()).toBe(false)
    await w.findAll('li .handle')[0]!.trigger('pointerdown', { pointerType: 'touch', button: 0 })
    expect(w.find('li.dragging').exists()).toBe(true)
  })

  it('leaves the order alone for arrows without Alt', async () => {
    const w = mount(AnswerOrdering, { props: { question: ORDERING } })
    await w.findAll('[data-order-item]')[0]!.trigger('keydown', { key: 'ArrowDown' })
    expect(labels(w)).toEqual(['Phase 2', 'Phase 1', 'Phase 3'])
  })

  it('shows where misplaced items belong once revealed, and moves nothing', async () => {
    const w = mount(AnswerOrdering, {
      props: {
        question: ORDERING,
        response: { form: 'ordering', order: ['Phase 2', 'Phase 1', 'Phase 3'] },
        locked: true,
        reveal: true,
      },
    })
    expect(w.find('button').exists()).toBe(false)
    expect(w.findAll('.should').map((s) => s.text())).toEqual([
      'should be: Phase 1',
      'should be: Phase 2',
    ])
    await w.findAll('[data-order-item]')[0]!.trigger('keydown', { key: 'ArrowDown', altKey: true })
    expect(labels(w)).toEqual(['Phase 2', 'Phase 1', 'Phase 3'])
  })
})

describe('AnswerMatching', () => {
  it('submits the partner chosen for each item, leaving out unchosen ones', async () => {
    const w = mount(AnswerMatching, { props: { question: MATCHING } })
    const first = w.get('[data-testid="match-1"]')
    expect(w.get(`label[for="${first.attributes('id')}"]`).text()).toBe('Deveselu')
    expect(first.findAll('option').map((o) => o.text())).toEqual([
      'Choose…',
      'Poland',
      'Romania',
      'Turkey',
    ])
    await first.setValue('Romania')
    await w.get('[data-testid="match-3"]').setValue('Poland')
    await w.get('form').trigger('submit')
    const response = answered(w)
    expect(response).toEqual({
      form: 'matching',
      matches: { Deveselu: 'Romania', Kürecik: 'Poland' },
    })
    expectPlain(response)
  })

  it('shows the right partner of each wrong pair once revealed', () => {
    const w = mount(AnswerMatching, {
      props: {
        question: MATCHING,
        response: { form: 'matching', matches: { Deveselu: 'Romania', Redzikowo: 'Turkey' } },
        locked: true,
        reveal: true,
      },
    })
    expect(w.findAll('.should').map((s) => s.text())).toEqual(['Right: Poland', 'Right: Turkey'])
    expect(w.findAll('select').every((s) => (s.element as HTMLSelectElement).disabled)).toBe(true)
    expect(w.find('button').exists()).toBe(false)
  })
})

describe('FeedbackPanel', () => {
  it('says right and names the answer', () => {
    const w = mount(FeedbackPanel, {
      props: { correct: true, yourAnswer: 'Turkey', rightAnswer: 'Turkey', paragraphs: [] },
    })
    expect(w.get('h2').text()).toBe('✓ Right')
    expect(w.get('section').attributes('aria-labelledby')).toBe(w.get('h2').attributes('id'))
    expect(w.findAll('dt').map((d) => d.text())).toEqual(['Answer'])
    expect(w.get('dd').text()).toBe('Turkey')
    expect(w.text()).not.toContain('Source')
  })

  it('shows the answer given beside the right one when wrong', () => {
    const w = mount(FeedbackPanel, {
      props: {
        correct: false,
        yourAnswer: 'Spain',
        rightAnswer: 'Turkey',
        explanation: 'The radar is at Kürecik.',
        paragraphs: [9, 10],
        source: { title: 'Missile defense', author: 'A. Writer', outlet: 'Journal' },
      },
    })
    expect(w.get('h2').text()).toBe('✗ Not quite')
    expect(w.findAll('dt').map((d) => d.text())).toEqual(['Your answer', 'Right answer'])
    expect(w.findAll('dd').map((d) => d.text())).toEqual(['Spain', 'Turkey'])
    expect(w.text()).toContain('The radar is at Kürecik.')
    expect(w.get('.source').text()).toBe('Source: paragraphs 9, 10 · A. Writer, Journal')
  })

  it('gives partial credit as a percentage', () => {
    const w = mount(FeedbackPanel, {
      props: { correct: false, score: 2 / 3, rightAnswer: 'a, b, c', paragraphs: [4] },
    })
    expect(w.get('h2').text()).toBe('✗ Partly right (67%)')
    expect(w.get('.source').text()).toBe('Source: paragraph 4')
  })

  it('shows the right spelling of an answer accepted with a typo', () => {
    const w = mount(FeedbackPanel, {
      props: {
        correct: true,
        typo: true,
        yourAnswer: 'Turky',
        rightAnswer: 'Turkey',
        paragraphs: [],
      },
    })
    expect(w.get('h2').text()).toBe('✓ Right, with a typo')
    expect(w.findAll('dd').map((d) => d.text())).toEqual(['Turky', 'Turkey'])
  })
})

describe('RatingButtons', () => {
  const preview = {
    again: NOW + MINUTE_MS,
    hard: NOW + 6 * MINUTE_MS,
    good: NOW + 10 * MINUTE_MS,
    easy: NOW + 4 * DAY_MS,
  }

  it('labels the four ratings with the interval each gives', () => {
    const w = mount(RatingButtons, { props: { preview, nowMs: NOW } })
    expect(w.get('[role="group"]').attributes('aria-label')).toBe('How well did you remember?')
    expect(w.findAll('button').map((b) => b.attributes('aria-label'))).toEqual([
      'Again: next in 1m',
      'Hard: next in 6m',
      'Good: next in 10m',
      'Easy: next in 4d',
    ])
  })

  it('rates on a click', async () => {
    const w = mount(RatingButtons, { props: { preview, nowMs: NOW } })
    await w.get('[data-testid="rate-hard"]').trigger('click')
    expect(w.emitted('rate')).toEqual([['hard']])
  })

  it('rates with keys 1–4 when hotkeys are on', () => {
    const w = mount(RatingButtons, { props: { preview, nowMs: NOW, hotkeys: true } })
    press('1')
    press('4')
    press('5')
    expect(w.emitted('rate')).toEqual([['again'], ['easy']])
  })

  it('ignores keys while disabled', () => {
    const w = mount(RatingButtons, {
      props: { preview, nowMs: NOW, hotkeys: true, disabled: true },
    })
    press('3')
    expect(w.emitted('rate')).toBeUndefined()
    expect(w.findAll('button').every((b) => b.attributes('disabled') !== undefined)).toBe(true)
  })

  it('ignores keys without hotkeys', () => {
    const w = mount(RatingButtons, { props: { preview, nowMs: NOW } })
    press('3')
    expect(w.emitted('rate')).toBeUndefined()
  })
})

// An exam keeps work in progress: every answer form reports its state as it changes.
describe('pending answer events', () => {
  const pending = (w: VueWrapper) => (w.emitted('pending') ?? []).map(([r]) => r)

  it('reports typed text as it is typed, and nothing once locked', async () => {
    const w = mount(AnswerTyped, { props: { question: TYPED } })
    await w.get('input').setValue('Tur')
    expect(pending(w).at(-1)).toEqual({ form: 'typed', text: 'Tur' })
    await w.setProps({ locked: true })
    const count = pending(w).length
    await w.get('input').setValue('Turkey')
    expect(pending(w)).toHaveLength(count)
    expect(w.emitted('answer')).toBeUndefined()
  })

  it('reports ticks, cloze blanks, moves and matches', async () => {
    const multi = mount(AnswerMulti, { props: { question: MULTI } })
    await multi.get('[data-testid="multi-1"]').trigger('change')
    expect(pending(multi).at(-1)).toEqual({ form: 'multi', choices: ['Romania'] })

    const cloze = mount(AnswerCloze, { props: { question: CLOZE } })
    await cloze.get('[data-testid="cloze-1"]').setValue('SM-3')
    expect(pending(cloze).at(-1)).toEqual({ form: 'cloze', texts: ['SM-3', ''] })

    const ordering = mount(AnswerOrdering, { props: { question: ORDERING } })
    await ordering.get('[aria-label="Move Phase 1 up"]').trigger('click')
    expect(pending(ordering).at(-1)).toEqual({
      form: 'ordering',
      order: ['Phase 1', 'Phase 2', 'Phase 3'],
    })

    const matching = mount(AnswerMatching, { props: { question: MATCHING } })
    await matching.get('[data-testid="match-1"]').setValue('Romania')
    expect(pending(matching).at(-1)).toEqual({ form: 'matching', matches: { Deveselu: 'Romania' } })
  })
})

describe('QuestionCard, typed', () => {
  it('says what to do when the prompt is a bare flashcard front', () => {
    const bare = mount(QuestionCard, { props: { question: { ...TYPED, prompt: 'EPAA' } } })
    expect(bare.get('.hint').text()).toBe('Type the answer that goes with this.')
    const asked = mount(QuestionCard, { props: { question: TYPED } })
    expect(asked.find('.hint').exists()).toBe(false)
  })

  it('shows the side asked for, when the question says it', () => {
    const flashcard = mount(QuestionCard, {
      props: { question: { ...TYPED, prompt: 'EPAA', hint: 'Type what its back says.' } },
    })
    expect(flashcard.get('[data-testid="hint"]').text()).toBe('Type what its back says.')
  })
})
