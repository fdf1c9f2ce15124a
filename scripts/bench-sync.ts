// npm run bench:sync: sync on loopback, in Chromium, on the built app, against `npm run sync-server`
// (started here in a temporary folder). Prints `bench <name> median_ms=<x>` lines; budgets are
// printed, never asserted.
//   - sync-first-10k: a fresh device signs in to an account that holds 10,000 reviews (and the
//     deck they belong to): "Sign in" pressed → all 10,000 in the device's IndexedDB, with their
//     progress replayed (median of 3 fresh profiles);
//   - sync-answer-arrives: an answer given on device A → in device B's IndexedDB, B open on another
//     screen (median of 9);
//   - sync-rating-next: rating → next card painted with sync on (median of 30, as bench:app).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { build, preview } from 'vite'
import { reviewId } from '../src/core/reviewIds'
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium'
import { startSyncServerProcess } from '../tests/syncServer'

/** `--first-only`: one fresh device pulling, nothing else (for profiling that measure). */
const FIRST_ONLY = process.argv.includes('--first-only')
const PORT = 4196
const BASE = `http://127.0.0.1:${PORT}`
const REVIEWS = 10_000
const CARDS = 1_000
const DECK = 'bench-sync'
const DAY = 86_400_000

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const report = (name: string, ms: number) => console.log(`bench ${name} median_ms=${ms.toFixed(1)}`)
const hex = (name: string) => Buffer.from(name).toString('hex')

if (!existsSync('dist/index.html') || process.argv.includes('--build'))
  await build({ logLevel: 'warn' })
const web = await preview({
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
})
const server = await startSyncServerProcess({ origins: [BASE] })
const contexts: { context: BrowserContext; dir: string }[] = []

async function browser(): Promise<Page> {
  const dir = mkdtempSync(join(tmpdir(), 'intercept-bench-sync-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 390, height: 800 },
  })
  contexts.push({ context, dir })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('console', (m) => m.text().startsWith('[sync]') && console.log(m.text()))
  return page
}

async function account(name: string): Promise<string> {
  await fetch(`${server.url}/_users/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'bench-password', roles: [], type: 'user' }),
  })
  const session = await fetch(`${server.url}/_session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'bench-password' }),
  })
  return (session.headers.get('set-cookie') ?? '').split(';')[0]!
}

