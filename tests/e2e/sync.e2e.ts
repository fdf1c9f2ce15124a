// Sync in the built app: two Chromium profiles (two devices of one learner) against a real
// `npm run sync-server`, started here. Offline study on both, a browser killed mid-sync, the server
// stopped mid-sync, a deck's picture made on one device and shown on the other, and a second
// account that sees nothing of the first.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSyncServerProcess, type SyncServerProcess } from '../syncServer'
import { BASE, openProfile, waitForServiceWorker, type Profile } from './browser'
import { answerCard } from './drive'
import { makePackage } from '../fixtures/ankiPackages'
import { makePng } from '../fixtures/pictures'

let server: SyncServerProcess
let port = 0
const opened: Profile[] = []

beforeAll(async () => {
  server = await startSyncServerProcess({ origins: [BASE] })
  port = Number(new URL(server.url).port)
}, 60_000)

afterAll(async () => {
  for (const p of opened) await p.close().catch(() => undefined)
  await server?.stop()
  server?.remove()
})

async function device(dir?: string): Promise<Profile> {
  const profile = await openProfile(dir ? { dir } : {})
  opened.push(profile)
  return profile
}

/**
 * Kills the Chromium this test started on profile `dir` (SIGKILL, as a crash or a phone killing
 * the app would): its main process is the one started with that user-data dir.
 */
function killBrowser(dir: string): number {
  let killed = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[]
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    } catch {
      continue // ended meanwhile
    }
    if (args.includes(`--user-data-dir=${dir}`) && !args.some((a) => a.startsWith('--type='))) {
      process.kill(Number(pid), 'SIGKILL')
      killed++
    }
  }
  return killed
}

const status = (page: Page) => page.getByTestId('sync-status')

async function signIn(page: Page, user: string, create: boolean) {
  await page.goto(`${BASE}/settings`)
  await page.getByLabel('Server address').fill(server.url)
  await page.getByLabel('Name').fill(user)
  await page.getByLabel('Password').fill('correct horse battery')
  await page.getByRole('button', { name: create ? 'Create account' : 'Sign in' }).click()
  await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/^\s*Synced at/)
}

async function study(page: Page, n: number) {
  await page.goto(`${BASE}/study`)
  for (let i = 0; i < n; i++) await answerCard(page)
}

interface Stored {
  reviews: string[]
  due: Record<string, number>
}

/** The device's review ids and each item's due date, read from its IndexedDB. */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(
    () =>
      new Promise<Stored>((resolve, reject) => {
        const open = indexedDB.open('intercept')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const db = open.result
          const tx = db.transaction(['reviews', 'progress'], 'readonly')
          const reviews = tx.objectStore('reviews').getAllKeys()
          const progress = tx.objectStore('progress').getAll()
          tx.oncomplete = () => {
            db.close()
            resolve({
              reviews: (reviews.result as string[]).sort(),
              due: Object.fromEntries(
                (progress.result as { id: string; memory: { due: number } }[]).map((r) => [
                  r.id,
                  r.memory.due,
                ]),
              ),
            })
          }
        }
      }),
  )
}

/** Waits until both devices hold the same reviews and due dates, `count` reviews in all. */
async function inStep(a: Page, b: Page, count: number): Promise<Stored> {
  // the poll's value says how far apart the devices are when it fails
  await expect
    .poll(
      async () => {
        const [x, y] = await Promise.all([stored(a), stored(b)])
        const dueApart = Object.keys({ ...x.due, ...y.due }).filter((k) => x.due[k] !== y.due[k])
        return {
          a: x.reviews.length,
          b: y.reviews.length,
          same: x.reviews.join() === y.reviews.join(),
          dueApart,
        }
      },
      { timeout: 60_000, interval: 500 },
    )
    .toMatchObject({ a: count, b: count, same: true, dueApart: [] })
  return stored(a)
}

const onlyServer = (p: Profile) => p.foreign.filter((url) => !url.startsWith(server.url))

