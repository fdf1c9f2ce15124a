// Offline and installation in WebKit: the service worker takes over after the first visit and
// serves the app with the server gone; the manifest and the iPhone "Add to Home Screen" hint.
import { afterEach, describe, expect, it } from 'vitest'
import {
  BASE,
  closeWebKit,
  foreignRequests,
  openWebKit,
  reviewCount,
  textOf,
  waitForText,
  type Browser,
} from './browser'
import { answerCard } from './drive'
import { serveApp, type AppServer } from './serve'

const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1'

let browser: Browser | undefined
let server: AppServer | undefined
afterEach(async () => {
  if (browser) expect(await foreignRequests(browser)).toEqual([])
  await closeWebKit(browser)
  await server?.close()
  browser = undefined
  server = undefined
})

/** Waits until a service worker controls the page (the first page is not controlled: reload). */
async function waitForServiceWorker(b: Browser): Promise<void> {
  const state = await b.executeAsync((done: (s: string) => void) => {
    navigator.serviceWorker.ready.then(
      (r) => done(r.active?.state ?? 'none'),
      (e: unknown) => done(String(e)),
    )
  })
  expect(state).toMatch(/^activ/)
  if (await b.execute(() => navigator.serviceWorker.controller === null)) await b.refresh()
  await b.waitUntil(() => b.execute(() => navigator.serviceWorker.controller !== null), {
    timeoutMsg: 'the service worker never took control of the page',
  })
}

describe('offline in WebKit', () => {
  it('serves the app from its service worker once the server is gone, progress included', async () => {
    // a server of its own, to stop: WebDriver cannot switch WebKit's network off
    server = await serveApp()
    const base = server.base
    browser = await openWebKit()
    await browser.url(`${base}/`)
    await waitForText(browser, '.summary', '20 new cards today')
    await waitForServiceWorker(browser)
    await browser.url(`${base}/study`)
    await answerCard(browser)

    await server.close()
    server = undefined
    await browser.url(`${base}/`)
    await waitForText(browser, '.summary', '19 new cards today')
    await browser.url(`${base}/deck/bmd-europe-and-nato`)
    await waitForText(browser, 'h1', 'Missile Defense in Europe and NATO')
    await browser.url(`${base}/study`)
    await answerCard(browser)
    await expect(reviewCount(browser)).resolves.toBe(2)
    // really offline: the server does not answer
    const reached = await browser.executeAsync((url: string, done: (ok: boolean) => void) => {
      fetch(`${url}/robots.txt?${Date.now()}`, { cache: 'no-store' }).then(
        () => done(true),
        () => done(false),
      )
    }, base)
    expect(reached).toBe(false)
  })
})

describe('installation in WebKit', () => {
  it('links a complete manifest and icons, and tells an iPhone how to add the app to the home screen', async () => {
    browser = await openWebKit({ userAgent: IPHONE_SAFARI })
    await browser.url(`${BASE}/`)
    await waitForText(browser, '.summary', 'today')
    await waitForText(browser, 'aside.install', 'Add to Home Screen')

    const manifest = await browser.executeAsync((done: (m: unknown) => void) => {
      const href = document.querySelector<HTMLLinkElement>('link[rel=manifest]')?.href
      if (!href) return done(null)
      fetch(href).then(
        (r) => r.json().then(done),
        () => done(null),
      )
    })
    expect(manifest).toMatchObject({
      short_name: 'Intercept',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    })
    // every icon the manifest and the page name loads as an image in WebKit
    const icons = await browser.executeAsync(
      (list: string[], done: (sizes: string[]) => void) => {
        const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel=apple-touch-icon]')]
        const urls = [...list, ...links.map((l) => l.href)]
        Promise.all(
          urls.map(
            (u) =>
              new Promise<string>((resolve) => {
                const img = new Image()
                img.onload = () => resolve(`${img.naturalWidth}x${img.naturalHeight}`)
                img.onerror = () => resolve(`broken ${u}`)
                img.src = u
              }),
          ),
        ).then(done)
      },
      (manifest as { icons: { src: string }[] }).icons.map((i) => new URL(i.src, BASE).href),
    )
    expect(icons).toEqual(expect.arrayContaining(['192x192', '512x512', '180x180']))
    expect(icons.filter((i) => i.startsWith('broken'))).toEqual([])
    await expect(textOf(browser, 'title')).resolves.toMatch(/Intercept/)
  })
})
