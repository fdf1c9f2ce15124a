// The study app, built and served, in Chromium with its service worker.
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BASE, openProfile, waitForServiceWorker, type Profile } from './browser'
import { answerCard, submitAnswer, tabTo, todayText } from './drive'

let profile: Profile | undefined
afterEach(async () => {
  // every test also checks that nothing left our origin
  if (profile) expect(profile.foreign).toEqual([])
  await profile?.close()
  profile = undefined
})

async function studyCards(p: Profile, n: number) {
  await p.page.goto(`${BASE}/study`)
  for (let i = 0; i < n; i++) await answerCard(p.page)
}

/** Exports the backup through the Settings screen and returns its parsed content. */
async function exportBackup(p: Profile): Promise<{ path: string; data: Record<string, unknown> }> {
  await p.page.goto(`${BASE}/settings`)
  const [download] = await Promise.all([
    p.page.waitForEvent('download'),
    p.page.getByRole('button', { name: 'Export backup' }).click(),
  ])
  const path = join(tmpdir(), `backup-${Date.now()}.json`)
  await download.saveAs(path)
  return { path, data: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> }
}

const comparable = (backup: Record<string, unknown>) => ({ ...backup, exportedAt: 0 })

describe('studying', () => {
  it('keeps progress across a reload', async () => {
    profile = await openProfile()
    await studyCards(profile, 4)
    await profile.page.goto(`${BASE}/`)
    await profile.page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    const before = await todayText(profile.page)
    const learning = await profile.page.locator('.badge', { hasText: 'due' }).allTextContents()
    await profile.page.reload()
    await profile.page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    expect(await todayText(profile.page)).toBe(before)
    expect(await profile.page.locator('.badge', { hasText: 'due' }).allTextContents()).toEqual(
      learning,
    )
    // four new cards were introduced: 16 of today's 20 remain
    expect(before).toMatch(/16 new cards today\.$/)
  })

  it('works offline after the first visit, reload included', async () => {
    profile = await openProfile()
    await profile.page.goto(`${BASE}/`)
    await waitForServiceWorker(profile.page)
    await profile.page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    await profile.context.setOffline(true)
    await profile.page.reload()
    await profile.page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    await profile.page.goto(`${BASE}/study`)
    await answerCard(profile.page)
    await answerCard(profile.page)
    await profile.page.goto(`${BASE}/deck/bmd-europe-and-nato`)
    await expect(profile.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Missile Defense in Europe and NATO',
    )
  })

  it('studies with the keyboard alone', async () => {
    profile = await openProfile()
    const { page } = profile
    await page.goto(`${BASE}/`)
    await page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    await tabTo(page, '[data-testid=study-all]')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/study$/)
    for (let i = 0; i < 5; i++) await answerCard(page, { keyboardOnly: true })
    // U works wherever the learner is not typing: move focus out of any answer field first
    await tabTo(page, 'button[aria-label^="Undo"]')
    await page.keyboard.press('u')
    // the undo commits to IndexedDB first, then says so; the answer leaves the history
    await page.getByText('Last answer undone.').waitFor({ state: 'attached' })
    await expect(
      page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const open = indexedDB.open('intercept')
            open.onsuccess = () => {
              const count = open.result.transaction('reviews').objectStore('reviews').count()
              count.onsuccess = () => resolve(count.result)
              count.onerror = () => reject(count.error)
            }
            open.onerror = () => reject(open.error)
          }),
      ),
    ).resolves.toBe(4)
    await page.keyboard.press('?')
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor()
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await page.waitForURL(`${BASE}/`)
  })
})