describe('sync between two devices', () => {
  it('brings offline study on both devices together, every review once, the same due dates', async () => {
    const a = await device()
    const b = await device()
    await signIn(a.page, 'learner', true)
    await signIn(b.page, 'learner', false)
    await waitForServiceWorker(a.page)
    await waitForServiceWorker(b.page)

    await a.context.setOffline(true)
    await b.context.setOffline(true)
    await study(a.page, 3)
    await study(b.page, 4)
    await a.context.setOffline(false)
    await b.context.setOffline(false)
    await a.page.goto(`${BASE}/settings`)
    await b.page.goto(`${BASE}/settings`)
    await inStep(a.page, b.page, 7)

    // live: an answer on A shows up on B, open on its Settings screen, without a reload
    await study(a.page, 1)
    await inStep(a.page, b.page, 8)
    // the app's only requests outside its origin went to the sync server the user entered
    expect(onlyServer(a)).toEqual([])
    expect(onlyServer(b)).toEqual([])
  })

  it('loses and doubles nothing when the browser is killed during a sync', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intercept-e2e-kill-'))
    try {
      const a = await device(dir)
      const b = await device()
      await signIn(a.page, 'killed', true)
      await signIn(b.page, 'killed', false)
      await study(a.page, 5)
      // killed while the answers are on their way
      expect(killBrowser(dir)).toBe(1)
      await a.context.close().catch(() => undefined)
      const again = await device(dir)
      await again.page.goto(`${BASE}/settings`)
      // Chromium writes new cookies to disk every 30 s or so: a kill soon after signing in can
      // cost the session (never the answers); the status asks to sign in again, as a person would
      await expect
        .poll(() => status(again.page).textContent(), { timeout: 30_000 })
        .toMatch(/Synced at|Sign in again/)
      if (/Sign in again/.test((await status(again.page).textContent()) ?? ''))
        await signIn(again.page, 'killed', false)
      await b.page.goto(`${BASE}/settings`)
      const both = await inStep(again.page, b.page, 5)
      expect(new Set(both.reviews).size).toBe(5)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('says so clearly when the server stops, backs off, and catches up when it is back', async () => {
    const a = await device()
    const b = await device()
    await signIn(a.page, 'patient', true)
    await signIn(b.page, 'patient', false)
    await server.stop()
    try {
      await study(a.page, 2)
      await a.page.goto(`${BASE}/settings`)
      await expect
        .poll(() => status(a.page).textContent(), { timeout: 60_000 })
        .toMatch(/Offline: 2 changes waiting to be sent/)
      // retries back off: a few attempts (push and pull each retry) in eight seconds, fewer or as
      // many in the next eight, never a loop of requests
      const attempts: string[] = []
      a.page.on('request', (r) => {
        if (r.url().startsWith(server.url)) attempts.push(r.url())
      })
      await a.page.waitForTimeout(8_000)
      const first = attempts.length
      await a.page.waitForTimeout(8_000)
      expect(first).toBeLessThan(30)
      expect(attempts.length - first).toBeLessThanOrEqual(first)
    } finally {
      // back on the same port and data, also for the tests after this one if it failed
      server = await startSyncServerProcess({ data: server.data, port, origins: [BASE] })
    }
    await a.page.getByRole('button', { name: 'Sync now' }).click()
    await b.page.goto(`${BASE}/settings`)
    await inStep(a.page, b.page, 2)
    await expect
      .poll(() => status(a.page).textContent(), { timeout: 30_000 })
      .toMatch(/^\s*Synced at/)
  })

  it('syncs from one tab at a time: a second tab sends nothing itself and takes over when the first closes', async () => {
    const a = await device()
    const b = await device()
    await signIn(a.page, 'twotabs', true)
    await signIn(b.page, 'twotabs', false)
    const second = await a.context.newPage()
    const sent: string[] = []
    second.on('request', (r) => {
      if (r.url().startsWith(server.url)) sent.push(r.url())
    })
    await second.goto(`${BASE}/settings`)
    await expect
      .poll(() => status(second).textContent(), { timeout: 30_000 })
      .toMatch(/another open tab/i)
    // answers in the second tab reach the other device through the first tab's sync, once
    await study(second, 2)
    await second.goto(`${BASE}/settings`)
    const two = await inStep(second, b.page, 2)
    expect(new Set(two.reviews).size).toBe(2)
    expect(sent).toEqual([])
    // Sync now in the second tab: the first tab runs the round, and the second shows its status
    const byFirst: string[] = []
    a.page.on('request', (r) => {
      if (r.url().startsWith(server.url)) byFirst.push(r.url())
    })
    await expect
      .poll(() => status(second).textContent(), { timeout: 30_000 })
      .toMatch(/Synced at .*Another open tab of Intercept syncs for this device/)
    const syncNow = second.getByRole('button', { name: 'Sync now' })
    await expect.poll(() => syncNow.isEnabled()).toBe(true)
    await syncNow.click()
    // a one-off round (the live feed long-polls; a round reads the changes once)
    await expect
      .poll(() => byFirst.some((u) => u.includes('/_changes?') && !u.includes('longpoll')), {
        timeout: 30_000,
      })
      .toBe(true)
    await expect
      .poll(() => status(second).textContent(), { timeout: 30_000 })
      .toMatch(/Synced at .*Another open tab/)
    expect(sent).toEqual([])
    // the first tab closes: the second one syncs from now on
    await a.page.close()
    await expect
      .poll(() => status(second).textContent(), { timeout: 30_000 })
      .toMatch(/^\s*Synced at [^.]*\.\s*$/)
    await study(second, 1)
    await second.goto(`${BASE}/settings`)
    await inStep(second, b.page, 3)
    expect(sent.length).toBeGreaterThan(0)
  })

  it("shows a deck's picture on the other device, its bytes fetched from the sync server", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'intercept-sync-pictures-'))
    try {
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
                'Which organ is this? <img src="heart.png" alt="A red square">',
                'The heart',
              ],
            },
          ],
          media: { 'heart.png': makePng(120, 80, [200, 30, 30]) },
        }),
      )
      const a = await device()
      const b = await device()
      await signIn(a.page, 'pictures', true)
      await signIn(b.page, 'pictures', false)
      await a.page.goto(`${BASE}/import`)
      await a.page.locator('#import-file').setInputFiles(file)
      await a.page.getByTestId('confirm-import').click()
      await a.page.getByTestId('import-done').waitFor()
      await a.page.getByRole('link', { name: 'Study it' }).click()
      await a.page.locator('.question img').first().waitFor()
      const studyPath = new URL(a.page.url()).pathname + new URL(a.page.url()).search

      // the other device: the deck arrives with live sync, its picture with it
      const shown = async () => {
        await b.page.goto(`${BASE}${studyPath}`)
        const img = b.page.locator('.question img').first()
        await img.waitFor({ timeout: 2_000 })
        return {
          alt: await img.getAttribute('alt'),
          blob: (await img.getAttribute('src'))?.startsWith('blob:'),
          width: await img.evaluate((el: HTMLImageElement) =>
            el.decode().then(() => el.naturalWidth),
          ),
        }
      }
      await expect
        .poll(() => shown().catch((error: Error) => error.message.slice(0, 80)), {
          timeout: 60_000,
          interval: 1_000,
        })
        .toEqual({ alt: 'A red square', blob: true, width: 120 })
      // nothing fetched but the app and the sync server
      expect(onlyServer(b)).toEqual([])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("never shows a second user the first user's data", async () => {
    const first = await device()
    await signIn(first.page, 'private', true)
    await study(first.page, 2)
    await first.page.goto(`${BASE}/settings`)
    await expect.poll(async () => (await stored(first.page)).reviews.length).toBe(2)
    const other = await device()
    await signIn(other.page, 'stranger', true)
    await other.page.waitForTimeout(2000)
    expect((await stored(other.page)).reviews).toEqual([])
    // and the stranger's session is refused on the first user's database
    const refused = await other.page.evaluate(async (url) => {
      const response = await fetch(
        `${url}/userdb-${[...new TextEncoder().encode('private')].map((x) => x.toString(16).padStart(2, '0')).join('')}/_all_docs`,
        { credentials: 'include' },
      )
      return response.status
    }, server.url)
    expect(refused).toBe(401)
  })
})
