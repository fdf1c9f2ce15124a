// npm run lighthouse (after a build): Lighthouse 12 (mobile) on the built app, served locally,
// in Debian's Chromium. Prints one line per category and the failing audits. Lighthouse is
// fetched by npx on first use (12.2.3: the last version that runs on Node 20).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { preview } from 'vite'

const PORT = 4197

// Lighthouse's Chrome launcher kills its whole process group when it is done, so it runs in a
// group of its own (detached), or it would take this script down with it.
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`lighthouse exited with ${code}`)),
    )
  })
}
const routes = (process.argv[2] ?? '/').split(',')
const server = await preview({
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
})
const out = mkdtempSync(join(tmpdir(), 'intercept-lh-'))
try {
  for (const route of routes) {
    const report = join(out, 'report.json')
    await run('npx', [
      '-y',
      'lighthouse@12.2.3',
      `http://127.0.0.1:${PORT}${route}`,
      '--quiet',
      '--output=json',
      `--output-path=${report}`,
      '--only-categories=performance,accessibility,best-practices,seo',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync',
    ])
    const lhr = JSON.parse(readFileSync(report, 'utf8')) as {
      categories: Record<string, { score: number; auditRefs: { id: string; weight: number }[] }>
      audits: Record<string, { score: number | null; title: string; displayValue?: string }>
    }
    for (const [id, category] of Object.entries(lhr.categories)) {
      console.log(`lighthouse ${route} ${id} score=${Math.round(category.score * 100)}`)
      for (const ref of category.auditRefs) {
        const audit = lhr.audits[ref.id]
        if (audit && audit.score !== null && audit.score < 0.9 && ref.weight > 0)
          console.log(
            `#   ${ref.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`,
          )
      }
    }
    for (const metric of [
      'first-contentful-paint',
      'largest-contentful-paint',
      'total-blocking-time',
      'cumulative-layout-shift',
      'speed-index',
    ])
      console.log(`#   ${metric}: ${lhr.audits[metric]?.displayValue ?? '?'}`)
  }
} finally {
  await server.close()
  rmSync(out, { recursive: true, force: true })
}
