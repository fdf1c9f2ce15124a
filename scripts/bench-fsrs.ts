// npm run bench:fsrs: a personal fit of 10,000 reviews, in Chromium, through the app's own
// screen and worker. Seeds a synthetic learner's log (seeded, tests/fixtures/learner.ts) into the
// app's IndexedDB, then times Settings → Personalize scheduling → "Fit to my history" until the
// verdict shows (the whole measured fit: fit on the older 80%, score, refit on all), on fresh
// page loads, while Chromium's trace records the longest task on the page's main thread.
// Prints `bench fsrs-fit-10k median_ms=<x>` and `bench fsrs-fit-10k:main-block max_ms=<x>`.
// Budgets (printed, never asserted): fit ≤ 10,000 ms, main-thread block ≤ 50 ms.
import { loadavg } from 'node:os'
import { learnerRevlog } from '../tests/fixtures/learner'
import { buildIfMissing, launchProfile, previewDist } from './preview'
import { mainThreadTrace } from './trace'

const REVIEWS = 10_000
const RUNS = 3
const STATES = ['new', 'learning', 'review', 'relearning'] as const
const RECALLS = ['again', 'hard', 'good', 'easy'] as const

await buildIfMissing()
// not lighthouse's 4197, so the two can run side by side
const server = await previewDist(4198)
const BASE = server.base
const profile = await launchProfile()
const { context } = profile

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

try {
  const page = context.pages()[0] ?? (await context.newPage())
  await page.goto(`${BASE}/`)
  await page.locator('.summary').filter({ hasText: 'today' }).waitFor({ timeout: 60_000 })
  // The log only: fitting reads reviews, whichever cards they belong to.
  const reviews = learnerRevlog(REVIEWS, 'bench').map((e, i) => {
    const before = {
      state: STATES[e.state],
      due: e.reviewTime,
      stability: 1,
      difficulty: 5,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
    }
    return {
      id: `BENCH${String(i).padStart(8, '0')}`,
      itemId: `bench/c${e.cardId}`,
      deckId: 'bench',
      at: e.reviewTime,
      recall: RECALLS[e.rating - 1],
      durationMs: e.durationMs,
      before,
      after: before,
      source: 'study',
    }
  })
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('intercept')
        open.onsuccess = () => {
          const tx = open.result.transaction('reviews', 'readwrite')
          for (const r of rows) tx.objectStore('reviews').put(r)
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    reviews,
  )

  const fits: number[] = []
  const blocks: number[] = []
  const gaps: number[] = []
  // The main thread's tasks, from Chromium's own trace: each task's duration is how long the page
  // could not respond. (A timer's gaps would also count the time a busy machine gave the page no
  // CPU at all; they are printed as a remark.)
  const cdp = await context.newCDPSession(page)
  const trace = mainThreadTrace(cdp)
  for (let run = 0; run < RUNS; run++) {
    await page.goto(`${BASE}/settings/scheduling`)
    await page.getByTestId('fit').waitFor()
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    await page.evaluate(`(() => {
      window.__gap = 0
      window.__ticking = true
      let last = performance.now()
      const tick = () => {
        const now = performance.now()
        window.__gap = Math.max(window.__gap, now - last)
        last = now
        if (window.__ticking) setTimeout(tick, 0)
      }
      setTimeout(tick, 0)
    })()`)
    await trace.start()
    const started = await page.evaluate(() => performance.now())
    await page.getByTestId('fit').click()
    await page.getByTestId('verdict').waitFor({ timeout: 120_000 })
    const [ended, gap] = (await page.evaluate(
      '(() => { window.__ticking = false; return [performance.now(), window.__gap] })()',
    )) as [number, number]
    const tasks = await trace.stop()
    fits.push(ended - started)
    gaps.push(gap)
    blocks.push(Math.max(0, ...tasks))
  }
  console.log(`bench fsrs-fit-10k median_ms=${median(fits).toFixed(0)}`)
  console.log(`bench fsrs-fit-10k:main-block max_ms=${Math.max(...blocks).toFixed(1)}`)
  console.log(
    `# ${REVIEWS} reviews; runs ${fits.map((f) => f.toFixed(0)).join(', ')} ms (budget 10,000); ` +
      `longest main-thread task ${Math.max(...blocks).toFixed(1)} ms (budget 50); ` +
      `longest gap between timer ticks ${Math.max(...gaps).toFixed(1)} ms (load average ${loadavg()[0]!.toFixed(1)})`,
  )
} finally {
  await profile.close()
  await server.close()
}
