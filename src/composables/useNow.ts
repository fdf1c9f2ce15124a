// The wall clock as a ref that ticks. Countdowns read remaining time from it, never count ticks
// themselves, so they stay right when the tab sleeps; on waking, the page catches up at once.
import { onScopeDispose, shallowRef } from 'vue'

export interface UseNowOptions {
  now?: () => number
  tickMs?: number
}

export function useNow({ now = Date.now, tickMs = 250 }: UseNowOptions = {}) {
  const current = shallowRef(now())
  const update = () => {
    current.value = now()
  }
  const timer = setInterval(update, tickMs)
  const onVisible = () => {
    if (document.visibilityState === 'visible') update()
  }
  document.addEventListener('visibilitychange', onVisible)
  onScopeDispose(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisible)
  })
  return current
}
