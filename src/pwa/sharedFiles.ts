// Deck files handed to the installed app from outside, in two ways:
// - shared by another app (Web Share Target): public/share-target.js, in the service worker,
//   keeps them in Cache Storage and opens import?shared=1;
// - opened with the app (File Handling): the browser passes them to `window.launchQueue`, which
//   may happen while another screen shows (launch_handler focus-existing), so the consumer is
//   set once at start-up, not by the import screen.
// Either way the import screen takes them with `takeSharedFiles`, each file once.

/** The Cache Storage cache public/share-target.js writes shared files to (keep both in step). */
export const SHARED_FILES_CACHE = 'intercept-shared-files'
/** The query flag the import route gets when files are waiting: `/import?shared=1`. */
export const SHARED_QUERY = 'shared'

interface FileLaunchParams {
  files?: readonly { getFile(): Promise<File> }[]
}
interface LaunchQueue {
  setConsumer(consumer: (params: FileLaunchParams) => unknown): void
}

let launched: File[] = []
const listeners = new Set<() => void>()
// takes run one after another, so two callers never both read the same cache entry
let taking: Promise<unknown> = Promise.resolve()

function fileIndex(request: Request): number {
  const match = /-(\d+)$/.exec(new URL(request.url).pathname)
  return match ? Number(match[1]) : 0
}

function fileName(response: Response): string {
  const raw = response.headers.get('X-File-Name')
  try {
    return raw ? decodeURIComponent(raw) : 'shared-deck'
  } catch {
    return raw ?? 'shared-deck'
  }
}

async function takeCachedFiles(): Promise<File[]> {
  if (typeof caches === 'undefined') return []
  const files: File[] = []
  try {
    // `has` first: `open` would create an empty cache on every visit
    if (!(await caches.has(SHARED_FILES_CACHE))) return []
    const cache = await caches.open(SHARED_FILES_CACHE)
    const requests = [...(await cache.keys())].sort((a, b) => fileIndex(a) - fileIndex(b))
    for (const request of requests) {
      const response = await cache.match(request)
      if (response) {
        // read first, then forget: a failure in between leaves the file for the next try
        const blob = await response.blob()
        const type = blob.type || response.headers.get('Content-Type') || ''
        files.push(new File([blob], fileName(response), { type }))
      }
      await cache.delete(request)
    }
    return files
  } catch {
    // no Cache Storage here (private mode, an old browser), or it failed part way: hand out
    // what was read
    return files
  }
}

/**
 * The deck files handed to the app and not yet taken, oldest first: those shared by another
 * app, then those opened with the app. Each file is handed out once (the stored copy is deleted
 * as it is read); with none waiting the result is empty.
 * @example const [file] = await takeSharedFiles(); if (file) await readFile(file)
 */
export function takeSharedFiles(): Promise<File[]> {
  const next = taking.then(async () => {
    const fromLaunch = launched
    launched = []
    return [...(await takeCachedFiles()), ...fromLaunch]
  })
  taking = next.catch(() => undefined)
  return next
}

/**
 * Calls `listener` whenever files are opened with the app while it runs (after `open` has
 * shown the import screen): the import screen, already showing, then takes them. Returns the
 * function that stops listening.
 */
export function onSharedFiles(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Receives files opened with the installed app (File Handling API), from start-up on: keeps
 * them for `takeSharedFiles`, calls `open` (which shows the import screen) and tells the
 * `onSharedFiles` listeners. A launch with no files (the app opened from its icon) changes
 * nothing. Without `window.launchQueue` (most browsers) it does nothing.
 */
export function receiveLaunchedFiles(open: () => unknown): void {
  if (typeof window === 'undefined') return
  const queue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue
  queue?.setConsumer(async (params) => {
    const handles = params.files ?? []
    if (!handles.length) return
    const read = await Promise.allSettled(handles.map((handle) => handle.getFile()))
    const files = read.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    if (!files.length) return
    // a new launch replaces files an earlier one left untaken
    launched = files
    await open()
    for (const listener of [...listeners]) listener()
  })
}
