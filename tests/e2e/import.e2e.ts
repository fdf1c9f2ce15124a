// Importing what instructors already have, built and served, in Chromium: an Anki package read in
// the import worker (sql.js and its WebAssembly from the app's own origin) and a Moodle GIFT file.
import { afterEach, describe, expect, it } from 'vitest'
import { BASE, openProfile, waitForServiceWorker, type Profile } from './browser'
import { sharedFixture } from '../fixtures/shared'

const profiles: Profile[] = []
afterEach(async () => {
  // nothing leaves our origin: the packages are read on the device
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

describe('import', () => {
  it('imports an Anki 23.10+ package and a Moodle GIFT file', async () => {
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/import`)
    await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()

    await page
      .locator('#import-file')
      .setInputFiles(sharedFixture('anki', 'anki21b-alphabet-word.apkg'))
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
      'adds a new deck with 26 cards',
    )
    await expect(page.getByTestId('note-types').textContent()).resolves.toContain('Basic')
    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()

    await page.goto(`${BASE}/import`)
    await page
      .locator('#import-file')
      .setInputFiles(sharedFixture('gift', 'moodle-questions.gift.txt'))
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
      'adds a new deck with 11 cards',
    )
  })

  it('imports an Anki package offline, right after installing (SQLite is precached)', async () => {
    const learner = await openProfile()
    profiles.push(learner)
    const { page, context } = learner
    await page.goto(`${BASE}/`)
    await waitForServiceWorker(page)
    await context.setOffline(true)
    await page.goto(`${BASE}/import`)
    await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()
    await page
      .locator('#import-file')
      .setInputFiles(sharedFixture('anki', 'anki21b-alphabet-word.apkg'))
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
      'adds a new deck with 26 cards',
    )
    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()
  })
})
