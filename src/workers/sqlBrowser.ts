// sql.js in the browser: its WebAssembly is an asset of the app (same origin, precached by the
// service worker like the rest), never fetched from elsewhere. Loaded once, on first use.
import initSqlJs, { type SqlJsStatic } from 'sql.js'
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url'

let loading: Promise<SqlJsStatic> | undefined

/** sql.js, initialised with the app's copy of its WebAssembly. */
export function loadSql(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: () => wasmUrl })
  return loading
}
