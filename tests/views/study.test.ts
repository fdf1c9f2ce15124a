import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Card } from '@/core/deck'
import { installDeck } from '@/storage/decks'
import * as progressStorage from '@/storage/progress'
import { getProgress, listReviews } from '@/storage/progress'
import { loadSettings, saveSettings } from '@/storage/settings'
import { makeDeck, NOW } from '../fixtures/decks'
import { button, mountRoute, until, untilText } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

const single = (id: string, prompt: string, answer: string, distractors: string[]): Card => ({
  id,
  type: 'single',
  kind: 'country',
  prompt,
  answer,
  distractors,
  explanation: `${answer} it is.`,
  paragraphs: [9],
  tags: [],
})
const PHASE_2 = 'Where is the Aegis Ashore site of phase 2?'
const PHASE_3 = 'Where is the Aegis Ashore site of phase 3?'
const DECK = makeDeck({
  id: 'europe',
  title: 'Europe and NATO',
  cards: [
    single('ro', PHASE_2, 'Romania', ['Poland', 'Turkey', 'Spain']),
    single('pl', PHASE_3, 'Poland', ['Romania', 'Turkey', 'Spain']),
  ],
})
const SELF_DECK = makeDeck({
  id: 'terms',
  title: 'Terms',
  cards: [
    {
      id: 'epaa',
      type: 'basic',
      kind: 'term',
      front: 'What does EPAA stand for?',
      back: 'European Phased Adaptive Approach',
      reversible: false,
      paragraphs: [],
      tags: [],
    },
  ],
})

/** Taps the option named `label` on the card on screen. */
async function choose(w: VueWrapper, label: string) {
  const option = w.findAll('[data-testid^="choice-"]').find((b) => b.get('.label').text() === label)
  expect(option, `option ${label}`).toBeDefined()
  await option!.trigger('click')
}

