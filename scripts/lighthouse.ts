// npm run lighthouse [-- /route,/other] [--runs=N] (after a build): Lighthouse 12.2.3, mobile, on
// the built app served as `vite preview` does, in Debian's Chromium with a fresh profile per run.
// Every route by default; each is measured N times (3) and one line per route gives the median of
// each category score and of each metric:
//   lighthouse /map performance=98 accessibility=100 best-practices=100 seo=100 fcp_ms=… lcp_ms=… tbt_ms=… cls=… si_ms=…
// followed by `#` lines naming the audits that cost points in the median run and that run's
// long tasks (over 50 ms) by script; `--keep=DIR` keeps every JSON report. Lighthouse is
// fetched by npx on first use (12.2.3: the last version that runs on Node 20). Scores move with
// the machine's load: compare runs made under the same conditions.
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CHROMIUM } from './chromium'
import { previewDist } from './preview'

const ROUTES = [
  '/',
  '/deck/bmd-europe-and-nato',
  '/study',
  '/quiz',
  '/stats',
  '/map',
  '/timeline',
  '/edit',
  '/import',
  '/settings',
]
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo']
const METRICS = [
  ['fcp_ms', 'first-contentful-paint'],
  ['lcp_ms', 'largest-contentful-paint'],
  ['tbt_ms', 'total-blocking-time'],
  ['cls', 'cumulative-layout-shift'],
  ['si_ms', 'speed-index'],
] as const

interface Report {
  categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>
  audits: Record<
    string,
    {
      score: number | null
      title: string
      displayValue?: string
      numericValue?: number
      details?: { items?: { url?: string; duration?: number; startTime?: number }[] }
    }
  >
}

// Lighthouse's Chrome launcher kills its whole process group when it is done, so it runs in a
// group of its own (detached), or it would take this script down with it.
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CHROME_PATH: CHROMIUM },
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`)),
    )
  })
}

const median = (xs: number[]) => {
  const sorted = xs.slice().sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

const args = process.argv.slice(2)
const runs = Number(args.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3)
const keep = args.find((a) => a.startsWith('--keep='))?.slice(7)
const listed = args.find((a) => !a.startsWith('--'))
const routes = listed ? listed.split(',') : ROUTES

const server = await previewDist(4197)
const out = mkdtempSync(join(tmpdir(), 'intercept-lh-'))
try {
  for (const route of routes) {
    const reports: Report[] = []
    for (let i = 0; i < runs; i++) {
      const file = join(out, `report-${i}.json`)
      await run('npx', [
        '-y',
        'lighthouse@12.2.3',
        `${server.base}${route}`,
        '--quiet',
        '--output=json',
        `--output-path=${file}`,
        `--only-categories=${CATEGORIES.join(',')}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync',
      ])
      reports.push(JSON.parse(readFileSync(file, 'utf8')) as Report)
      if (keep) {
        mkdirSync(keep, { recursive: true })
        copyFileSync(file, join(keep, `${route.replace(/\W+/g, '_') || '_'}-${i + 1}.json`))
      }
    }
    const score = (r: Report, id: string) => Math.round((r.categories[id]?.score ?? 0) * 100)
    const value = (r: Report, id: string) => r.audits[id]?.numericValue ?? NaN
    const parts = CATEGORIES.map((id) => `${id}=${median(reports.map((r) => score(r, id)))}`)
    for (const [name, id] of METRICS) {
      const m = median(reports.map((r) => value(r, id)))
      parts.push(`${name}=${name === 'cls' ? m.toFixed(3) : Math.round(m)}`)
    }
    console.log(`lighthouse ${route} ${parts.join(' ')}`)
    // What cost points, from the run with the median performance score.
    const perf = median(reports.map((r) => score(r, 'performance')))
    const typical = reports.find((r) => score(r, 'performance') === perf)!
    for (const id of CATEGORIES)
      for (const ref of typical.categories[id]?.auditRefs ?? []) {
        const audit = typical.audits[ref.id]
        if (audit && audit.score !== null && audit.score < 0.9 && ref.weight > 0)
          console.log(
            `#   ${id} ${ref.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
          )
      }
    // the main thread's long tasks (simulated on a mid-range phone), by the script they ran
    for (const task of typical.audits['long-tasks']?.details?.items ?? [])
      console.log(
        `#   long task ${Math.round(task.duration ?? 0)} ms at ${Math.round(task.startTime ?? 0)} ms: ${(task.url ?? '?').replace(server.base, '')}`,
      )
  }
} finally {
  await server.close()
  rmSync(out, { recursive: true, force: true })
}
