// Setting, sharing and joining a quiz, and taking a finished one again.
import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import { decksFingerprint } from '@/core/deckFingerprint'
import type { QuizConfig } from '@/core/quiz/config'
import { decodeQuizCode, encodeQuizCode } from '@/core/quizCode'
import { RouteName } from '@/router'
import { installDeck } from '@/storage/decks'
import { useQuizStore } from '@/stores/quiz'
import { makeDeck, makeQuizConfig, NOW } from '../fixtures/decks'
import { button, freshPinia, mountRoute, until, untilText } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

const card = (id: string, answer: string, tags: string[] = []): Card => ({
  id,
  type: 'single',
  kind: 'country',
  prompt: `Where is ${id}?`,
  answer,
  distractors: ['Spain', 'Italy', 'Greece'].filter((d) => d !== answer),
  paragraphs: [1],
  tags,
})
const DECK = makeDeck({
  id: 'europe',
  tags: ['NATO'],
  cards: [card('ro', 'Romania', ['aegis']), card('pl', 'Poland'), card('tr', 'Turkey')],
})

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

async function setup() {
  const mounted = await mountRoute('/quiz')
  await until(() => mounted.wrapper.find('#quiz-count').exists(), 'the settings')
  return mounted
}
/** Shares the settings on screen and returns the code shown. */
async function shareCode(w: VueWrapper): Promise<string> {
  await button(w, 'Share with a class').trigger('click')
  await until(() => w.find('[data-testid="quiz-code"]').exists(), 'the code')
  return w.get('[data-testid="quiz-code"]').text().replace(/\s+/g, '')
}

