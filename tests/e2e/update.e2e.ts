// A new release while the app is open: the service worker's update prompt, in Chromium. The
// built app is copied and served on a port of its own, so the test can publish a "new version"
// (a changed sw.js) without touching dist/ that the other browser tests use.
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { preview, type PreviewServer } from 'vite'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { openProfile, waitForServiceWorker, type Profile } from './browser'

const PORT = Number(process.env.E2E_PORT ?? 4180) + 30
const ORIGIN = `http://127.0.0.1:${PORT}`
let dir: string
let server: PreviewServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'intercept-release-'))
  cpSync('dist', dir, { recursive: true })
  server = await preview({
    build: { outDir: dir },
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  })
})

afterAll(async () => {
  await server?.close()
  rmSync(dir, { recursive: true, force: true })
})

let profile: Profile | undefined
afterEach(async () => {
  await profile?.close()
  profile = undefined
})

let release = 0
/** Publishes a new version of the app and has the open page look for it. */
async function publish(page: Page): Promise<void> {
  appendFileSync(join(dir, 'sw.js'), `\n// release ${++release}\n`)
  await page.evaluate(async () => {
    await (await navigator.serviceWorker.getRegistration())?.update()
  })
}

const prompt = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'A new version of Intercept is ready.' })

describe('a new version', () => {
  it('is offered once installed, and the page reloads into it only when asked', async () => {
    profile = await openProfile()
    const { page } = profile
    await page.goto(`${ORIGIN}/`)
    await waitForServiceWorker(page)
    await page.evaluate(() => Object.assign(window, { beforeReload: true }))
    await publish(page)
    await prompt(page).waitFor({ timeout: 30_000 })
    // nothing happens until the learner chooses
    expect(await page.evaluate(() => 'beforeReload' in window)).toBe(true)

    await page.getByRole('button', { name: 'Reload' }).click()
    await page.waitForFunction(() => !('beforeReload' in window), undefined, { timeout: 30_000 })
    await page.locator('.summary').filter({ hasText: 'today' }).waitFor()
    const worker = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration()
      return {
        waiting: registration?.waiting ?? null,
        active: registration?.active?.state,
        controlled: navigator.serviceWorker.controller !== null,
      }
    })
    expect(worker).toEqual({ waiting: null, active: 'activated', controlled: true })
    await expect(prompt(page).count()).resolves.toBe(0)
  })

  it('waits while a study session runs, and “Later” puts it off', async () => {
    profile = await openProfile()
    const { page } = profile
    await page.goto(`${ORIGIN}/`)
    await waitForServiceWorker(page)
    await page.getByTestId('study-all').click()
    await page.waitForURL(/\/study$/)
    await publish(page)
    await page.waitForFunction(
      async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state === 'installed',
      undefined,
      { timeout: 30_000 },
    )
    // a session is running: no prompt in the middle of it
    await expect(prompt(page).count()).resolves.toBe(0)
    await page.goto(`${ORIGIN}/`)
    await prompt(page).waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Later' }).click()
    await expect(prompt(page).count()).resolves.toBe(0)
    // still the old version: the new one waits for the next start
    expect(
      await page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state,
      ),
    ).toBe('installed')
  })
})
