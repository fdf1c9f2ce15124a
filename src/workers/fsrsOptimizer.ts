// The FSRS project's own optimizer (fsrs-rs compiled to WebAssembly, npm `fsrs-browser`), behind
// one function. The module is initialised by the caller: from a URL in the worker, from bytes in
// Node (the command line and tests), so both run this same code.
import type { Fsrs as FsrsClass } from 'fsrs-browser'
import type { FitParameters } from '@/core/personalize'
import type { RevlogEntry } from '@/core/revlog'

/** What this wrapper needs of an initialised `fsrs-browser` module. */
export interface FsrsModule {
  Fsrs: new () => FsrsClass
}

// revlog.csv states → Anki review kinds, as fsrs-rs expects them: new and learning are learning
// (0), review is review (1), relearning is relearning (2).
const KIND = [0, 0, 1, 2] as const

/**
 * `fit(entries, offsetMinutes)`: the 21 parameters fsrs-rs fits to a revlog, with its Anki
 * reading of the log (learner days from `offsetMinutes`, short-term reviews included).
 * fsrs-rs prints its training loss to the console; that is silenced while it runs.
 */
export function createFit(fsrs: FsrsModule): FitParameters {
  return (entries: readonly RevlogEntry[], offsetMinutes: number) => {
    const n = entries.length
    const cids = new BigInt64Array(n)
    const ids = new BigInt64Array(n)
    const eases = new Uint8Array(n)
    const types = new Uint8Array(n)
    entries.forEach((e, i) => {
      cids[i] = BigInt(e.cardId)
      ids[i] = BigInt(e.reviewTime)
      eases[i] = e.rating
      types[i] = KIND[e.state]
    })
    const model = new fsrs.Fsrs()
    const { log, info, debug } = console
    console.log = console.info = console.debug = () => {}
    try {
      return Array.from(
        model.computeParametersAnki(offsetMinutes, cids, eases, ids, types, null, true),
        (w) => Math.round(w * 1e4) / 1e4,
      )
    } finally {
      Object.assign(console, { log, info, debug })
      model.free()
    }
  }
}
