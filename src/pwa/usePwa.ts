// Everything the app knows about its service worker and installation lives here.
import { useRegisterSW } from 'virtual:pwa-register/vue'
import { computed, onScopeDispose, ref, type Ref } from 'vue'

const HOUR_MS = 3_600_000

export interface UsePwaUpdateOptions {
  /** While true (a study session or quiz is running) the update prompt waits. */
  isBusy: () => boolean
}

/**
 * The "new version ready" prompt. A waiting service worker is activated only when the learner
 * says so, and the prompt never shows in the middle of a session or a quiz.
 */
export function usePwaUpdate({ isBusy }: UsePwaUpdateOptions) {
  const { needRefresh, offlineReady, updateServiceWorker } = useRegisterSW({
    // After the page's load event (workbox-window's default): the worker's first install
    // downloads every screen for offline use, which should not compete with the first screen.
    immediate: false,
    onRegisteredSW(_url, registration) {
      if (!registration) return
      // look for a new version now and then while the app stays open
      const timer = setInterval(() => {
        if (navigator.onLine) void registration.update().catch(() => undefined)
      }, HOUR_MS)
      onScopeDispose(() => clearInterval(timer))
    },
  })
  const showUpdate = computed(() => needRefresh.value && !isBusy())
  return {
    showUpdate,
    offlineReady,
    reload: () => updateServiceWorker(true),
    dismiss: () => {
      needRefresh.value = false
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
