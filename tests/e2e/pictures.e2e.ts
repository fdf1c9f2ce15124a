// Pictures in cards, built and served, in Chromium: an Anki package with a picture (made by
// tests/ankiPackages.ts) imports with it, and study shows it from a blob: URL with its alt text;
// a picture on the web in the same package is never fetched. The editor adds a picture from a
// file: its draft survives a reload with the picture, the save waits for the alt text, and study
// shows it after another reload; the deck page exports it as a zip that a fresh profile imports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { BASE, openProfile, type Profile } from './browser'
import { makePackage } from '../fixtures/ankiPackages'
import { makePng } from '../fixtures/pictures'

const dir = mkdtempSync(join(tmpdir(), 'intercept-pictures-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const profiles: Profile[] = []
afterEach(async () => {
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

describe('pictures', () => {
  it('imports a package with a picture and shows it in study with its alt text, fetching nothing from the web', async () => {
    const file = join(dir, 'organs.apkg')
    writeFileSync(
      file,
      await makePackage({
        generation: 'anki21b',
        notes: [
          {
            guid: 'heart1',
            model: 'basic',
            fields: [
              'Which <b>organ</b> is this? <img src="heart.png" alt="A red square standing for the heart"> <img src="https://tracker.example/pixel.gif">',
              'The heart [sound:heart.mp3]',
            ],
          },
        ],
        media: { 'heart.png': makePng(120, 80, [200, 30, 30]) },
      }),
    )
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/import`)
    await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()
    await page.locator('#import-file').setInputFiles(file)
    const preview = page.getByTestId('import-preview')
    await preview.waitFor()
    await expect(preview.textContent()).resolves.toContain('1 picture')
    await expect(preview.textContent()).resolves.toContain(
      '1 sound was dropped (Intercept cards hold no audio): heart.mp3',
    )
    await expect(preview.textContent()).resolves.toContain('1 picture on the web was not loaded')
    await preview.getByAltText('A red square standing for the heart').waitFor()
    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()

    await page.getByRole('link', { name: 'Study it' }).click()
    const img = page.locator('.question img').first()
    await img.waitFor()
    await expect(img.getAttribute('alt')).resolves.toBe('A red square standing for the heart')
    await expect(img.getAttribute('src')).resolves.toMatch(/^blob:/)
    // decoded: the picture really is on the device
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(120)
    // the formatting kept, as an element (never HTML from the package)
    await expect(page.locator('.question .prompt b').textContent()).resolves.toBe('organ')
  })

  it('adds a picture in the editor: kept in the draft over a reload, saved with its alt text, shown in study', async () => {
    const file = join(dir, 'deveselu-radar.png')
    writeFileSync(file, makePng(160, 90, [20, 110, 190]))
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/edit`)
    await page.getByRole('heading', { level: 1, name: 'New deck' }).waitFor()
    await page.getByLabel('Deck title').fill('Radar sites')
    await page.getByLabel('New card type').selectOption('basic')
    await page.getByTestId('add-card').click()
    const card = page.locator('[data-card-index="0"]')
    await card.locator('[data-field="front"]').fill('Which site is this?')
    await card.locator('[data-field="back"]').fill('Deveselu')
    await card.getByTestId('picture-file-prompt').setInputFiles(file)
    const alt = card.locator('[data-field="pictures.prompt[0].alt"]')
    await alt.waitFor()
    // the alt box has the focus: the instructor types the description at once
    await expect.poll(() => alt.evaluate((el) => el === document.activeElement)).toBe(true)
    await card.locator('[data-testid="picture-field"][data-side="prompt"] img').waitFor()

    // the draft (with the picture) outlives a reload
    await page.getByText('draft kept on this device').waitFor()
    await page.reload()
    await page.getByTestId('draft-banner').getByRole('button', { name: 'Restore them' }).click()
    const restored = page.locator('[data-card-index="0"]')
    await restored.locator('.toggle').click()
    const preview = restored.locator('[data-testid="picture-field"][data-side="prompt"] img')
    await preview.waitFor()
    await expect
      .poll(() => preview.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(160)

    // no alt text: the save is refused at its box
    await page.getByTestId('save-deck').click()
    await page.getByText('Not saved:', { exact: true }).waitFor()
    await expect(
      restored.locator('[data-testid="picture-field"][data-side="prompt"]').textContent(),
    ).resolves.toContain('Alt text must not be empty')
    await restored
      .locator('[data-field="pictures.prompt[0].alt"]')
      .fill('The radar building at Deveselu, Romania')
    await page.getByTestId('save-deck').click()
    await page.waitForURL(`${BASE}/edit/radar-sites`)
    await page.getByText('All changes saved.').waitFor()

    await page.reload()
    await page.goto(`${BASE}/study/radar-sites`)
    const img = page.locator('.question img').first()
    await img.waitFor()
    await expect(img.getAttribute('alt')).resolves.toBe('The radar building at Deveselu, Romania')
    await expect(img.getAttribute('src')).resolves.toMatch(/^blob:/)
    await expect
      .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(160)

    // the deck page exports it with its picture as one file; a fresh profile imports it whole
    await page.goto(`${BASE}/deck/radar-sites`)
    // a share link carries no pictures, and says so
    await page.getByRole('button', { name: 'Share link' }).click()
    await expect(page.getByTestId('link-pictures').textContent()).resolves.toContain(
      "The link doesn't carry the 1 picture",
    )
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-deck-file').click(),
    ])
    expect(download.suggestedFilename()).toBe('radar-sites.deck.zip')
    const zip = join(dir, 'radar-sites.deck.zip')
    await download.saveAs(zip)

    const student = await openProfile()
    profiles.push(student)
    await student.page.goto(`${BASE}/import`)
    await student.page.locator('#import-file').setInputFiles(zip)
    const imported = student.page.getByTestId('import-preview')
    await imported.waitFor()
    await imported.getByAltText('The radar building at Deveselu, Romania').waitFor()
    await student.page.getByTestId('confirm-import').click()
    await student.page.getByTestId('import-done').waitFor()
    await student.page.goto(`${BASE}/study/radar-sites`)
    const theirs = student.page.locator('.question img').first()
    await theirs.waitFor()
    await expect
      .poll(() => theirs.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
      .toBe(160)
  })
})
