import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, type EffectScope } from 'vue'
import { useNow } from '@/composables/useNow'
import { NOW } from '../fixtures/decks'

let scope: EffectScope
let clock: number
beforeEach(() => {
  vi.useFakeTimers()
  scope = effectScope()
  clock = NOW
})
afterEach(() => {
  scope.stop()
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const start = (tickMs?: number) =>
  scope.run(() => useNow({ now: () => clock, ...(tickMs ? { tickMs } : {}) }))!

describe('useNow', () => {
  it('starts at the clock reading', () => {
    expect(start().value).toBe(NOW)
  })

  it('reads the clock on every tick, never counting ticks', () => {
    const now = start(1000)
    clock = NOW + 42_000
    vi.advanceTimersByTime(999)
    expect(now.value).toBe(NOW)
    vi.advanceTimersByTime(1)
    expect(now.value).toBe(NOW + 42_000)
  })

  it('ticks every 250 ms by default', () => {
    const now = start()
    clock = NOW + 5
    vi.advanceTimersByTime(250)
    expect(now.value).toBe(NOW + 5)
  })

  it('catches up at once when the page becomes visible again', () => {
    const now = start(60_000)
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible')
    clock = NOW + 3_600_000
    document.dispatchEvent(new Event('visibilitychange'))
    expect(now.value).toBe(NOW + 3_600_000)
  })

  it('does not update while the page is hidden', () => {
    const now = start(60_000)
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    clock = NOW + 1
    document.dispatchEvent(new Event('visibilitychange'))
    expect(now.value).toBe(NOW)
  })

  it('stops ticking when its scope ends', () => {
    const now = start(1000)
    scope.stop()
    clock = NOW + 10_000
    vi.advanceTimersByTime(5_000)
    document.dispatchEvent(new Event('visibilitychange'))
    expect(now.value).toBe(NOW)
    expect(vi.getTimerCount()).toBe(0)
  })
})
