// The FSRS optimizer in Node (command line, tests, benchmarks): the same WebAssembly and the same
// wrapper as the app's worker, initialised from the file's bytes instead of a URL.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { FitParameters } from '../src/core/personalize'
import { createFit } from '../src/workers/fsrsOptimizer'

let loading: Promise<FitParameters> | undefined

/** The optimizer's `fit`, loaded once. */
export function loadNodeFit(): Promise<FitParameters> {
  loading ??= (async () => {
    // fsrs-browser's thread-pool helper listens for messages on `self` as it loads; Node has none
    const scope = globalThis as { self?: unknown }
    scope.self ??= new EventTarget()
    const fsrs = await import('fsrs-browser')
    const wasm = createRequire(import.meta.url).resolve('fsrs-browser/fsrs_browser_bg.wasm')
    fsrs.initSync({ module: readFileSync(wasm) })
    return createFit(fsrs)
  })()
  return loading
}