const prompt = (w: VueWrapper) => w.get('article.question h2').text()
const verdict = (w: VueWrapper) => w.get('section.feedback h2').text()

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('StudyView', () => {
  it('answers a card by tapping an option, shows feedback, then continues', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    expect(w.get('h1').text()).toBe('Study: Europe and NATO')
    expect(w.get('[role="progressbar"]').attributes('aria-valuetext')).toBe('0 of 2 cards')

    await choose(w, 'Romania')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    expect(verdict(w)).toBe('✓ Right')
    expect(w.text()).toContain('Romania it is.')
    expect(w.get('[aria-live="polite"][aria-atomic="true"]').text()).toBe('Right. Romania')
    // committed before the next card shows
    expect(await getProgress('europe/ro')).toMatchObject({ rev: 1 })
    expect(w.get('[role="progressbar"]').attributes('aria-valuetext')).toBe('1 of 2 cards')
    expect(document.activeElement).toBe(button(w, 'Continue').element)

    await button(w, 'Continue').trigger('click')
    await untilText(w, PHASE_3)
    expect(prompt(w)).toBe(PHASE_3)
    expect(w.find('section.feedback').exists()).toBe(false)
    // a choice card has no field: its prompt takes focus, so focus never falls back to the page
    await until(() => document.activeElement === w.get('article.question h2').element, 'focus')
  })

  it('shows what was answered and what is right after a wrong answer', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    await choose(w, 'Spain')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    expect(verdict(w)).toBe('✗ Not quite')
    const terms = w.findAll('section.feedback dt').map((d) => d.text())
    const details = w.findAll('section.feedback dd').map((d) => d.text())
    expect(terms).toEqual(['Your answer', 'Right answer'])
    expect(details).toEqual(['Spain', 'Romania'])
    // the options are locked, the right one marked
    const options = w.findAll('[data-testid^="choice-"]')
    expect(options.every((o) => o.attributes('aria-disabled') === 'true')).toBe(true)
    expect(
      options
        .find((o) => o.text().includes('right answer'))!
        .get('.label')
        .text(),
    ).toBe('Romania')
    expect(await listReviews()).toMatchObject([
      { itemId: 'europe/ro', recall: 'again', source: 'study' },
    ])
  })

  it('continues with Enter after feedback', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    await choose(w, 'Romania')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', cancelable: true }))
    await untilText(w, PHASE_3)
    expect(prompt(w)).toBe(PHASE_3)
  })

  it('undoes the last answer: the card shows again and the answer leaves storage', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    const undo = () => button(w, 'Undo last answer')
    expect(undo().attributes('disabled')).toBeDefined()
    await choose(w, 'Romania')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    await button(w, 'Continue').trigger('click')
    await untilText(w, PHASE_3)

    await undo().trigger('click')
    await until(() => prompt(w) === PHASE_2, 'the undone card')
    expect(w.find('section.feedback').exists()).toBe(false)
    expect(w.get('[aria-live="polite"][aria-atomic="true"]').text()).toBe('Last answer undone.')
    expect(w.get('[role="progressbar"]').attributes('aria-valuetext')).toBe('0 of 2 cards')
    expect(await getProgress('europe/ro')).toBeUndefined()
    expect(await listReviews()).toEqual([])
    expect(undo().attributes('disabled')).toBeDefined()
  })

  it('sums up the session when every card is done', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    await choose(w, 'Romania')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    await button(w, 'Continue').trigger('click')
    await untilText(w, PHASE_3)
    await choose(w, 'Poland')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    await button(w, 'Continue').trigger('click')

    await untilText(w, 'Session complete')
    const summary = Object.fromEntries(
      w.findAll('dl.summary > div').map((d) => [d.get('dt').text(), d.get('dd').text()]),
    )
    expect(summary).toEqual({ Cards: '2', Right: '100%', Time: '1 min' })
    expect(w.text()).toContain('Again 0 · Hard 0 · Good 0 · Easy 2')
    expect(w.get('a[href="/"]').text()).toBe('Back to the Library')
  })

  it('says so when an answer cannot be saved, and keeps the card to answer again', async () => {
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, PHASE_2)
    const failing = vi
      .spyOn(progressStorage, 'saveReview')
      .mockRejectedValueOnce(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    await choose(w, 'Romania')
    await untilText(w, 'Your answer could not be saved on this device. Please try again.')
    expect(prompt(w)).toBe(PHASE_2)
    expect(await listReviews()).toEqual([])
    failing.mockRestore()
    await choose(w, 'Romania')
    await until(() => w.find('section.feedback').exists(), 'feedback')
    expect(await listReviews()).toHaveLength(1)
  })

  it('says when nothing is due', async () => {
    await saveSettings({ ...(await loadSettings()), newPerDay: 0 })
    const { wrapper: w } = await mountRoute('/study/europe')
    await untilText(w, 'Nothing due right now')
    expect(w.text()).toContain('You have studied everything due today in this deck')
  })

  // regression: the page's heading said "Study: All decks"
  it('says when the deck is not installed, in its heading', async () => {
    const { wrapper: w } = await mountRoute('/study/nowhere')
    await untilText(w, 'There is no deck “nowhere” on this device')
    expect(w.find('article.question').exists()).toBe(false)
    expect(w.findAll('h1').map((h) => h.text())).toEqual(['Deck not found'])
  })

  it('shows the back of a self-graded card, then takes a rating', async () => {
    await installDeck(SELF_DECK, 'user', NOW)
    const { wrapper: w } = await mountRoute('/study/terms')
    await untilText(w, 'What does EPAA stand for?')
    expect(w.find('[data-testid="card-back"]').exists()).toBe(false)
    await button(w, 'Show answer').trigger('click')
    await untilText(w, 'European Phased Adaptive Approach')
    const ratings = w.get('[role="group"][aria-label="How well did you remember?"]')
    expect(ratings.findAll('button').map((b) => b.get('.name').text())).toEqual([
      'Again',
      'Hard',
      'Good',
      'Easy',
    ])

    await w.get('[data-testid="rate-easy"]').trigger('click')
    await untilText(w, 'Session complete')
    expect(await listReviews()).toMatchObject([{ itemId: 'terms/epaa', recall: 'easy' }])
  })

  it('studies every deck under /study', async () => {
    await installDeck(SELF_DECK, 'user', NOW)
    const { wrapper: w } = await mountRoute('/study')
    await until(() => w.find('article.question').exists(), 'a card')
    expect(w.get('h1').text()).toBe('Study: All decks')
    expect(w.get('[role="progressbar"]').attributes('aria-valuetext')).toBe('0 of 3 cards')
  })
})