/** The account's data as another device left it: a deck of 1,000 cards and 10,000 reviews. */
async function seedAccount(name: string, reviews: number): Promise<void> {
  const cookie = await account(name)
  const now = Date.now()
  const deck = {
    id: DECK,
    title: 'Bench sync deck',
    description: '',
    language: 'en',
    version: 1,
    authors: [],
    tags: [],
    cards: Array.from({ length: CARDS }, (_, i) => ({
      id: `c${i}`,
      type: 'basic',
      kind: 'term',
      front: `Term ${i}: what does it stand for?`,
      back: `Definition ${i}`,
      reversible: false,
      paragraphs: [1],
      tags: [],
    })),
  }
  const memory = {
    state: 'new',
    due: 0,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
  }
  const docs: object[] = [
    {
      _id: `d:${DECK}`,
      type: 'deck',
      deck: { id: DECK, origin: 'user', deck, installedAt: now, updatedAt: now },
    },
  ]
  for (let r = 0; r < reviews; r++) {
    // ten reviews per card, a few days apart, the last one long enough ago that cards are due
    const at = now - 400 * DAY + (r % 10) * 30 * DAY + Math.floor(r / 10) * 1000
    const random = new Uint8Array(10)
    new DataView(random.buffer).setUint32(0, r)
    const id = reviewId(at, random)
    docs.push({
      _id: `r:${id}`,
      type: 'review',
      review: {
        id,
        itemId: `${DECK}/c${Math.floor(r / 10)}`,
        deckId: DECK,
        at,
        recall: r % 7 === 0 ? 'again' : 'good',
        durationMs: 3000,
        before: memory,
        after: memory,
        source: 'study',
      },
    })
  }
  for (let i = 0; i < docs.length; i += 1000) {
    const response = await fetch(`${server.url}/userdb-${hex(name)}/_bulk_docs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ docs: docs.slice(i, i + 1000) }),
    })
    if (!response.ok) throw new Error(`seeding: ${response.status}`)
  }
}

const countReviews = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('intercept')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const request = db.transaction('reviews').objectStore('reviews').count()
          request.onsuccess = () => {
            db.close()
            resolve(request.result)
          }
        }
      }),
  )

async function signIn(page: Page, name: string): Promise<number> {
  await page.goto(`${BASE}/settings`)
  await page.getByLabel('Server address').fill(server.url)
  await page.getByLabel('Name').fill(name)
  await page.getByLabel('Password').fill('bench-password')
  const started = Date.now()
  await page.getByRole('button', { name: 'Sign in' }).click()
  return started
}

async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs: number,
): Promise<number> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await check()) return Date.now()
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  throw new Error('timed out')
}

/** Rating → next card on the device that pulled the account, then an answer reaching a second device. */
async function theRest(device: Page, firstMs: number): Promise<void> {
  // Rating → next card with sync on, on the device that just pulled the account.
  await device.waitForTimeout(3000)
  await device.goto(`${BASE}/study/${DECK}`)
  const ratings: number[] = []
  for (let i = 0; i < 30; i++) {
    await device.locator('article.question[data-form=self]').waitFor()
    await device.keyboard.press('Space')
    await device.getByTestId('rate-good').waitFor()
    const before = await device.evaluate(
      () => performance.getEntriesByName('intercept:card-painted').length,
    )
    await device.waitForTimeout(250)
    await device.keyboard.press('3')
    await device.waitForFunction(
      (n) => performance.getEntriesByName('intercept:card-painted').length > n,
      before,
      { timeout: 10_000 },
    )
    ratings.push(
      await device.evaluate(() => {
        const rate = performance.getEntriesByName('intercept:rate').at(-1)!
        const painted = performance.getEntriesByName('intercept:card-painted').at(-1)!
        return painted.startTime - rate.startTime
      }),
    )
    await device.waitForTimeout(250)
  }

  // An answer on A reaching B, both open and live.
  // the deck only: its new cards are self-graded, so each answer is one key press
  await seedAccount('bench-live', 0)
  const a = await browser()
  const b = await browser()
  for (const page of [a, b]) {
    await page.goto(`${BASE}/`)
    await page.locator('.summary').filter({ hasText: 'today' }).waitFor({ timeout: 60_000 })
    await signIn(page, 'bench-live')
    await page
      .getByTestId('sync-status')
      .filter({ hasText: 'Synced at' })
      .waitFor({ timeout: 60_000 })
  }
  await until(
    async () => (await b.evaluate(() => document.body.textContent ?? '')).length > 0,
    1000,
    100,
  )
  await a.waitForTimeout(2000)
  await a.goto(`${BASE}/study/${DECK}`)
  const arrivals: number[] = []
  for (let i = 0; i < 9; i++) {
    const had = await countReviews(b)
    await a.locator('article.question').waitFor()
    const form = await a.locator('article.question').getAttribute('data-form')
    if (form !== 'self') throw new Error('the bench deck holds self-graded cards only')
    await a.keyboard.press('Space')
    await a.getByTestId('rate-good').waitFor()
    const started = Date.now()
    await a.keyboard.press('3')
    const arrived = await until(async () => (await countReviews(b)) > had, 30_000, 20)
    arrivals.push(arrived - started)
    await a.waitForTimeout(300)
  }
  report('sync-answer-arrives', median(arrivals))
  report('sync-rating-next', median(ratings))
  console.log(
    `# fresh device pulls ${REVIEWS} reviews ${firstMs.toFixed(0)} ms (budget 10000); answer reaches the other device ${median(arrivals).toFixed(0)} ms (budget 2000); rating → next card with sync on ${median(ratings).toFixed(1)} ms (budget 16)`,
  )
}

try {
  await seedAccount('bench-first', REVIEWS)
  const firsts: number[] = []
  let device: Page | undefined
  for (let i = 0; i < (FIRST_ONLY ? 1 : 3); i++) {
    device = await browser()
    await device.goto(`${BASE}/`)
    await device.locator('.summary').filter({ hasText: 'today' }).waitFor({ timeout: 60_000 })
    const started = await signIn(device, 'bench-first')
    const done = await until(async () => (await countReviews(device!)) >= REVIEWS, 120_000, 100)
    firsts.push(done - started)
  }
  report('sync-first-10k', median(firsts))
  if (!FIRST_ONLY) await theRest(device!, median(firsts))
} finally {
  for (const { context, dir } of contexts) {
    await context.close().catch(() => undefined)
    rmSync(dir, { recursive: true, force: true })
  }
  await server.stop()
  server.remove()
  await web.close()
}
