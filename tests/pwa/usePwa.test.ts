// The update prompt waits while a study session or a quiz runs; only this test knows a service
// worker exists, through a mock of the plugin's virtual module.
import { describe, expect, it, vi } from 'vitest'
import { effectScope, ref } from 'vue'

const needRefresh = ref(false)
const offlineReady = ref(false)
const updateServiceWorker = vi.fn(async () => undefined)
vi.mock('virtual:pwa-register/vue', () => ({
  useRegisterSW: () => ({ needRefresh, offlineReady, updateServiceWorker }),
}))

const { usePwaUpdate } = await import('@/pwa/usePwa')

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
