// Map questions in the built app: answered by tapping the map, and by keyboard through the
// searchable country list.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE, openProfile, type Profile } from './browser'
import { answerCard, currentForm, tabTo } from './drive'

let profile: Profile | undefined
afterEach(async () => {
  if (profile) expect(profile.foreign).toEqual([])
  await profile?.close()
  profile = undefined
})

/** Studies the European deck until a map question shows. */
async function reachMapQuestion(page: Page): Promise<string> {
  await page.goto(`${BASE}/study/bmd-europe-and-nato`)
  for (let i = 0; i < 30; i++) {
    await page.locator('article.question').waitFor()
    if ((await currentForm(page)) === 'map')
      return (await page.locator('article.question .prompt').textContent()) ?? ''
    await answerCard(page)
  }
  throw new Error('no map question within 30 cards')
}

describe('map questions', () => {
  it('answers by tapping a country on the map', async () => {
    profile = await openProfile({ viewport: { width: 360, height: 740 } })
    const { page } = profile
    await reachMapQuestion(page)
    const romania = page.locator('[data-testid=world-map] [data-code=ROU]').first()
    await romania.waitFor()
    await romania.tap().catch(() => romania.click())
    await page.getByText('Selected: Romania').waitFor()
    // magnified around the choice, Romania is three times the size; tapping the chosen country
    // again answers
    await page.getByRole('button', { name: 'Zoom in around Romania' }).click()
    const zoomed = await romania.boundingBox()
    expect(zoomed?.width).toBeGreaterThan(100)
    await romania.tap().catch(() => romania.click())
    await page.locator('[data-continue]').waitFor()
    // graded on the country tapped: the verdict names Romania either as the answer or the choice
    await expect(page.locator('.feedback').innerText()).resolves.toMatch(/Romania/)
  })

  it('answers with the keyboard alone through the country list', async () => {
    profile = await openProfile()
    const { page } = profile
    const prompt = await reachMapQuestion(page)
    await tabTo(page, '[role=combobox]')
    await page.keyboard.type('pola')
    await page.getByRole('option', { name: 'Poland' }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.getByText('Selected: Poland').waitFor()
    await tabTo(page, 'button[type=submit]:not([disabled])')
    await page.keyboard.press('Enter')
    await page.locator('[data-continue]').waitFor()
    const verdict = await page.locator('.feedback .verdict').innerText()
    // the Polish card (by 2018) is the only one in this deck whose answer is Poland
    expect(verdict.includes('Right')).toBe(/Poland/.test(prompt) || /by 2018/.test(prompt))
  })
})
