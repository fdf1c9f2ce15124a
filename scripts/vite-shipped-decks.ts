// The decks that ship with the app, validated when the app is built instead of on the device.
// `import shipped from 'virtual:shipped-decks'` gives `{ id, version, url }` for each deck in
// decks/. The build fails on a deck that does not pass `parseDeckText` (with the same located
// messages as `npm run decks -- check`), and writes each deck as the validated, normalized data
// the app stores, under a name carrying a hash of that data. The app then installs a shipped
// deck without loading the schema, its validator or the country tables: the first load stays
// small, and an unchanged deck costs nothing but a version comparison.
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { runnerImport, type Plugin, type ResolvedConfig } from 'vite'
import type { Deck } from '../src/core/deck'

type DeckModule = typeof import('../src/core/deck')

const ID = 'virtual:shipped-decks'
const RESOLVED = `\0${ID}`
/** Where the dev server answers with the validated decks (a build writes files instead). */
export const DEV_PATH = '__shipped-decks/'

export interface BuiltDeck {
  file: string
  deck: Deck
  json: string
  hash: string
}

/**
 * Validates every deck file in `dir` and returns each as the JSON the app stores.
 * @throws one located line per problem, over all files, when any deck does not validate.
 */
export async function buildShippedDecks(dir: string): Promise<BuiltDeck[]> {
  // The app's own validator, run through Vite: importing it statically would make Vite's config
  // loader bundle the app's core into the config.
  const { parseDeckText, formatIssue } = (
    await runnerImport<DeckModule>(join(import.meta.dirname, '../src/core/deck.ts'), {
      configFile: false,
      logLevel: 'error',
    })
  ).module
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json')
    .sort()
  const errors: string[] = []
  const built: BuiltDeck[] = []
  for (const name of files) {
    const file = join(dir, name)
    const result = parseDeckText(readFileSync(file, 'utf8'))
    if (!result.ok) {
      const where = relative(process.cwd(), file)
      errors.push(...result.issues.map((issue) => formatIssue(issue, where)))
      continue
    }
    const json = JSON.stringify(result.value)
    const hash = createHash('sha256').update(json).digest('hex').slice(0, 10)
    built.push({ file: name, deck: result.value, json, hash })
  }
  if (errors.length) throw new Error(`shipped decks do not validate:\n${errors.join('\n')}`)
  return built
}

/** Validates decks/*.json at build time and serves them as `virtual:shipped-decks`. */
export function shippedDecks(dir: string): Plugin {
  let config: ResolvedConfig
  return {
    name: 'intercept:shipped-decks',
    configResolved(resolved) {
      config = resolved
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined
    },
    configureServer(server) {
      server.middlewares.use(`/${DEV_PATH}`, (req, res, next) => {
        const file = decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0]!)
        buildShippedDecks(dir).then((decks) => {
          const deck = decks.find((d) => d.file === file)
          if (!deck) return next()
          res.setHeader('Content-Type', 'application/json')
          res.end(deck.json)
        }, next)
      })
    },
    async load(id) {
      if (id !== RESOLVED) return
      const decks = await buildShippedDecks(dir)
      for (const d of decks) this.addWatchFile(join(dir, d.file))
      const entries = decks.map((d) => {
        let url: string
        if (config.command === 'build') {
          const fileName = `${config.build.assetsDir}/${d.file.replace(/\.json$/, '')}-${d.hash}.json`
          this.emitFile({ type: 'asset', fileName, source: d.json })
          url = `${config.base}${fileName}`
        } else {
          url = `${config.base}${DEV_PATH}${d.file}` // answered by the dev server, below
        }
        return { id: d.deck.id, version: d.deck.version, url }
      })
      return `export default ${JSON.stringify(entries)}`
    },
  }
}
