// WebKit for the browser tests: WebKitGTK's MiniBrowser driven over WebDriver (webdriverio).
// Each session is a fresh, ephemeral profile (MiniBrowser in automation mode keeps nothing), and
// WebKitWebDriver runs one session at a time, so tests open and close one browser each.
import { inject } from 'vitest'
import { remote } from 'webdriverio'

export type Browser = WebdriverIO.Browser

const { base, driverPort, miniBrowser } = inject('webkit')

/** The address of the app served for this run. */
export const BASE = base

export interface WebKitOptions {
  /** The user agent string MiniBrowser sends (e.g. an iPhone's, for what the app shows there). */
  userAgent?: string
  /** Starts MiniBrowser in dark mode (the system colour scheme pages see). */
  dark?: boolean
}

/** Opens MiniBrowser; pass the result to `closeWebKit` when done (an afterEach does it). */
export async function openWebKit(options: WebKitOptions = {}): Promise<Browser> {
  const args = ['--automation']
  if (options.userAgent) args.push(`--user-agent=${options.userAgent}`)
  if (options.dark) args.push('--dark-mode')
  return remote({
    hostname: '127.0.0.1',
    port: driverPort,
    logLevel: 'error',
    connectionRetryCount: 1,
    // a browser that cannot start fails the test in half a minute, not in two
    connectionRetryTimeout: 30_000,
    waitforTimeout: 15_000,
    capabilities: {
      browserName: 'MiniBrowser',
      // WebKitWebDriver speaks classic WebDriver; webdriverio would otherwise ask for BiDi
      'wdio:enforceWebDriverClassic': true,
      // WebKitGTK's vendor capability (webdriverio's types know only other vendors')
      ...{ 'webkitgtk:browserOptions': { binary: miniBrowser, args } },
    },
  })
}

export async function closeWebKit(browser: Browser | undefined): Promise<void> {
  await browser?.deleteSession().catch(() => undefined)
}

/**
 * Resources the page loaded from outside its own origin (the app must make none). WebKit's
 * WebDriver has no network log, so this reads the page's resource timing entries.
 */
export async function foreignRequests(browser: Browser): Promise<string[]> {
  return browser.execute(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => !url.startsWith(location.origin) && !/^(data|blob):/.test(url)),
  )
}

/** How many reviews the app has stored in IndexedDB (read directly from the database). */
export async function reviewCount(browser: Browser): Promise<number> {
  return browser.executeAsync((done: (n: number) => void) => {
    const open = indexedDB.open('intercept')
    open.onsuccess = () => {
      const count = open.result.transaction('reviews').objectStore('reviews').count()
      count.onsuccess = () => {
        open.result.close()
        done(count.result)
      }
      count.onerror = () => done(-1)
    }
    open.onerror = () => done(-1)
  })
}

/** The text of the first element matching `selector`, or null when there is none. */
export async function textOf(browser: Browser, selector: string): Promise<string | null> {
  return browser.execute((s) => document.querySelector(s)?.textContent ?? null, selector)
}

/**
 * Waits until an element matching `selector` contains `text` (a string, or a regular expression
 * source when `regex` is set). Runs the check in the page: one WebDriver call per poll.
 */
export async function waitForText(
  browser: Browser,
  selector: string,
  text: string,
  { regex = false, timeout = 15_000 } = {},
): Promise<void> {
  await browser.waitUntil(
    () =>
      browser.execute(
        (s, t, r) =>
          [...document.querySelectorAll(s)].some((e) =>
            r ? new RegExp(t).test(e.textContent ?? '') : (e.textContent ?? '').includes(t),
          ),
        selector,
        text,
        regex,
      ),
    { timeout, timeoutMsg: `no ${selector} with text ${text}` },
  )
}