describe('QuizSetupView', () => {
  // Regression: the form handed Vue's reactive arrays to IndexedDB, which cannot clone them, so
  // "Start quiz" failed silently with any settings.
  it('starts the quiz set on the form', async () => {
    const { wrapper: w, router } = await setup()
    await w.get('form[aria-labelledby="custom-title"]').trigger('submit')
    await until(() => router.currentRoute.value.name === RouteName.quizSit, 'the quiz')
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it("lists a deck's own tags among the topics", async () => {
    const { wrapper: w } = await setup()
    const topics = w.findAll('.topics .chip').map((c) => c.text())
    expect(topics).toEqual(['aegis', 'nato'])
  })

  it('clamps time limits to whole units within the limits, so a shared code always opens', async () => {
    const { wrapper: w } = await setup()
    await w.get('input[aria-label="Minutes for the whole quiz"]').setValue('99999')
    expect(
      (w.get('input[aria-label="Minutes for the whole quiz"]').element as HTMLInputElement).value,
    ).toBe('1440')
    let decoded = decodeQuizCode(await shareCode(w))
    expect(decoded.ok && decoded.config.timing).toEqual({ kind: 'total', limitMs: 1440 * 60_000 })

    await w.get('input[value="per-question"]').setValue(true)
    await w.get('input[aria-label="Seconds per question"]').setValue('2.4')
    decoded = decodeQuizCode(await shareCode(w))
    expect(decoded.ok && decoded.config.timing).toEqual({ kind: 'per-question', limitMs: 5_000 })
    await w.get('input[aria-label="Seconds per question"]').setValue('12.6')
    decoded = decodeQuizCode(await shareCode(w))
    expect(decoded.ok && decoded.config.timing).toEqual({ kind: 'per-question', limitMs: 13_000 })
  })

  it('shows the code in groups beside the link, and copies it whole', async () => {
    const writeText = vi.fn(async () => undefined)
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } })
    const { wrapper: w } = await setup()
    const code = await shareCode(w)
    const link = (w.get('#share-link').element as HTMLInputElement).value
    expect(new URL(link).searchParams.get('c')).toBe(code)
    // even groups of four or five: never a lone character at the end
    const sizes = w.findAll('[data-testid="quiz-code"] .group').map((g) => g.text().length)
    expect(sizes.every((n) => n === 4 || n === 5)).toBe(true)
    expect(sizes.join('')).toMatch(/^5*4*$/)
    await button(w, 'Copy code').trigger('click')
    await untilText(w, 'Code copied.')
    expect(writeText).toHaveBeenCalledWith(code)
  })

  it('shares the fingerprint of the selected decks as installed here', async () => {
    await installDeck(
      makeDeck({ id: 'gulf', title: 'Gulf', cards: [card('qa', 'Qatar')] }),
      'user',
      NOW,
    )
    const { wrapper: w } = await setup()
    await w.get('input[type="checkbox"][value="gulf"]').setValue(false)
    const decoded = decodeQuizCode(await shareCode(w))
    expect(decoded.ok && decoded.config.deckIds).toEqual(['europe'])
    expect(decoded.ok && decoded.config.decks).toBe(decksFingerprint([DECK], ['europe']))
  })

  it('exports the quiz set on the form without sitting it, the same questions the link asks', async () => {
    let name = ''
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:x'
    })
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      name = this.download
    })
    const { wrapper: w } = await setup()
    await w.get('#quiz-count').setValue('2')
    // one question per card (a matching question would take all three)
    for (const box of w.findAll('fieldset input[type="checkbox"]'))
      if (
        ['typed', 'multi', 'ordering', 'truefalse', 'matching'].includes(box.attributes('value')!)
      )
        await box.setValue(false)
    const details = w.get('[data-testid="setup-export"]')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await until(() => w.find('[data-testid="quiz-export-download"]').exists(), 'the export')
    expect(w.get('[data-testid="setup-export-summary"]').text()).toContain('2 questions')
    expect(w.get('[data-testid="quiz-export-download"]').text()).toBe('Download 2 questions (QTI)')
    await w.get('[data-testid="quiz-export-download"]').trigger('click')
    expect(name).toMatch(/^quiz-.+\.qti\.zip$/)
    expect(created).toHaveLength(1)
    // nothing was started or stored
    expect(useQuizStore().session).toBeNull()
    const stored = await (await import('@/storage/quiz')).openSessions()
    expect(stored).toEqual([])
    // the link shared from the same screen carries the same seed, so the class sits these questions
    const decoded = decodeQuizCode(await shareCode(w))
    expect(decoded.ok && `quiz-${decoded.config.seed}.qti.zip`).toBe(name)

    // the export follows the form: fewer questions asked, fewer exported, in the format chosen
    await w.get('[data-testid="quiz-export-format"]').setValue('gift')
    await w.get('#quiz-count').setValue('1')
    await until(
      () =>
        w.find('[data-testid="setup-export-summary"]').exists() &&
        w.get('[data-testid="setup-export-summary"]').text().includes('1 question'),
      'the new export',
    )
    expect(w.get('[data-testid="quiz-export-download"]').text()).toBe('Download 1 question (GIFT)')
    // other questions: another seed, and the old link is withdrawn
    await w.get('[data-testid="setup-export-reshuffle"]').trigger('click')
    await until(() => w.find('[data-testid="quiz-export-download"]').exists(), 'the export')
    expect(w.find('[data-testid="quiz-code"]').exists()).toBe(false)
  })

  it('says why nothing can be exported from these settings', async () => {
    const { wrapper: w } = await setup()
    for (const box of w.findAll('fieldset input[type="checkbox"]'))
      if (['typed', 'single', 'multi', 'truefalse', 'matching'].includes(box.attributes('value')!))
        await box.setValue(false)
    const details = w.get('[data-testid="setup-export"]')
    ;(details.element as HTMLDetailsElement).open = true
    await details.trigger('toggle')
    await untilText(w, 'No ordering questions')
    expect(w.get('[data-testid="setup-export"] [role="alert"]').text()).toContain(
      'No ordering questions',
    )
  })

  it('opens a typed quiz code on the join screen', async () => {
    const { wrapper: w, router } = await setup()
    const code = await shareCode(w)
    const spaced = code.match(/.{1,5}/g)!.join(' ')
    await w.get('[data-testid="quiz-code-input"]').setValue(spaced)
    await w.get('form.code-entry').trigger('submit')
    await until(() => router.currentRoute.value.name === RouteName.quizJoin, 'the join screen')
    expect(router.currentRoute.value.query.c).toBe(code)
    await until(() => w.find('[data-testid="start-shared"]').exists(), 'the shared quiz')
  })
})

