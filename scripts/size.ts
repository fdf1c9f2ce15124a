// npm run size (after a build): the gzipped JavaScript and CSS that the first load of `/` fetches:
// the entry, its static imports, and the Library route with its static imports.
// Prints `size <name> gzip_kb=<x>` lines; the budget is printed, not asserted.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

interface Chunk {
  file: string
  src?: string
  isEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}

const dist = join(import.meta.dirname, '..', 'dist')
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length

function closure(keys: string[]): Set<string> {
  const files = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    if (!chunk) return
    files.add(chunk.file)
    for (const css of chunk.css ?? []) files.add(css)
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  keys.forEach(visit)
  return files
}

const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!
// Loaded at once on `/` though imported dynamically: the service worker helper.
const eager = Object.keys(manifest).filter((k) => k.includes('workbox-window'))
const first = closure([entry, ...eager])
let js = 0
let css = 0
for (const file of first) {
  const size = gz(file)
  if (file.endsWith('.css')) css += size
  else js += size
}
const kb = (n: number) => (n / 1024).toFixed(1)
console.log(`size first-load-js gzip_kb=${kb(js)}`)
console.log(`size first-load-css gzip_kb=${kb(css)}`)
console.log(`size first-load-total gzip_kb=${kb(js + css)}`)
for (const [key, chunk] of Object.entries(manifest)) {
  if (first.has(chunk.file) || !chunk.file.endsWith('.js')) continue
  const name = key.replace(/^.*\//, '').replace(/\.(vue|ts|js)$/, '')
  console.log(`size chunk:${name} gzip_kb=${kb(gz(chunk.file))}`)
}
console.log(`# first load ${kb(js + css)} KB gzipped (budget 60 KB): ${[...first].join(', ')}`)
