// The personal-fit worker: loads the FSRS optimizer (fsrs-rs in WebAssembly, ~1.7 MB, fetched
// the first time a learner asks and cached by the service worker from then on) and runs a
// measured fit off the main thread. Single-threaded unless the page is cross-origin isolated,
// when fsrs-browser's thread pool can use every core. Cancelling terminates the worker.
import init, { Fsrs, initThreadPool } from 'fsrs-browser'
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url'
import { errorParts } from '@/core/errors'
import { personalFit, type FitOutcome, type FitParameters, type FitPhase } from '@/core/personalize'
import type { RevlogEntry } from '@/core/revlog'
import { createFit } from './fsrsOptimizer'

/** A fit asked of the worker. */
export interface FitRequest {
  id: number
  entries: RevlogEntry[]
  offsetMinutes: number
  current: number[] | null
}

/** What the worker posts back: phases as they begin, then the outcome or an unexpected error. */
export type FitReply =
  | { id: number; type: 'phase'; phase: 'loading' | FitPhase }
  | { id: number; type: 'done'; outcome: FitOutcome }
  // the error's kind, for the page to describe (core/errors.ts); its message is for the console
  | { id: number; type: 'error'; name: string; message: string }

const scope = self as unknown as {
  crossOriginIsolated?: boolean
  navigator: { hardwareConcurrency?: number }
  onmessage: ((event: MessageEvent<FitRequest>) => void) | null
  postMessage(reply: FitReply): void
}

let loading: Promise<FitParameters> | undefined

function load(): Promise<FitParameters> {
  loading ??= (async () => {
    await init({ module_or_path: wasmUrl })
    const cores = scope.navigator.hardwareConcurrency ?? 1
    if (scope.crossOriginIsolated && cores > 1) await initThreadPool(cores)
    return createFit({ Fsrs })
  })()
  loading.catch(() => (loading = undefined))
  return loading
}

scope.onmessage = (event) => {
  const { id, entries, offsetMinutes, current } = event.data
  scope.postMessage({ id, type: 'phase', phase: 'loading' })
  load()
    .then((fit) =>
      personalFit(entries, offsetMinutes, current, fit, (phase) =>
        scope.postMessage({ id, type: 'phase', phase }),
      ),
    )
    .then((outcome) => scope.postMessage({ id, type: 'done', outcome }))
    .catch((error: unknown) => scope.postMessage({ id, type: 'error', ...errorParts(error) }))
}