describe('QuizJoinView', () => {
  const SHARED: QuizConfig = makeQuizConfig({
    seed: 'class-7',
    decks: decksFingerprint([DECK], ['europe']),
  })
  /** Opens the join screen on `config`'s code and waits for the installed decks. */
  async function join(config: QuizConfig) {
    const mounted = await mountRoute(`/quiz/join?c=${encodeQuizCode(config)}`)
    const start = () => mounted.wrapper.find('[data-testid="start-shared"]')
    await until(() => start().exists() && start().attributes('disabled') === undefined, 'the decks')
    return mounted
  }

  it("warns when this device's copy of a deck differs from the one the quiz was set from", async () => {
    const edited = { ...DECK, cards: [card('ro', 'Poland'), ...DECK.cards.slice(1)] }
    await installDeck(edited, 'user', NOW)
    const { wrapper: w, router } = await join(SHARED)
    const warning = w.get('[data-testid="decks-differ"]')
    expect(warning.attributes('role')).toBe('alert')
    expect(warning.text().replace(/\s+/g, ' ')).toBe(
      `Your copy of ${DECK.title} differs from the one this quiz was set from, so some questions may differ. Ask for the deck again (or update the app), or sit it anyway.`,
    )
    // sitting it anyway is still possible
    await w.get('[data-testid="start-shared"]').trigger('click')
    await until(() => router.currentRoute.value.name === RouteName.quizSit, 'the quiz')
  })

  it('says nothing when the decks are the ones the quiz was set from', async () => {
    const { wrapper: w } = await join(SHARED)
    expect(w.find('[data-testid="decks-differ"]').exists()).toBe(false)
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it('says nothing for a code that carries no fingerprint', async () => {
    await installDeck({ ...DECK, cards: DECK.cards.slice(1) }, 'user', NOW)
    const { wrapper: w } = await join({ ...SHARED, decks: undefined })
    expect(w.find('[data-testid="decks-differ"]').exists()).toBe(false)
  })

  it('leaves a missing deck to its own notice', async () => {
    const { wrapper: w } = await join({
      ...SHARED,
      deckIds: ['europe', 'gulf'],
      decks: decksFingerprint([DECK, makeDeck({ id: 'gulf' })], ['europe', 'gulf']),
    })
    await untilText(w, 'This device does not have the deck gulf')
    expect(w.find('[data-testid="decks-differ"]').exists()).toBe(false)
  })

  it('asks for a code when the link has none', async () => {
    const { wrapper: w, router } = await mountRoute('/quiz/join')
    const input = w.get('[data-testid="quiz-code-input"]')
    expect(w.get(`label[for="${input.attributes('id')}"]`).text()).toBe('Enter a quiz code')
    expect(w.text()).not.toContain('damaged')
    await input.setValue('1nonsense')
    await w.get('form.code-entry').trigger('submit')
    await until(() => router.currentRoute.value.query.c === '1nonsense', 'the code in the URL')
    await untilText(w, 'This quiz link is damaged.')
  })
})

describe('QuizResultView', () => {
  it('shares the fingerprint of the decks the quiz was made from', async () => {
    const pinia = freshPinia()
    const quiz = useQuizStore()
    // a fingerprint from elsewhere (a joined code) gives way to what the questions came from
    const created = await quiz.create(
      {
        deckIds: ['europe'],
        tags: [],
        count: 3,
        forms: ['single'],
        timing: { kind: 'none' },
        mode: 'exam',
        seed: 'shared',
        decks: 'ZZZZ',
      },
      NOW,
    )
    if (!created.ok) throw new Error(created.message)
    await quiz.submit(NOW + 5_000)
    const { wrapper: w } = await mountRoute(`/quiz/result/${created.id}`, pinia)
    await until(() => w.find('#result-share').exists(), 'the share link')
    const link = (w.get('#result-share').element as HTMLInputElement).value
    const decoded = decodeQuizCode(link)
    expect(decoded.ok && decoded.config.decks).toBe(decksFingerprint([DECK], ['europe']))
  })
})

describe('QuizResultView for a weakest-first quiz', () => {
  const WEAKEST: QuizConfig = makeQuizConfig({
    seed: 'weak',
    weakest: true,
  })

  it('asks the same questions again and offers no class link', async () => {
    const pinia = freshPinia()
    const quiz = useQuizStore()
    const created = await quiz.create(WEAKEST, NOW)
    if (!created.ok) throw new Error(created.message)
    const asked = quiz.session!.questions
    await quiz.submit(NOW + 5_000)

    const { wrapper: w, router } = await mountRoute(`/quiz/result/${created.id}`, pinia)
    await untilText(w, 'Quiz result')
    expect(w.find('#result-share').exists()).toBe(false)
    expect(w.find('[data-testid="weakest-not-shared"]').exists()).toBe(true)

    await button(w, 'Same questions again').trigger('click')
    await until(() => router.currentRoute.value.name === RouteName.quizSit, 'the new sitting')
    expect(router.currentRoute.value.params.id).not.toBe(created.id)
    expect(useQuizStore().session!.questions).toEqual(asked)
    expect(useQuizStore().session!.config).toEqual({
      ...WEAKEST,
      decks: decksFingerprint([DECK], WEAKEST.deckIds),
    })
  })
})
