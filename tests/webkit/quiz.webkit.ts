// Timed quizzes in WebKit: one sat to the end and handed in, one that hands itself in when the
// time runs out.
import { afterEach, describe, expect, it } from 'vitest'
import { quizLink, TIME_RUNS_OUT } from '../fixtures/quizScenarios'
import {
  BASE,
  closeWebKit,
  foreignRequests,
  openWebKit,
  textOf,
  waitForText,
  type Browser,
} from './browser'
import { submitAnswer, tap } from './drive'

let browser: Browser | undefined
afterEach(async () => {
  if (browser) expect(await foreignRequests(browser)).toEqual([])
  await closeWebKit(browser)
  browser = undefined
})

async function questionShown(b: Browser, n: number, of: number): Promise<void> {
  await b.$(`h1[aria-label="Question ${n} of ${of}"]`).waitForExist()
  await b.$('article.question').waitForExist()
}

describe('timed quiz in WebKit', () => {
  it('is set up on the quiz form, answered in every form, handed in and explained', async () => {
    browser = await openWebKit()
    await browser.url(`${BASE}/quiz`)
    const count = browser.$('#quiz-count')
    await count.waitForExist()
    await count.setValue('8')
    // a timed exam over every kind of question the quiz form offers
    await tap(browser, 'input[type=radio][value=total]')
    await tap(browser, 'input[type=radio][value=exam]')
    await tap(browser, 'button=Start quiz')
    await browser.waitUntil(async () => /\/quiz\/sit\//.test(await browser!.getUrl()))

    const forms = new Set<string>()
    for (let i = 0; i < 8; i++) {
      await questionShown(browser, i + 1, 8)
      expect(await textOf(browser, '[data-testid="timer"]')).toMatch(/^\d+:\d\d$/)
      forms.add(await submitAnswer(browser, { study: false }))
      await waitForText(browser, '.saved', 'Answer saved')
      await tap(browser, '[data-next]')
    }
    // eight questions take turns over the six kinds the form offers ("typed" covers fill-in and
    // numbers too), so every kind is asked
    expect([...forms]).toEqual(
      expect.arrayContaining(['single', 'multi', 'ordering', 'truefalse', 'matching']),
    )
    expect([...forms].some((f) => ['typed', 'cloze', 'numeric'].includes(f))).toBe(true)

    await browser.$('[data-testid="confirm-submit"]').waitForExist()
    await waitForText(browser, '[data-testid="confirm-panel"]', 'All questions answered.')
    await tap(browser, '[data-testid="confirm-submit"]')
    await browser.waitUntil(async () => /\/quiz\/result\//.test(await browser!.getUrl()))
    await browser.$('[data-testid="score"]').waitForExist()
    expect(await textOf(browser, '[data-testid="score"]')).toMatch(/^\d+%$/)
    const rows = await browser.$$('.times tbody tr')
    expect(rows).toHaveLength(8)
    // every mistake comes with the right answer and an explanation
    const mistakes = await browser.execute(() =>
      [...document.querySelectorAll('.mistake')].map((m) => m.textContent ?? ''),
    )
    for (const m of mistakes) expect(m).toMatch(/Right|right/)
    const wrongRows = await browser.execute(
      () => document.querySelectorAll('.times tbody .badge-bad').length,
    )
    expect(mistakes.length).toBeGreaterThanOrEqual(wrongRows)
  })

  it('hands itself in when the time runs out, unanswered questions wrong', async () => {
    const s = TIME_RUNS_OUT
    browser = await openWebKit()
    await browser.url(quizLink(BASE, s.config))
    await tap(browser, '[data-testid="start-shared"]')
    await questionShown(browser, 1, s.questions)
    await browser.keys(s.answerKey) // one answer, then let the clock run
    await browser.waitUntil(async () => /\/quiz\/result\//.test(await browser!.getUrl()), {
      timeout: s.waitMs,
    })
    await waitForText(browser, 'main', s.notice)
    await expect(browser.$$('.times tbody tr')).resolves.toHaveLength(s.questions)
    const noAnswer = await browser.execute(
      (text) =>
        [...document.querySelectorAll('.times tbody tr')].filter((r) =>
          r.textContent?.includes(text),
        ).length,
      s.unansweredText,
    )
    expect(noAnswer).toBe(s.unanswered)
  })
})
