// @vitest-environment node
// Deck files handed to the installed app: shared by another app (the service worker's share
// target keeps them in Cache Storage) or opened with it (launchQueue). The worker script runs in
// a fake `self`; node's Request, Response, FormData and File are the browser's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeCaches, loadShareTarget, SCOPE } from './pwaFakes'

const CACHE = 'intercept-shared-files'

function share(form: FormData, path = 'import/shared') {
  return new Request(new URL(path, SCOPE), { method: 'POST', body: form })
}
function deckFile(name = 'class.json', text = '{"id":"class"}') {
  return new File([text], name, { type: 'application/json' })
}
async function page() {
  vi.resetModules()
  return import('@/pwa/sharedFiles')
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('share target (service worker)', () => {
  it('keeps a shared deck file and sends the app to the importer with a 303', async () => {
    const sw = loadShareTarget()
    const form = new FormData()
    form.append('title', 'My deck')
    form.append('deck', deckFile())
    const response = await sw.fetch(share(form))
    expect(response?.status).toBe(303)
    expect(response?.headers.get('Location')).toBe(`${SCOPE}import?shared=1`)
    const stored = [...(sw.caches.stores.get(CACHE)?.values() ?? [])]
    expect(stored).toHaveLength(1)
    expect(await stored[0]!.clone().text()).toBe('{"id":"class"}')
    expect(stored[0]!.headers.get('X-File-Name')).toBe('class.json')
  })

  it('turns a shared link or text with no file into query parameters, as the GET target did', async () => {
    const sw = loadShareTarget()
    const form = new FormData()
    form.append('title', 'Deck')
    form.append('text', ' Study this ')
    form.append('url', 'https://intercept.test/#d=abc')
    const response = await sw.fetch(share(form))
    const location = new URL(response!.headers.get('Location')!)
    expect(location.pathname).toBe('/import')
    expect(Object.fromEntries(location.searchParams)).toEqual({
      title: 'Deck',
      text: 'Study this',
      url: 'https://intercept.test/#d=abc',
    })
    expect(sw.caches.stores.get(CACHE)).toBeUndefined()
  })

  it('lets every other request through to workbox', () => {
    const sw = loadShareTarget()
    expect(sw.fetch(new Request(new URL('import/shared', SCOPE)))).toBeUndefined()
    expect(sw.fetch(share(new FormData(), 'import'))).toBeUndefined()
    expect(sw.fetch(new Request(new URL('index.html', SCOPE)))).toBeUndefined()
  })

  it('replaces the files an earlier share left untaken', async () => {
    const sw = loadShareTarget()
    const first = new FormData()
    first.append('deck', deckFile('old.json'))
    await sw.fetch(share(first))
    const second = new FormData()
    second.append('deck', deckFile('new.json'))
    await sw.fetch(share(second))
    const names = [...(sw.caches.stores.get(CACHE)?.values() ?? [])].map((r) =>
      r.headers.get('X-File-Name'),
    )
    expect(names).toEqual(['new.json'])
  })

  it('still opens the importer when the shared form cannot be read', async () => {
    const sw = loadShareTarget()
    const broken = new Request(new URL('import/shared', SCOPE), {
      method: 'POST',
      body: 'not a form',
      headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
    })
    const response = await sw.fetch(broken)
    expect(response?.status).toBe(303)
    expect(response?.headers.get('Location')).toBe(`${SCOPE}import`)
  })
})

describe('takeSharedFiles', () => {
  it('hands a file shared through the service worker to the page once, then forgets it', async () => {
    const sw = loadShareTarget(fakeCaches())
    vi.stubGlobal('caches', sw.caches.storage)
    const form = new FormData()
    form.append('deck', deckFile('Français déck.json'))
    form.append('deck', new File(['a\tb'], 'list.tsv', { type: 'text/tab-separated-values' }))
    await sw.fetch(share(form))
    const { takeSharedFiles } = await page()
    const files = await takeSharedFiles()
    expect(files.map((f) => f.name)).toEqual(['Français déck.json', 'list.tsv'])
    expect(await files[0]!.text()).toBe('{"id":"class"}')
    expect(files[1]!.type).toBe('text/tab-separated-values')
    expect(await takeSharedFiles()).toEqual([])
  })

  it('gives a file to only one of two readers at once', async () => {
    const sw = loadShareTarget()
    vi.stubGlobal('caches', sw.caches.storage)
    const form = new FormData()
    form.append('deck', deckFile())
    await sw.fetch(share(form))
    const { takeSharedFiles } = await page()
    const [a, b] = await Promise.all([takeSharedFiles(), takeSharedFiles()])
    expect(a.length + b.length).toBe(1)
  })

  it('finds nothing where there is no Cache Storage and nothing was launched', async () => {
    vi.stubGlobal('caches', undefined)
    const { takeSharedFiles } = await page()
    expect(await takeSharedFiles()).toEqual([])
  })

  it('does not create the cache when nothing was shared', async () => {
    const caches = fakeCaches()
    vi.stubGlobal('caches', caches.storage)
    const { takeSharedFiles } = await page()
    expect(await takeSharedFiles()).toEqual([])
    expect(caches.stores.size).toBe(0)
  })
})

describe('receiveLaunchedFiles', () => {
  type Consumer = (params: { files?: { getFile(): Promise<File> }[] }) => Promise<void>
  function launchQueue() {
    const queue: { consumer?: Consumer; setConsumer(c: Consumer): void } = {
      setConsumer(c) {
        queue.consumer = c
      },
    }
    vi.stubGlobal('window', { launchQueue: queue })
    vi.stubGlobal('caches', fakeCaches().storage)
    return queue
  }

  // regression: the consumer lived in the import screen, so with launch_handler focus-existing a
  // file opened while another screen showed did nothing visible
  it('keeps files opened with the app, opens the importer and tells the listeners', async () => {
    const queue = launchQueue()
    const { onSharedFiles, receiveLaunchedFiles, takeSharedFiles } = await page()
    const open = vi.fn(async () => undefined)
    const heard = vi.fn()
    receiveLaunchedFiles(open)
    const stop = onSharedFiles(heard)
    await queue.consumer!({ files: [{ getFile: async () => deckFile('opened.json') }] })
    expect(open).toHaveBeenCalledOnce()
    expect(heard).toHaveBeenCalledOnce()
    expect(open.mock.invocationCallOrder[0]).toBeLessThan(heard.mock.invocationCallOrder[0]!)
    const files = await takeSharedFiles()
    expect(files.map((f) => f.name)).toEqual(['opened.json'])
    expect(await takeSharedFiles()).toEqual([])
    stop()
    await queue.consumer!({ files: [{ getFile: async () => deckFile() }] })
    expect(heard).toHaveBeenCalledOnce()
  })

  it('does nothing for a launch without files, or with files it cannot read', async () => {
    const queue = launchQueue()
    const { receiveLaunchedFiles, takeSharedFiles } = await page()
    const open = vi.fn()
    receiveLaunchedFiles(open)
    await queue.consumer!({})
    await queue.consumer!({ files: [] })
    await queue.consumer!({ files: [{ getFile: () => Promise.reject(new Error('gone')) }] })
    expect(open).not.toHaveBeenCalled()
    expect(await takeSharedFiles()).toEqual([])
  })

  it('does nothing where the browser has no launchQueue', async () => {
    vi.stubGlobal('window', {})
    const { receiveLaunchedFiles } = await page()
    const open = vi.fn()
    expect(() => receiveLaunchedFiles(open)).not.toThrow()
    expect(open).not.toHaveBeenCalled()
  })
})
