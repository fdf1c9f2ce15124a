// What Chromium fetches when a screen is opened directly (a link, a reload): the screen's code is
// preloaded from index.html alongside the shell, and each file is fetched once.
import { afterEach, describe, expect, it } from 'vitest'
import { BASE, openProfile, type Profile } from './browser'

const profiles: Profile[] = []
afterEach(async () => {
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

/** Opens `path` in a fresh profile; returns the page's script and stylesheet requests, in order. */
async function open(path: string, ready: string): Promise<string[]> {
  const profile = await openProfile()
  profiles.push(profile)
  const { page } = profile
  const fetched: string[] = []
  page.on('request', (request) => {
    if (/^(script|stylesheet)$/.test(request.resourceType()) || /\.(js|css)$/.test(request.url()))
      fetched.push(new URL(request.url()).pathname)
  })
  await page.goto(`${BASE}${path}`)
  await page.locator(ready).first().waitFor()
  return fetched
}

const repeated = (paths: string[]) => paths.filter((p, i) => paths.indexOf(p) !== i)

describe('opening a screen directly', () => {
  // regression: the preloaded stylesheets were not CORS requests while Vite's loader asks for
  // CORS ones, so Chromium fetched each again just before the screen could draw
  it('fetches each script and stylesheet of the study screen once', async () => {
    const fetched = await open('/study', 'article.question')
    expect(fetched.some((p) => /\/StudyView-[\w-]+\.css$/.test(p))).toBe(true)
    expect(repeated(fetched)).toEqual([])
  })

  it('fetches each script and stylesheet of the deck page once', async () => {
    const fetched = await open('/deck/bmd-europe-and-nato', '#cards-title')
    expect(fetched.some((p) => /\/DeckView-[\w-]+\.css$/.test(p))).toBe(true)
    expect(repeated(fetched)).toEqual([])
  })
})
