// Bugs that live in the browser's layout and accessibility tree, checked in Chromium on the built app.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { encodeQuizCode } from '@/core/quizCode'
import type { QuizConfig } from '@/core/quiz/config'
import { BASE, openProfile, type Profile } from './browser'
import { submitAnswer } from './drive'

const profiles: Profile[] = []
afterEach(async () => {
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

async function open(viewport = { width: 360, height: 640 }): Promise<Page> {
  const profile = await openProfile({ viewport })
  profiles.push(profile)
  await profile.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE })
  return profile.page
}

/** A line of `n` characters with no space, in several scripts (the slow case for text layout). */
function longLine(n: number): string {
  const chars = 'aé-б.日ش,/xyz'
  let out = ''
  for (let i = 0; out.length < n; i++) out += chars[(i * 7919) % chars.length]
  return out
}

/** Pastes `text` into the focused box as a user does: the clipboard, then Ctrl+V. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.keyboard.press('Control+V')
}

describe('import screen in the accessibility tree', () => {
  // regression: the hidden file input was a second "Deck file" button
  it('has one "Deck file" control, a button that opens the picker', async () => {
    const page = await open()
    await page.goto(`${BASE}/import`)
    await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()
    const controls = page.getByRole('button', { name: /Deck file/ })
    await expect(controls.count()).resolves.toBe(1)
    await expect(controls.textContent()).resolves.toContain('Choose a file…')
    const chooser = page.waitForEvent('filechooser')
    await controls.click()
    await chooser
  })
})

describe('a long line pasted', () => {
  // regression: a few hundred KB with no spaces, laid out in the box, froze the tab for 20–40 s
  it('is held as a source in the import box, summarised, and read', async () => {
    const page = await open()
    await page.goto(`${BASE}/import`)
    await page.getByTestId('import-text').focus()
    await paste(page, `THAAD\t${longLine(300_000)}`)
    await page.getByTestId('large-text').waitFor()
    await expect(page.getByTestId('large-text').textContent()).resolves.toContain(
      '300,006 characters on 1 line',
    )
    await expect(page.getByTestId('import-text').count()).resolves.toBe(0)
    await page.getByTestId('read-pasted').click()
    await page.getByTestId('import-failed').waitFor()
    await expect(page.getByTestId('import-failed').textContent()).resolves.toContain(
      'longer than 2,000 characters',
    )
    await page.getByTestId('clear-large-text').click()
    await expect(page.getByTestId('import-text').inputValue()).resolves.toBe('')
  })

  it('is held as a source in quick entry, and a short paste still goes in the box', async () => {
    const page = await open()
    await page.goto(`${BASE}/edit`)
    await page.getByText('Quick entry: paste a list').click()
    const box = page.getByTestId('quick-text')
    await box.focus()
    await paste(page, 'SM-3 — interceptor')
    await expect(box.inputValue()).resolves.toBe('SM-3 — interceptor')
    await box.press('End')
    await paste(page, `\nGMD — ${longLine(200_000)}`)
    await page.getByTestId('large-text').waitFor()
    await expect(page.getByTestId('large-text').textContent()).resolves.toContain(
      '200,025 characters on 2 lines',
    )
    await expect(page.getByTestId('quick-status').textContent()).resolves.toContain('1 card read')
  })
})

describe('deck editor at 1280×800', () => {
  // regression: the sticky toolbar covered the label of the field a refused save focused
  it('shows the focused field and its label below the sticky toolbar after a refused save', async () => {
    const page = await open({ width: 1280, height: 800 })
    await page.goto(`${BASE}/edit`)
    await page.getByLabel('Deck title').fill('Gulf systems')
    for (let i = 0; i < 8; i++) {
      await page.getByLabel('New card type').selectOption('basic')
      await page.getByTestId('add-card').click()
      const row = `[data-card-index="${i}"]`
      if (i > 0) await page.locator(`${row} [data-field="front"]`).fill(`Term ${i}`)
      await page.locator(`${row} [data-field="back"]`).fill(`Definition ${i}`)
    }
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.getByTestId('save-deck').click()
    await page.waitForFunction(() =>
      document.activeElement?.matches('[data-card-index="0"] [data-field="front"]'),
    )
    const covered = await page.evaluate(() => {
      const field = document.activeElement as HTMLInputElement
      const label = document.querySelector(`label[for="${field.id}"]`)!
      const bar = document.querySelector('[role="toolbar"][aria-label="Deck"]')!
      const barBottom = bar.getBoundingClientRect().bottom
      return {
        label: label.getBoundingClientRect().top - barBottom,
        field: field.getBoundingClientRect().top - barBottom,
        onTop: [label, field].map((el) => {
          const r = el.getBoundingClientRect()
          const hit = document.elementFromPoint(r.left + 4, r.top + r.height / 2)
          return hit === el || el.contains(hit)
        }),
      }
    })
    expect(covered.label).toBeGreaterThanOrEqual(0)
    expect(covered.field).toBeGreaterThan(0)
    expect(covered.onTop).toEqual([true, true])
  })
})

describe('phone layout at 360×640', () => {
  // regression: the map was below the first screen, 290 px wide, and table cells ran to 5–6 lines
  it('shows the deployment map on the first screen, full width, with short table rows', async () => {
    const page = await open()
    await page.goto(`${BASE}/map`)
    const map = page.getByTestId('world-map')
    await map.waitFor()
    const box = (await map.boundingBox())!
    const navTop = await page.evaluate(() => {
      const navs = [...document.querySelectorAll('nav')].map((n) => n.getBoundingClientRect())
      return Math.min(...navs.filter((r) => r.top > 300).map((r) => r.top), innerHeight)
    })
    expect(box.width).toBeGreaterThanOrEqual(350)
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(360)
    expect(box.y + box.height / 2).toBeLessThan(navTop)
    const rows = await page
      .locator('tbody tr[data-deployment]')
      .evaluateAll((trs) => trs.map((tr) => tr.getBoundingClientRect().height))
    expect(rows.length).toBeGreaterThan(10)
    // a row is what, where and when, and its paragraph: never cells of five or six lines
    for (const h of rows) expect(h).toBeLessThan(140)
    expect(rows.reduce((a, b) => a + b, 0) / rows.length).toBeLessThan(115)
  })

  // regression: five mistakes made a 4,400 px page; matching words broke mid-word
  it('keeps five quiz mistakes scannable: compact rows, pairs stacked when opened', async () => {
    const page = await open()
    const config: QuizConfig = {
      deckIds: [
        'bmd-europe-and-nato',
        'bmd-gulf-and-asia',
        'bmd-threat-and-us-systems',
        'bmd-why-cooperate',
      ],
      tags: [],
      count: 5,
      forms: ['matching', 'ordering'],
      timing: { kind: 'none' },
      mode: 'exam',
      seed: 'phone-rows',
    }
    await page.goto(`${BASE}/quiz/join?c=${encodeURIComponent(encodeQuizCode(config))}`)
    await page.getByTestId('start-shared').click()
    await page.waitForURL(/\/quiz\/sit\//)
    for (let i = 0; i < 5; i++) {
      await page.locator('article.question').waitFor()
      await page.locator('[data-next]').click()
    }
    await page.getByTestId('confirm-submit').click()
    await page.getByTestId('score').waitFor()
    const heights = await page
      .getByTestId('mistake')
      .evaluateAll((rows) => rows.map((r) => r.getBoundingClientRect().height))
    expect(heights).toHaveLength(5)
    for (const h of heights) expect(h).toBeLessThan(130)
    await page.getByTestId('toggle-mistakes').click()
    const pairs = await page.locator('section.review tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const th = tr.querySelector('th')!.getBoundingClientRect()
        return th.width / tr.getBoundingClientRect().width
      }),
    )
    expect(pairs.length).toBeGreaterThan(0)
    // each pair is a block on a phone: the item takes the row's whole width, so words never split
    for (const share of pairs) expect(share).toBeGreaterThan(0.9)

    // regression: the share code's last group wrapped onto a line of its own
    const rows = await page.locator('[data-testid="quiz-code"] .group').evaluateAll((groups) => {
      const byTop = new Map<number, number>()
      for (const g of groups) {
        const top = Math.round(g.getBoundingClientRect().top)
        byTop.set(top, (byTop.get(top) ?? 0) + 1)
      }
      return [...byTop.values()]
    })
    expect(Math.max(...rows) - Math.min(...rows)).toBeLessThanOrEqual(1)
    expect(rows.length === 1 || Math.min(...rows) > 1).toBe(true)
  })

  // regression: after an answer the feedback scrolled into view and pushed the question off-screen
  it('keeps the question and the verdict in view together after each answer', async () => {
    const page = await open()
    await page.goto(`${BASE}/study/bmd-europe-and-nato`)
    for (let i = 0; i < 4; i++) {
      const form = await submitAnswer(page)
      if (form === 'self') continue
      await page.locator('[data-continue]').waitFor()
      await page.waitForTimeout(100)
      const view = await page.evaluate(() => {
        const prompt = document.querySelector('article.question .prompt')!.getBoundingClientRect()
        const verdict = document.querySelector('[data-testid="verdict-line"]')!
        const v = verdict.getBoundingClientRect()
        return {
          promptTop: prompt.top,
          promptBottom: prompt.bottom,
          verdictTop: v.top,
          verdictBottom: v.bottom,
          verdict: verdict.textContent ?? '',
          height: innerHeight,
        }
      })
      expect(view.promptTop, form).toBeGreaterThanOrEqual(0)
      expect(view.promptBottom, form).toBeLessThanOrEqual(view.verdictTop)
      expect(view.verdictBottom, form).toBeLessThanOrEqual(view.height)
      expect(view.verdict).toMatch(/^✓ Right|^✗ (Not quite|Partly right)/)
      await page.keyboard.press('Enter')
    }
  })

  // regression: recent results were 24 px links whose date wrapped to a line starting with "·";
  // "Limit to topics" read as a heading, not as something to tap
  it('makes the quiz form’s recent results and topics tappable', async () => {
    const page = await open()
    const config: QuizConfig = {
      deckIds: ['bmd-europe-and-nato'],
      tags: [],
      count: 2,
      forms: ['single'],
      timing: { kind: 'none' },
      mode: 'exam',
      seed: 'recent',
    }
    await page.goto(`${BASE}/quiz/join?c=${encodeURIComponent(encodeQuizCode(config))}`)
    await page.getByTestId('start-shared').click()
    await page.waitForURL(/\/quiz\/sit\//)
    for (let i = 0; i < 2; i++) {
      await page.locator('article.question').waitFor()
      await page.locator('[data-next]').click()
    }
    await page.getByTestId('confirm-submit').click()
    await page.getByTestId('score').waitFor()
    await page.goto(`${BASE}/quiz`)
    const link = page.getByTestId('recent-result').first()
    await link.waitFor()
    const box = (await link.boundingBox())!
    expect(box.height).toBeGreaterThanOrEqual(44)
    const lines = (await link.innerText()).split('\n').map((l) => l.trim())
    for (const line of lines) expect(line.startsWith('·')).toBe(false)
    const topics = page.getByTestId('topics-toggle')
    const look = await topics.evaluate((el) => {
      const style = getComputedStyle(el)
      return { height: el.getBoundingClientRect().height, border: style.borderTopWidth }
    })
    expect(look.height).toBeGreaterThanOrEqual(44)
    expect(look.border).not.toBe('0px')
  })
})
