// npm run size (after a build): what the browser fetches for the first load of `/`.
// Serves dist/ as `vite preview` does, opens `/` in Debian's Chromium with a fresh profile and
// adds up the JavaScript and CSS the page fetches until the network has been quiet for a while:
// the entry, its static imports and whatever the shell imports dynamically at start-up. Each
// response is gzipped here (level 9), as a server would send it. Deck files and other data the
// page fetches are listed too. Then every lazy chunk's gzipped size, from the build manifest.
// Prints `size <name> gzip_kb=<x>` lines (KB = 1,000 bytes); exits 1 when the first load is over
// its budget.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page, Response } from 'playwright-core'
import { launchProfile, previewDist } from './preview'

const PORT = 4196
const BASE = `http://127.0.0.1:${PORT}`
const BUDGET_KB = 60
/** The network counts as quiet once nothing was requested or answered for this long. */
const QUIET_MS = 2_000

interface Chunk {
  file: string
  src?: string
  css?: string[]
}

interface Fetched {
  path: string
  kind: 'js' | 'css' | 'data'
  gzip: number
}

const dist = join(import.meta.dirname, '..', 'dist')
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length
const kb = (n: number) => (n / 1000).toFixed(1)

function kindOf(path: string, contentType: string): Fetched['kind'] {
  if (/\.m?js$/.test(path) || contentType.includes('javascript')) return 'js'
  if (path.endsWith('.css') || contentType.includes('text/css')) return 'css'
  return 'data'
}

/** Opens `/` and returns every same-origin response of the page until the network is quiet. */
async function load(page: Page): Promise<Fetched[]> {
  const fetched: Promise<Fetched | undefined>[] = []
  let pending = 0
  let lastActivity = Date.now()
  const onRequest = () => {
    pending++
    lastActivity = Date.now()
  }
  const settle = () => {
    pending--
    lastActivity = Date.now()
  }
  const onResponse = (response: Response) => {
    const url = new URL(response.url())
    if (url.origin !== BASE || url.pathname === '/') return
    fetched.push(
      response
        .body()
        .then((body) => ({
          path: url.pathname,
          kind: kindOf(url.pathname, response.headers()['content-type'] ?? ''),
          gzip: gz(body),
        }))
        .catch(() => undefined),
    )
  }
  // Page requests only: the service worker's precaching is its own, after the first load.
  page.on('request', onRequest)
  page.on('requestfinished', settle)
  page.on('requestfailed', settle)
  page.on('response', onResponse)
  try {
    await page.goto(`${BASE}/`, { waitUntil: 'load' })
    while (pending > 0 || Date.now() - lastActivity < QUIET_MS)
      await new Promise((resolve) => setTimeout(resolve, 100))
    return (await Promise.all(fetched)).filter((f): f is Fetched => f !== undefined)
  } finally {
    page.off('request', onRequest)
    page.off('requestfinished', settle)
    page.off('requestfailed', settle)
    page.off('response', onResponse)
  }
}

/**
 * The first load of `/` in a fresh profile, then a second start in the same profile once the
 * service worker is in charge (what a returning student's start fetches).
 */
async function measure(): Promise<{ first: Fetched[]; second: Fetched[] }> {
  const server = await previewDist(PORT)
  try {
    const { context, close } = await launchProfile()
    try {
      const page = context.pages()[0] ?? (await context.newPage())
      const first = await load(page)
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
      const second = await load(page)
      return { first, second }
    } finally {
      await close()
    }
  } finally {
    await server.close()
  }
}

const { first: fetched, second } = await measure()
const sum = (kind: Fetched['kind']) =>
  fetched.filter((f) => f.kind === kind).reduce((total, f) => total + f.gzip, 0)
const js = sum('js')
const css = sum('css')
for (const f of fetched) console.log(`# first load ${f.kind} ${f.path} gzip_kb=${kb(f.gzip)}`)
console.log(`size first-load-js gzip_kb=${kb(js)}`)
console.log(`size first-load-css gzip_kb=${kb(css)}`)
console.log(`size first-load-total gzip_kb=${kb(js + css)}`)
console.log(`size first-load-data gzip_kb=${kb(sum('data'))}`)
// A returning student's start: shipped decks that did not change are neither fetched nor checked.
const decksAgain = second.filter((f) => f.kind === 'data' && f.path.startsWith('/assets/'))
console.log(`size second-start-deck-files count=${decksAgain.length}`)

// Every chunk the first load did not fetch loads later, when a screen or feature needs it.
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>
const loaded = new Set(fetched.map((f) => f.path.replace(/^\//, '')))
for (const [key, chunk] of Object.entries(manifest)) {
  if (loaded.has(chunk.file) || !chunk.file.endsWith('.js')) continue
  const name = key.replace(/^.*\//, '').replace(/\.(vue|ts|js)$/, '')
  console.log(`size chunk:${name} gzip_kb=${kb(gz(readFileSync(join(dist, chunk.file))))}`)
}
// Workers and WebAssembly are not manifest entries: the optimizer's worker and its module.
for (const file of readdirSync(join(dist, 'assets'))) {
  if (!/(\.worker-[\w-]+\.js|\.wasm)$/.test(file) || loaded.has(`assets/${file}`)) continue
  const name = file.replace(/-[\w-]+\.(js|wasm)$/, (_, ext: string) =>
    ext === 'wasm' ? '.wasm' : '',
  )
  console.log(`size chunk:${name} gzip_kb=${kb(gz(readFileSync(join(dist, 'assets', file))))}`)
}

// Sync's own code (PouchDB, the engine, the store), fetched only once the learner turns sync on.
// (the chunks it shares with studying, the scheduler and the review log, are not counted)
const syncChunks = Object.entries(manifest)
  .filter(([key]) => key === 'src/sync/client.ts' || /^_sync-[\w-]+\.js$/.test(key))
  .map(([, chunk]) => chunk)
if (syncChunks.length) {
  const syncKb = syncChunks.reduce((t, c) => t + gz(readFileSync(join(dist, c!.file))), 0) / 1000
  console.log(`size sync-code gzip_kb=${syncKb.toFixed(1)} (budget 45 KB)`)
  if (syncChunks.some((c) => loaded.has(c!.file))) {
    console.error('the sync code is in the first load: it must load only when sync is on')
    process.exitCode = 1
  }
  if (syncKb > 45) process.exitCode = 1
}

const total = (js + css) / 1000
console.log(
  `# first load of / fetched ${fetched.filter((f) => f.kind !== 'data').length} JS and CSS files, ${total.toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB)`,
)
if (total > BUDGET_KB) {
  console.error(
    `first load of / is ${total.toFixed(1)} KB gzipped, over the ${BUDGET_KB} KB budget`,
  )
  process.exitCode = 1
}
