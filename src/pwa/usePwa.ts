// Everything the app knows about its service worker and installation lives here.
import { computed, onScopeDispose, ref, type Ref } from 'vue'

const HOUR_MS = 3_600_000
/** The worker vite-plugin-pwa generates (`generateSW`), at the root of the app's scope. */
const SW_URL = `${import.meta.env.BASE_URL}sw.js`

export interface UsePwaUpdateOptions {
  /** While true (a study session or quiz is running) the update prompt waits. */
  isBusy: () => boolean
}

/** What the page needs from the browser's service worker API (a fake one in unit tests). */
export type ServiceWorkers = Pick<
  ServiceWorkerContainer,
  'register' | 'controller' | 'addEventListener'
>

/** What the prompt shows: a new version waits; the first install has cached the app. */
export interface WorkerState {
  needRefresh: Ref<boolean>
  offlineReady: Ref<boolean>
}

/**
 * Registers the service worker and follows it: `needRefresh` turns true when a new version is
 * installed and waiting while an older one controls the page, `offlineReady` when the first
 * install has cached the app. The returned `activate` tells the waiting worker to take over
 * (the generated worker answers `SKIP_WAITING`), then reloads into it.
 *
 * These are the steps of workbox-window's `Workbox` in vite-plugin-pwa's prompt flow, written
 * out because that pair cost 2.8 KB gzipped of the app's 60 KB first load for five listeners.
 */
export function watchServiceWorker(
  container: ServiceWorkers,
  state: WorkerState,
  onRegistered?: (registration: ServiceWorkerRegistration) => void,
): { activate: () => Promise<void>; ready: Promise<ServiceWorkerRegistration | undefined> } {
  // Only a takeover this page asked for reloads it: not the first install, nor another tab's
  // choice (a tab left on the old version learns it from the database, see App.vue).
  let reloadOnTakeover = false
  container.addEventListener('controllerchange', () => {
    if (reloadOnTakeover) location.reload()
  })

  const follow = (worker: ServiceWorker) => {
    const settle = () => {
      if (worker.state !== 'installed') return
      // With a controller the new version waits for the learner; without one it is the first.
      if (container.controller) state.needRefresh.value = true
      else state.offlineReady.value = true
    }
    worker.addEventListener('statechange', settle)
    settle()
  }

  const ready = container.register(SW_URL, { scope: import.meta.env.BASE_URL }).then(
    (registration) => {
      // a version installed earlier (in this tab or another) that still waits
      if (registration.waiting && container.controller) state.needRefresh.value = true
      if (registration.installing) follow(registration.installing)
      registration.addEventListener('updatefound', () => {
        if (registration.installing) follow(registration.installing)
      })
      onRegistered?.(registration)
      return registration
    },
    (error: unknown) => {
      console.warn('The service worker could not be registered:', error)
      return undefined
    },
  )

  async function activate(): Promise<void> {
    const waiting = (await ready)?.waiting
    if (!waiting) return
    reloadOnTakeover = true
    waiting.postMessage({ type: 'SKIP_WAITING' })
  }

  return { activate, ready }
}

/**
 * Calls `start` once the page has loaded: the worker's first install downloads every screen for
 * offline use, which should not compete with the first screen.
 */
function afterLoad(start: () => void): void {
  if (document.readyState === 'complete') start()
  else window.addEventListener('load', start, { once: true })
}

/**
 * The "new version ready" prompt. A waiting service worker is activated only when the learner
 * says so, and the prompt never shows in the middle of a session or a quiz.
 */
export function usePwaUpdate({ isBusy }: UsePwaUpdateOptions) {
  const state: WorkerState = { needRefresh: ref(false), offlineReady: ref(false) }
  let activate = async (): Promise<void> => undefined
  let timer: ReturnType<typeof setInterval> | undefined
  onScopeDispose(() => clearInterval(timer))
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    afterLoad(() => {
      ;({ activate } = watchServiceWorker(navigator.serviceWorker, state, (registration) => {
        // look for a new version now and then while the app stays open
        timer = setInterval(() => {
          if (navigator.onLine) void registration.update().catch(() => undefined)
        }, HOUR_MS)
      }))
    })
  }
  const showUpdate = computed(() => state.needRefresh.value && !isBusy())
  return {
    showUpdate,
    offlineReady: state.offlineReady,
    reload: () => activate(),
    dismiss: () => {
      state.needRefresh.value = false
    },
  }
}

interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>
}

const deferred: Ref<BeforeInstallPromptEvent | null> = ref(null)
const installed = ref(false)
if (typeof window !== 'undefined') {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault()
    deferred.value = event as BeforeInstallPromptEvent
  })
  window.addEventListener('appinstalled', () => {
    deferred.value = null
    installed.value = true
  })
}

/**
 * Safari on an iPhone, iPod or iPad, where installing is "Add to Home Screen" by hand. iPadOS
 * asks for desktop sites and so reports itself as a Mac: a "Mac" with a touch screen is an iPad.
 * Chrome and Firefox on iOS (CriOS, FxiOS) cannot add a web app, so get no hint.
 */
export function isIosSafari({
  userAgent,
  maxTouchPoints = 0,
}: Pick<Navigator, 'userAgent'> & Partial<Pick<Navigator, 'maxTouchPoints'>>): boolean {
  const apple =
    /iphone|ipad|ipod/i.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1)
  return apple && !/crios|fxios/i.test(userAgent)
}

/** The Install button where the browser offers one, and the iOS add-to-home-screen hint. */
export function useInstall() {
  const standalone =
    typeof window !== 'undefined' &&
    (window.matchMedia?.('(display-mode: standalone)').matches ||
      (navigator as Navigator & { standalone?: boolean }).standalone === true)
  const ios = typeof navigator !== 'undefined' && isIosSafari(navigator)
  const canInstall = computed(() => deferred.value !== null && !installed.value)
  async function install(): Promise<boolean> {
    const event = deferred.value
    if (!event) return false
    await event.prompt()
    const { outcome } = await event.userChoice
    deferred.value = null
    return outcome === 'accepted'
  }
  return { canInstall, install, showIosHint: ios && !standalone, standalone }
}
