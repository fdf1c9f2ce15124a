// Bugs that live in the browser's layout and accessibility tree, checked in Chromium on the built app.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE, openProfile, type Profile } from './browser'

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
