// The import worker: parses and validates large pastes and files off the main thread, so the
// page keeps painting its progress line. One job per message; phases are posted as they pass.
import {
  runImportJob,
  type ImportOutput,
  type ImportPhase,
  type ImportRequest,
} from '@/core/importers/job'
import { errorParts } from '@/core/errors'

/** A job sent to the worker. */
export interface ImportJobMessage {
  id: number
  request: ImportRequest
}

/** What the worker posts back: phases, then the output (or an unexpected error). */
export type ImportWorkerReply =
  | { id: number; type: 'phase'; phase: ImportPhase }
  | { id: number; type: 'done'; output: ImportOutput }
  // the error's kind crosses the boundary, so the page can describe it (core/errors.ts); its
  // message, written for developers, goes to the console only
  | { id: number; type: 'error'; name: string; message: string }

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ImportJobMessage>) => void) | null
  postMessage(reply: ImportWorkerReply): void
}

// sql.js and its WebAssembly load only when a package is imported
const host = { loadSql: async () => (await import('./sqlBrowser')).loadSql() }

scope.onmessage = (event) => {
  const { id, request } = event.data
  runImportJob(request, (phase) => scope.postMessage({ id, type: 'phase', phase }), undefined, host)
    .then((output) => scope.postMessage({ id, type: 'done', output }))
    .catch((error: unknown) => scope.postMessage({ id, type: 'error', ...errorParts(error) }))
}
