// Chromium for the browser tests: Debian's build, headless, a fresh profile each time, and the
// flags that keep it from reaching for the network at start-up.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { CHROMIUM, CHROMIUM_FLAGS } from '../../scripts/chromium'

// E2E_PORT lets two runs share a machine (several worktrees); CI uses the default
export const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4180}`
export { CHROMIUM } from '../../scripts/chromium'

export interface Profile {
  context: BrowserContext
  page: Page
  /** Requests that left our origin. */
  foreign: string[]
  close(): Promise<void>
}

export interface ProfileOptions {
  viewport?: { width: number; height: number }
  colorScheme?: 'light' | 'dark'
  reducedMotion?: 'reduce' | 'no-preference'
  /** Reuse a profile directory (to test what survives a browser restart). */
  dir?: string
}

/** A fresh browser profile with one page. Service workers work (persistent context on http://127.0.0.1). */
export async function openProfile(options: ProfileOptions = {}): Promise<Profile> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'intercept-e2e-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: options.viewport ?? { width: 390, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    serviceWorkers: 'allow',
  })
  const foreign: string[] = []
  context.on('request', (request) => {
    const url = request.url()
    if (!url.startsWith(BASE) && !url.startsWith('data:') && !url.startsWith('blob:'))
      foreign.push(url)
  })
  const page = context.pages()[0] ?? (await context.newPage())
  return {
    context,
    page,
    foreign,
    async close() {
      await context.close()
      if (!options.dir) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Waits until the service worker controls the page, so the app shell is cached. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  // the page that installed the worker is not controlled by it until a reload
  if (await page.evaluate(() => navigator.serviceWorker.controller === null)) await page.reload()
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  })
}
