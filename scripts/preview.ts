// The preamble the benchmarks and screenshot scripts share: the built app served as `vite preview`
// serves it, on a port of the script's own (so two can run at once), and Debian's Chromium
// (scripts/chromium.ts) to open it, either as a plain browser or in a fresh profile of its own
// where service workers and IndexedDB persist across reloads as they do for a user.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { build, preview } from 'vite'
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium'

export interface Preview {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  base: string
  close(): Promise<void>
}

/** Builds dist/ first when it is missing or the script was given `--build`. */
export async function buildIfMissing(): Promise<void> {
  if (!existsSync('dist/index.html') || process.argv.includes('--build'))
    await build({ logLevel: 'warn' })
}

/** Serves dist/ on 127.0.0.1:`port` (strict: a port in use is an error, not another port). */
export async function previewDist(port: number): Promise<Preview> {
  const server = await preview({
    preview: { port, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  })
  return { base: `http://127.0.0.1:${port}`, close: () => server.close() }
}

/** Chromium with the flags every script uses; the caller opens contexts and pages. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
}

export interface Profile {
  context: BrowserContext
  /** Closes the browser and deletes the profile. */
  close(): Promise<void>
}

/**
 * Chromium in a fresh profile (a temporary folder, deleted on close): service workers register
 * and storage survives reloads, as for a user. A phone-sized viewport unless one is given.
 */
export async function launchProfile(
  viewport: { width: number; height: number } = { width: 390, height: 800 },
): Promise<Profile> {
  const dir = mkdtempSync(join(tmpdir(), 'intercept-script-'))
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
