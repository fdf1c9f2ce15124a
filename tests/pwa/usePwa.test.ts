// The update prompt waits while a study session or a quiz runs; only this test knows a service
// worker exists, through a mock of the plugin's virtual module.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'

const needRefresh = ref(false)
const offlineReady = ref(false)
const updateServiceWorker = vi.fn(async () => undefined)
vi.mock('virtual:pwa-register/vue', () => ({
  useRegisterSW: () => ({ needRefresh, offlineReady, updateServiceWorker }),
}))

const { isIosSafari, useInstall, usePwaUpdate } = await import('@/pwa/usePwa')

describe('usePwaUpdate', () => {
  it('holds the prompt back while the learner is busy, then shows it', () => {
    const busy = ref(true)
    const scope = effectScope()
    const pwa = scope.run(() => usePwaUpdate({ isBusy: () => busy.value }))!
    needRefresh.value = true
    expect(pwa.showUpdate.value).toBe(false)
    busy.value = false
    expect(pwa.showUpdate.value).toBe(true)
    scope.stop()
  })

  it('reloads into the new version only when asked, and can be put off', async () => {
    const scope = effectScope()
    const pwa = scope.run(() => usePwaUpdate({ isBusy: () => false }))!
    needRefresh.value = true
    expect(updateServiceWorker).not.toHaveBeenCalled()
    await pwa.reload()
    expect(updateServiceWorker).toHaveBeenCalledWith(true)
    pwa.dismiss()
    expect(pwa.showUpdate.value).toBe(false)
    scope.stop()
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
  afterEach(() => {
    vi.unstubAllGlobals()
  })

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
