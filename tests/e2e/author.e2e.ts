// Authoring, built and served, in Chromium: an instructor makes a deck and shares it by link; a
// student on another device (a fresh profile) opens the link, imports the deck and studies it.
import { afterEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { BASE, openProfile, waitForServiceWorker, type Profile } from './browser'
import { answerCard } from './drive'

const profiles: Profile[] = []
afterEach(async () => {
  // every test also checks that nothing left our origin: the deck travels in the link only
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

async function addCard(page: Page, type: string): Promise<string> {
  await page.getByLabel('New card type').selectOption(type)
  await page.getByTestId('add-card').click()
  const index = (await page.locator('[data-card-index]').count()) - 1
  return `[data-card-index="${index}"]`
}

describe('authoring', () => {
  it('makes a deck of three card types, shares it by link, and a fresh profile imports and studies it', async () => {
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/edit`)
    await page.getByRole('heading', { level: 1, name: 'New deck' }).waitFor()
    await page.getByLabel('Deck title').fill('Gulf systems')

    const basic = await addCard(page, 'basic')
    await page.locator(`${basic} [data-field="front"]`).fill('THAAD')
    await page.locator(`${basic} [data-field="back"]`).fill('Terminal High Altitude Area Defense')

    const typed = await addCard(page, 'typed')
    await page
      .locator(`${typed} [data-field="prompt"]`)
      .fill('Which country hosts Aegis Ashore at Deveselu?')
    await expect(page.locator(typed).textContent()).resolves.not.toContain(
      'Question must not be empty',
    )
    await page.locator(`${typed} [data-field="answers[0]"]`).fill('Romania')

    const single = await addCard(page, 'single')
    await page
      .locator(`${single} [data-field="prompt"]`)
      .fill('Which interceptor does Aegis Ashore fire?')
    await page.locator(`${single} [data-field="answer"]`).fill('SM-3')
    for (const wrong of ['PAC-3', 'GBI']) {
      await page.locator(single).getByRole('button', { name: 'Add wrong answer' }).click()
      await page.locator(`${single} [data-field^="distractors["]`).last().fill(wrong)
    }
    // the preview shows the card as the student will see it
    await expect(
      page.locator(`${single} [data-testid="card-preview"] .prompt`).textContent(),
    ).resolves.toBe('Which interceptor does Aegis Ashore fire?')

    await page.getByTestId('save-deck').click()
    await page.waitForURL(`${BASE}/edit/gulf-systems`)
    await page.getByTestId('share-link').click()
    const link = await page.getByTestId('share-url').inputValue()
    expect(link).toMatch(new RegExp(`^${BASE}/import#d=[A-Za-z0-9_-]+$`))

    const student = await openProfile()
    profiles.push(student)
    const s = student.page
    await s.goto(link)
    await s.getByTestId('import-preview').waitFor()
    await expect(s.getByTestId('import-effect').textContent()).resolves.toContain(
      'adds a new deck with 3 cards',
    )
    await expect(s.getByRole('heading', { level: 2, name: 'Gulf systems' }).count()).resolves.toBe(
      1,
    )
    await s.getByTestId('confirm-import').click()
    await s.getByTestId('import-done').waitFor()
    await s.getByRole('link', { name: 'Study it' }).click()
    await s.waitForURL(`${BASE}/study/gulf-systems`)
    // the study screen moves focus to the card once it is ready for keys
    await s.waitForFunction(
      () =>
        document.activeElement?.closest('main') &&
        document.activeElement.matches('[data-focus-first], input'),
    )
    const forms = new Set<string>()
    for (let i = 0; i < 3; i++) forms.add(await answerCard(s))
    expect([...forms].sort()).toEqual(['self', 'single', 'typed'])
    // a session of the three cards (the count is of cards done for today, not of answers)
    await expect(s.locator('.count').textContent()).resolves.toMatch(/\/3$/)
  })

  // The manifest's share target: Android posts the shared file to import/shared, the service
  // worker keeps it and sends the app to the import screen, which previews the deck.
  it('receives a deck file shared to the installed app', async () => {
    const student = await openProfile()
    profiles.push(student)
    const { page } = student
    await page.goto(`${BASE}/`)
    await waitForServiceWorker(page)
    const deck = {
      id: 'shared-by-file',
      title: 'Shared by file',
      language: 'en',
      version: 1,
      cards: [{ id: 'a', type: 'basic', front: 'GMD', back: 'Ground-based Midcourse Defense' }],
    }
    // what the share sheet does: a multipart POST navigation, with the file under "deck"
    await page.evaluate((text) => {
      const form = document.createElement('form')
      form.method = 'POST'
      form.enctype = 'multipart/form-data'
      form.action = '/import/shared'
      const input = document.createElement('input')
      input.type = 'file'
      input.name = 'deck'
      const files = new DataTransfer()
      files.items.add(new File([text], 'shared.json', { type: 'application/json' }))
      input.files = files.files
      form.append(input)
      document.body.append(form)
      form.submit()
    }, JSON.stringify(deck))
    await page.waitForURL(`${BASE}/import?shared=1`)
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
      'adds a new deck with 1 card',
    )
    // each shared file is handed out once: a reload does not import it again
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()
    await expect(page.getByTestId('import-preview').count()).resolves.toBe(0)
  })
})
