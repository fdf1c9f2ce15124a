// The update prompt follows the service worker through the browser's own API (a fake container
// here: jsdom has none) and waits while a study session or a quiz runs.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'
import { isIosSafari, useInstall, usePwaUpdate, watchServiceWorker } from '@/pwa/usePwa'

class FakeWorker extends EventTarget {
  state: ServiceWorkerState = 'installing'
  readonly messages: unknown[] = []
  postMessage(message: unknown): void {
    this.messages.push(message)
  }
  moveTo(state: ServiceWorkerState): void {
    this.state = state
    this.dispatchEvent(new Event('statechange'))
  }
}

class FakeRegistration extends EventTarget {
  installing: FakeWorker | null = null
  waiting: FakeWorker | null = null
  update = vi.fn(async () => undefined)
  /** The browser found a new version and starts installing it. */
  find(worker: FakeWorker): void {
    this.installing = worker
    this.dispatchEvent(new Event('updatefound'))
  }
  /** The installing worker is installed and waits. */
  install(worker: FakeWorker): void {
    this.installing = null
    this.waiting = worker
    worker.moveTo('installed')
  }
}

class FakeContainer extends EventTarget {
  controller: FakeWorker | null = null
  readonly registration = new FakeRegistration()
  readonly registered: [string, RegistrationOptions | undefined][] = []
  async register(url: string | URL, options?: RegistrationOptions) {
    this.registered.push([String(url), options])
    return this.registration as unknown as ServiceWorkerRegistration
  }
}

const asContainer = (c: FakeContainer) => c as unknown as ServiceWorkerContainer
const freshState = () => ({ needRefresh: ref(false), offlineReady: ref(false) })

function stubReload() {
  const reload = vi.fn()
  vi.stubGlobal('location', { ...window.location, reload })
  return reload
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('watchServiceWorker', () => {
  it('registers the generated worker for the whole app and says when the app works offline', async () => {
    const container = new FakeContainer()
    const first = new FakeWorker()
    container.registration.installing = first
    const state = freshState()
    await watchServiceWorker(asContainer(container), state).ready
    expect(container.registered).toEqual([['/sw.js', { scope: '/' }]])
    expect(state.offlineReady.value).toBe(false)
    container.registration.install(first)
    // the first install is no update: nothing to prompt for
    expect(state.offlineReady.value).toBe(true)
    expect(state.needRefresh.value).toBe(false)
  })

  it('offers a new version once it is installed, and reloads into it only when asked', async () => {
    const reload = stubReload()
    const container = new FakeContainer()
    container.controller = new FakeWorker()
    const state = freshState()
    const watched = watchServiceWorker(asContainer(container), state)
    await watched.ready
    const next = new FakeWorker()
    container.registration.find(next)
    expect(state.needRefresh.value).toBe(false)
    container.registration.install(next)
    expect(state.needRefresh.value).toBe(true)
    expect(next.messages).toEqual([])

    await watched.activate()
    expect(next.messages).toEqual([{ type: 'SKIP_WAITING' }])
    expect(reload).not.toHaveBeenCalled()
    container.dispatchEvent(new Event('controllerchange'))
    expect(reload).toHaveBeenCalledTimes(1)
  })

  it('offers a version that was already waiting when the page opened', async () => {
    const container = new FakeContainer()
    container.controller = new FakeWorker()
    container.registration.waiting = new FakeWorker()
    container.registration.waiting.state = 'installed'
    const state = freshState()
    await watchServiceWorker(asContainer(container), state).ready
    expect(state.needRefresh.value).toBe(true)
  })

  it('does not reload when another tab lets the new version take over', async () => {
    const reload = stubReload()
    const container = new FakeContainer()
    container.controller = new FakeWorker()
    await watchServiceWorker(asContainer(container), freshState()).ready
    container.dispatchEvent(new Event('controllerchange'))
    expect(reload).not.toHaveBeenCalled()
  })

  it('keeps the app running when the worker cannot be registered', async () => {
    const container = new FakeContainer()
    container.register = () => Promise.reject(new Error('SecurityError'))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const state = freshState()
    const watched = watchServiceWorker(asContainer(container), state)
    expect(await watched.ready).toBeUndefined()
    await watched.activate()
    expect(warn).toHaveBeenCalled()
    expect(state.needRefresh.value).toBe(false)
    warn.mockRestore()
  })
})

describe('usePwaUpdate', () => {
  async function started(busy: () => boolean) {
    const container = new FakeContainer()
    container.controller = new FakeWorker()
    vi.stubGlobal('navigator', { ...navigator, onLine: true, serviceWorker: container })
    const scope = effectScope()
    const pwa = scope.run(() => usePwaUpdate({ isBusy: busy }))!
    await vi.waitFor(() => expect(container.registered).toHaveLength(1))
    await Promise.resolve()
    const next = new FakeWorker()
    container.registration.find(next)
    container.registration.install(next)
    return { pwa, scope, next, container }
  }

  it('holds the prompt back while the learner is busy, then shows it', async () => {
    const busy = ref(true)
    const { pwa, scope } = await started(() => busy.value)
    expect(pwa.showUpdate.value).toBe(false)
    busy.value = false
    expect(pwa.showUpdate.value).toBe(true)
    scope.stop()
  })

  it('activates the new version only when asked, and can be put off', async () => {
    stubReload()
    const { pwa, scope, next } = await started(() => false)
    expect(pwa.showUpdate.value).toBe(true)
    expect(next.messages).toEqual([])
    pwa.dismiss()
    expect(pwa.showUpdate.value).toBe(false)
    await pwa.reload()
    expect(next.messages).toEqual([{ type: 'SKIP_WAITING' }])
    scope.stop()
  })

  it('looks for a new version every hour while the app stays open', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      const { scope, container } = await started(() => false)
      expect(container.registration.update).not.toHaveBeenCalled()
      vi.advanceTimersByTime(3_600_000)
      expect(container.registration.update).toHaveBeenCalledTimes(1)
      scope.stop()
      vi.advanceTimersByTime(3_600_000)
      expect(container.registration.update).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })
})

const UA = {
  iphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  // iPadOS 13+ asks for desktop sites: its Safari says it is a Mac
  ipad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  chromeIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1',
}

describe('the add-to-home-screen hint', () => {
  it('recognises Safari on an iPhone, and on an iPad that reports itself as a Mac', () => {
    expect(isIosSafari({ userAgent: UA.iphone, maxTouchPoints: 5 })).toBe(true)
    expect(isIosSafari({ userAgent: UA.ipad, maxTouchPoints: 5 })).toBe(true)
    expect(isIosSafari({ userAgent: UA.mac, maxTouchPoints: 0 })).toBe(false)
    expect(isIosSafari({ userAgent: UA.mac })).toBe(false)
    expect(isIosSafari({ userAgent: UA.chromeIos, maxTouchPoints: 5 })).toBe(false)
  })

  // regression: iPadOS never got the hint, since its user agent names no iPad
  it('shows the hint on an iPad that is not installed yet', () => {
    vi.stubGlobal('navigator', { userAgent: UA.ipad, maxTouchPoints: 5 })
    expect(useInstall().showIosHint).toBe(true)
    vi.stubGlobal('navigator', { userAgent: UA.ipad, maxTouchPoints: 5, standalone: true })
    expect(useInstall().showIosHint).toBe(false)
    vi.stubGlobal('navigator', { userAgent: UA.mac, maxTouchPoints: 0 })
    expect(useInstall().showIosHint).toBe(false)
  })
})
