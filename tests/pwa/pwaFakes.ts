// Stand-ins for what a service worker and an installed app get from the browser: Cache Storage,
// and a `self` that public/share-target.js can be loaded into.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const urlOf = (request: RequestInfo | URL) =>
  typeof request === 'string' ? request : request instanceof URL ? request.href : request.url

/** An in-memory CacheStorage with the few methods the app and the worker script use. */
export function fakeCaches() {
  const stores = new Map<string, Map<string, Response>>()
  function open(name: string) {
    let entries = stores.get(name)
    if (!entries) stores.set(name, (entries = new Map()))
    const store = entries
    return {
      keys: async () => [...store.keys()].map((url) => new Request(url)),
      match: async (request: RequestInfo | URL) => store.get(urlOf(request))?.clone(),
      put: async (request: RequestInfo | URL, response: Response) => {
        store.set(urlOf(request), response)
      },
      delete: async (request: RequestInfo | URL) => store.delete(urlOf(request)),
    }
  }
  const storage = {
    open: async (name: string) => open(name),
    has: async (name: string) => stores.has(name),
  }
  return { stores, storage }
}

interface FetchEventLike {
  request: Request
  respondWith(response: Promise<Response>): void
}

export const SCOPE = 'https://intercept.test/'

/** Loads public/share-target.js as the service worker would, into a fake `self`. */
export function loadShareTarget(caches = fakeCaches()) {
  const source = readFileSync(
    fileURLToPath(new URL('../../public/share-target.js', import.meta.url)),
    'utf8',
  )
  const listeners: ((event: FetchEventLike) => void)[] = []
  const self = {
    registration: { scope: SCOPE },
    caches: caches.storage,
    addEventListener: (type: string, listener: (event: FetchEventLike) => void) => {
      if (type === 'fetch') listeners.push(listener)
    },
  }
  new Function('self', source)(self)
  /** Sends `request` through the worker: its answer, or undefined when it let the request by. */
  function fetch(request: Request): Promise<Response> | undefined {
    let answer: Promise<Response> | undefined
    for (const listener of listeners)
      listener({ request, respondWith: (response) => (answer = response) })
    return answer
  }
  return { caches, fetch, listeners }
}
