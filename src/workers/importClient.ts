// The page's side of the import worker: posts a job, passes its phases on, resolves with its
// output. Where no worker can run (no Worker, a script the browser refuses, a crash inside it),
// the job runs on this thread instead, yielding between phases; that code (the readers, the
// CSV parser) loads only then, so the import screen does not carry it.
import type { ImportOutput, ImportPhase, ImportRequest } from '@/core/importers/job'
import type { ImportJobMessage, ImportWorkerReply } from './import.worker'
import { describeError } from '@/core/errors'

/** Runs import jobs, one at a time or overlapping (each reply names its job). */
export interface ImportClient {
  /**
   * Reads `request`, reporting each phase as it passes. Never rejects: bad input and unexpected
   * errors alike come back as a failed result, in words for the person importing.
   */
  run(request: ImportRequest, onPhase: (phase: ImportPhase) => void): Promise<ImportOutput>
  /** Starts the worker ahead of the first job, so its start-up is not on the clock. */
  prepare(): void
  /** Stops the worker; a later job starts a new one. */
  close(): void
}

/** The worker the app builds, or null where none can start. */
export function startImportWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    return null
  }
}

/** Gives the page a frame between phases of a job run on its own thread. */
const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * The job on this thread: the fallback, loaded on first use. An unexpected error (a reader's bug,
 * no memory left) is the job's result, described for the person importing: its own message is
 * written for developers and goes to the console.
 */
async function runHere(
  request: ImportRequest,
  onPhase: (phase: ImportPhase) => void,
): Promise<ImportOutput> {
  try {
    const { runImportJob } = await import('@/core/importers/job')
    return await runImportJob(request, onPhase, nextFrame)
  } catch (error) {
    console.error('The import failed:', error)
    return {
      result: {
        ok: false,
        issues: [{ message: `It could not be read: ${describeError(error)}.` }],
      },
      detected: 'unknown',
      format: request.format ?? 'unknown',
    }
  }
}

/**
 * An import client over the worker `start` makes (the app's import worker by default). A worker
 * that fails to start or reports an unexpected error hands its job back to this thread, and is
 * not asked again.
 */
export function createImportClient(start: () => Worker | null = startImportWorker): ImportClient {
  let worker: Worker | null | undefined
  let nextId = 0

  function get(): Worker | null {
    if (worker === undefined) worker = start()
    return worker
  }

  function run(request: ImportRequest, onPhase: (phase: ImportPhase) => void) {
    const w = get()
    if (!w) return runHere(request, onPhase)
    const id = ++nextId
    return new Promise<ImportOutput>((resolve) => {
      const cleanup = () => {
        w.removeEventListener('message', onMessage)
        w.removeEventListener('error', onError)
      }
      const fallBack = () => {
        cleanup()
        resolve(runHere(request, onPhase))
      }
      const onMessage = (event: MessageEvent<ImportWorkerReply>) => {
        const reply = event.data
        if (reply.id !== id) return
        if (reply.type === 'phase') onPhase(reply.phase)
        else if (reply.type === 'done') {
          cleanup()
          resolve(reply.output)
        } else {
          console.warn(
            'The import worker failed; reading on the page instead:',
            reply.name ? `${reply.name}: ${reply.message}` : reply.message,
          )
          fallBack()
        }
      }
      // a worker that cannot start (an old browser, a blocked script) gives its jobs back
      const onError = (event: Event) => {
        event.preventDefault()
        if (worker === w) {
          w.terminate()
          worker = null
        }
        fallBack()
      }
      w.addEventListener('message', onMessage)
      w.addEventListener('error', onError)
      w.postMessage({ id, request } satisfies ImportJobMessage)
    })
  }

  return {
    run,
    prepare: () => void get(),
    close() {
      worker?.terminate()
      worker = undefined
    },
  }
}