describe('backup', () => {
  it('restores exactly what was exported, after a reset', async () => {
    profile = await openProfile()
    await studyCards(profile, 3)
    const first = await exportBackup(profile)
    expect((first.data.reviews as unknown[]).length).toBe(3)

    await profile.page.getByRole('button', { name: 'Reset progress…' }).click()
    await profile.page.getByTestId('confirm-reset').click()
    await profile.page.getByText('All progress and history were erased').waitFor()
    const empty = await exportBackup(profile)
    expect(empty.data.reviews).toEqual([])

    await profile.page.getByLabel('Backup file').setInputFiles(first.path)
    await profile.page.getByText('Replace everything on this device with this backup?').waitFor()
    await profile.page.getByTestId('confirm-import').click()
    await profile.page.getByText('Backup restored').waitFor()
    const restored = await exportBackup(profile)
    expect(comparable(restored.data)).toEqual(comparable(first.data))
  })

  it('refuses a corrupt or foreign file and changes nothing', async () => {
    profile = await openProfile()
    await studyCards(profile, 2)
    const before = await exportBackup(profile)

    const corrupt = join(tmpdir(), `corrupt-${Date.now()}.json`)
    writeFileSync(corrupt, JSON.stringify({ ...before.data, progress: [{ id: 'x' }] }))
    await profile.page.getByLabel('Backup file').setInputFiles(corrupt)
    await profile.page.getByText('This file was not imported.').waitFor()
    await expect(
      profile.page.getByRole('alert').filter({ hasText: 'progress row 1' }).count(),
    ).resolves.toBe(1)

    const foreign = join(tmpdir(), `foreign-${Date.now()}.json`)
    writeFileSync(foreign, '{"title": "my notes"}')
    await profile.page.getByLabel('Backup file').setInputFiles(foreign)
    await profile.page.getByText('This file is not an Intercept backup').waitFor()

    const after = await exportBackup(profile)
    expect(comparable(after.data)).toEqual(comparable(before.data))
  })
})

describe('installable PWA', () => {
  it('has no installability errors and a complete manifest', async () => {
    profile = await openProfile()
    await profile.page.goto(`${BASE}/`)
    await waitForServiceWorker(profile.page)
    const cdp = await profile.context.newCDPSession(profile.page)
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: unknown[]
    }
    expect(installabilityErrors).toEqual([])
    const manifest = await (await profile.page.request.get(`${BASE}/manifest.webmanifest`)).json()
    expect(manifest).toMatchObject({
      name: expect.any(String),
      short_name: 'Intercept',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    })
    expect(
      manifest.icons.map(
        (i: { sizes: string; purpose?: string }) => `${i.sizes}:${i.purpose ?? 'any'}`,
      ),
    ).toEqual(expect.arrayContaining(['192x192:any', '512x512:any', '512x512:maskable']))
  })
})

describe('two tabs', () => {
  it("stay consistent: one sees the other's answers, and a stale answer is refused", async () => {
    profile = await openProfile()
    const a = profile.page
    const b = await profile.context.newPage()
    await a.goto(`${BASE}/`)
    await a.locator('.summary').filter({ hasText: 'today' }).waitFor()
    await b.goto(`${BASE}/`)
    await b.locator('.summary').filter({ hasText: '20 new cards today' }).waitFor()

    // both tabs open the same session and show the same first card
    await a.goto(`${BASE}/study/bmd-why-cooperate`)
    await b.goto(`${BASE}/study/bmd-why-cooperate`)
    const first = await a.locator('article.question').innerText()
    expect(await b.locator('article.question').innerText()).toBe(first)

    await answerCard(a)
    // tab B answers the card tab A already answered: refused, with a notice
    await submitAnswer(b)
    await b.getByText('This card was just answered in another tab').waitFor()

    // the Library in tab B follows tab A's answers without a reload
    await b.goto(`${BASE}/`)
    await b.locator('.summary').filter({ hasText: '19 new cards today' }).waitFor()
    await a.goto(`${BASE}/study/bmd-why-cooperate`)
    await answerCard(a)
    await b.locator('.summary').filter({ hasText: '18 new cards today' }).waitFor()
    const backup = await exportBackup(profile)
    expect((backup.data.reviews as { source: string }[]).length).toBe(2)
  })
})

describe('layout', () => {
  it('fits a 360 px phone screen on every main screen, in light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      profile = await openProfile({ viewport: { width: 360, height: 640 }, colorScheme })
      const { page } = profile
      await page.goto(`${BASE}/`)
      await page.locator('.summary').filter({ hasText: 'today' }).waitFor()
      for (const route of [
        '/',
        '/deck/bmd-europe-and-nato',
        '/study',
        '/quiz',
        '/stats',
        '/map',
        '/timeline',
        '/settings',
        '/edit',
        '/import',
      ]) {
        await page.goto(`${BASE}${route}`)
        await page.waitForLoadState('networkidle')
        const width = await page.evaluate(() => document.documentElement.scrollWidth)
        expect(width, `${route} (${colorScheme}) is ${width}px wide`).toBeLessThanOrEqual(360)
      }
      expect(profile.foreign).toEqual([])
      await profile.close()
      profile = undefined
    }
  })
})
