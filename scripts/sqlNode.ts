// sql.js in Node (the decks CLI, tests): the WebAssembly is read from node_modules.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import initSqlJs, { type SqlJsStatic } from 'sql.js'

let loading: Promise<SqlJsStatic> | undefined

/** sql.js with its WebAssembly from node_modules. */
export function loadSqlNode(): Promise<SqlJsStatic> {
  const require = createRequire(import.meta.url)
  loading ??= initSqlJs({
    wasmBinary: new Uint8Array(readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'))).buffer,
  })
  return loading
}
