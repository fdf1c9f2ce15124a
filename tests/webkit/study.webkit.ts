// The study app in WebKit (the engine of Safari on iPhone): first visit, every kind of card the
// shipped decks have, and progress that survives a reload.
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BASE,
  closeWebKit,
  foreignRequests,
  openWebKit,
  reviewCount,
  waitForText,
  type Browser,
} from './browser'
import { answerCard, tap } from './drive'

let browser: Browser | undefined
afterEach(async () => {
  // every test also checks that nothing was fetched from outside the app's origin
  if (browser) expect(await foreignRequests(browser)).toEqual([])
  await closeWebKit(browser)
  browser = undefined
})

function shippedDeckIds(): string[] {
  return readdirSync('decks')
    .filter((f) => /^bmd-.*\.json$/.test(f))
    .map((f) => f.replace(/\.json$/, ''))
}

/**
 * How many cards of each study form a first day can show (a basic card is studied as a flashcard).
 * Cards of one fact are siblings: a day introduces only the first of them, as Anki buries
 * siblings, so the shipped cloze cards (each the second card of its fact) wait for another day;
 * the import test studies a cloze card in WebKit.
 */
function firstDayForms(): Map<string, number> {
  const forms = new Map<string, number>()
  for (const id of shippedDeckIds()) {
    const deck = JSON.parse(readFileSync(`decks/${id}.json`, 'utf8')) as {
      cards: { id: string; type: string; fact?: string }[]
    }
    const facts = new Set<string>()
    for (const card of deck.cards) {
      const fact = card.fact ?? card.id
      if (facts.has(fact)) continue
      facts.add(fact)
      const form = card.type === 'basic' ? 'self' : card.type
      forms.set(form, (forms.get(form) ?? 0) + 1)
    }
  }
  return forms
}

/** The Library's Today line and each deck's counts, once the decks have loaded. */
async function libraryState(b: Browser): Promise<{ today: string; counts: string[] }> {
  await waitForText(b, '.summary', 'today')
  return b.execute(() => ({
    today: document.querySelector('.summary')?.textContent ?? '',
    counts: [...document.querySelectorAll('.tile .counts')].map((e) => e.textContent ?? ''),
  }))
}

describe('first visit in WebKit', () => {
  it('shows the library and the four shipped decks', async () => {
    browser = await openWebKit()
    await browser.url(`${BASE}/`)
    await waitForText(browser, '.summary', '20 new cards today')
    const titles = await browser.execute(() =>
      [...document.querySelectorAll('.tile .title')].map((h) => h.textContent?.trim()),
    )
    expect(titles).toHaveLength(4)
    expect(titles).toContain('Missile Defense in Europe and NATO')
    await expect(browser.getTitle()).resolves.toMatch(/Intercept/)
  })
})

describe('dark mode in WebKit', () => {
  it('follows the system colour scheme', async () => {
    browser = await openWebKit({ dark: true })
    await browser.url(`${BASE}/`)
    await waitForText(browser, '.summary', 'today')
    const seen = await browser.execute(() => {
      const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+/g)!.map(Number)
      return {
        dark: matchMedia('(prefers-color-scheme: dark)').matches,
        // relative luminance, roughly: a dark page is well under the middle
        light: (0.2126 * rgb[0]! + 0.7152 * rgb[1]! + 0.0722 * rgb[2]!) / 255,
      }
    })
    expect(seen.dark).toBe(true)
    expect(seen.light).toBeLessThan(0.2)
  })
})

describe('studying in WebKit', () => {
  it('answers every kind of card the shipped decks have, and keeps the progress across a reload', async () => {
    const forms = firstDayForms()
    // a few of each, or all there are of a rare kind
    const wanted = new Map([...forms].map(([form, n]) => [form, Math.min(2, n)]))
    browser = await openWebKit()

    // enough new cards for today to reach the rarer kinds, set through the Settings form
    await browser.url(`${BASE}/settings`)
    const perDay = browser.$('#new-per-day')
    await perDay.waitForExist()
    await perDay.setValue('200')
    await tap(browser, 'button=Save')
    await waitForText(browser, '[role=status]', 'Settings saved.')

    // deck by deck: a session of all decks spreads its new cards, and a rare kind may come late
    const seen = new Map<string, number>()
    const missing = () => [...wanted].filter(([form, n]) => (seen.get(form) ?? 0) < n)
    let answers = 0
    for (const deckId of shippedDeckIds()) {
      await browser.url(`${BASE}/study/${deckId}`)
      for (let i = 0; i < 40 && missing().length; i++) {
        const form = await answerCard(browser)
        seen.set(form, (seen.get(form) ?? 0) + 1)
        answers++
      }
    }
    expect(missing(), `forms answered: ${JSON.stringify([...seen])}`).toEqual([])
    // every answer is a review stored in IndexedDB (flashcard ratings included)
    await expect(reviewCount(browser)).resolves.toBe(answers)

    await browser.url(`${BASE}/`)
    const before = await libraryState(browser)
    expect(before.today).toMatch(/to review|new card/)
    await browser.refresh()
    const after = await libraryState(browser)
    expect(after).toEqual(before)
    await expect(reviewCount(browser)).resolves.toBe(answers)
  })
})
