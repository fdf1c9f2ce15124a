// The import worker's message path in the built app, in Chromium: a pasted deck goes to the
// worker as a job and comes back as phases and an output, while the page never loads the
// readers itself; where there is no Worker, the page loads them and reads the deck on its own.
import type { Page } from 'playwright-core'
import { afterEach, describe, expect, it } from 'vitest'
import { BASE, openProfile, type Profile } from './browser'

let profile: Profile | undefined
afterEach(async () => {
  if (profile) expect(profile.foreign).toEqual([])
  await profile?.close()
  profile = undefined
})

const TSV = Array.from({ length: 30 }, (_, i) => `front ${i + 1}\tback ${i + 1}`).join('\n')

interface Logged {
  to: string
  direction: 'job' | 'reply'
  id: number
  type?: string
}

/**
 * Before any app code runs: every Worker the page starts logs what the page posts to it and
 * what it posts back (job ids and reply types), in `window.workerLog`.
 */
async function logWorkerMessages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: Logged[] = []
    Object.assign(window, { workerLog: log })
    const Native = window.Worker
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options)
        const to = String(url)
        this.addEventListener('message', (event: MessageEvent<{ id: number; type: string }>) =>
          log.push({ to, direction: 'reply', id: event.data.id, type: event.data.type }),
        )
        const post = this.postMessage.bind(this) as (message: unknown) => void
        this.postMessage = (message: { id: number }) => {
          log.push({ to, direction: 'job', id: message.id })
          post(message)
        }
      }
    }
  })
}

/** Pastes the deck into the import box and reads it, up to the preview. */
async function importPasted(page: Page): Promise<void> {
  await page.goto(`${BASE}/import`)
  await page.getByRole('heading', { level: 1, name: 'Import a deck' }).waitFor()
  await page.getByTestId('import-text').fill(TSV)
  await page.getByTestId('read-pasted').click()
  await page.getByTestId('import-preview').waitFor()
  await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
    'adds a new deck with 30 cards',
  )
}

/** The scripts the page itself (not a worker) fetched. */
function pageScripts(page: Page): string[] {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script' && request.frame() === page.mainFrame())
      scripts.push(new URL(request.url()).pathname)
  })
  return scripts
}

const READERS = /\/assets\/(job|papaparse[\w.]*|anki)-[\w-]+\.js$/

describe('the import worker', () => {
  it('reads a pasted deck through its messages, without the readers in the page', async () => {
    profile = await openProfile()
    const { page } = profile
    await logWorkerMessages(page)
    const scripts = pageScripts(page)
    await importPasted(page)

    const log = await page.evaluate(() => (window as unknown as { workerLog: Logged[] }).workerLog)
    const toImport = log.filter((m) => /import\.worker/.test(m.to))
    const job = toImport.find((m) => m.direction === 'job')
    expect(job).toBeDefined()
    const replies = toImport.filter((m) => m.direction === 'reply' && m.id === job!.id)
    expect(replies.map((m) => m.type)).toContain('phase')
    expect(replies.at(-1)?.type).toBe('done')
    // the page never loaded the readers: the worker did the reading
    expect(scripts.filter((s) => READERS.test(s))).toEqual([])

    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()
  })

  it('reads on the page, loading the readers then, where there is no Worker', async () => {
    profile = await openProfile()
    const { page } = profile
    await page.addInitScript(() => {
      Reflect.deleteProperty(window, 'Worker')
    })
    const scripts = pageScripts(page)
    await importPasted(page)
    expect(scripts.some((s) => /\/assets\/job-[\w-]+\.js$/.test(s))).toBe(true)
    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()
  })
})
