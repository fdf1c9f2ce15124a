// Opening a screen other than the library directly (a link, a reload, the installed app's last
// screen) used to load in two steps: the app shell, then, once the router had run, the screen's
// own chunk. This plugin writes a few lines into index.html that match the address against the
// router's lazy routes and preload that screen's JavaScript and CSS at once, alongside the shell.
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

interface LazyRoute {
  path: string
  /** The view's source path as in the router, e.g. `src/views/DeckView.vue`. */
  view: string
}

/** The lazy routes of the router file: `path: '…'` followed by `import('@/views/….vue')`. */
export function lazyRoutes(routerSource: string): LazyRoute[] {
  const out: LazyRoute[] = []
  const pattern = /path:\s*'([^']+)'[^{}]*?import\('@\/(views\/[\w-]+\.vue)'\)/g
  for (const [, path, view] of routerSource.matchAll(pattern))
    out.push({ path: path!, view: `src/${view}` })
  return out
}

/**
 * A vue-router path (`/deck/:id`, `/study/:deckId?`) as a regular expression source, or null for
 * catch-alls (`/:pathMatch(.*)*`), which would match every address.
 */
export function pathPattern(path: string): string | null {
  if (path.includes('(')) return null
  const parts = path
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      if (segment.startsWith(':')) return segment.endsWith('?') ? '(?:/[^/]+)?' : '/[^/]+'
      return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`
    })
  return `^${parts.join('') || '/'}/?$`
}

/** Preloads the chunk of the route the page opens on, from the built bundle. */
export function routePreload(routerFile: string): Plugin {
  let base = '/'
  return {
    name: 'intercept:route-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return
        const chunks = Object.values(bundle).filter((o) => o.type === 'chunk')
        const entry = chunks.find((c) => c.isEntry)
        // what the shell loads anyway needs no second mention
        const inShell = new Set<string>()
        const walk = (file: string, into: Set<string>) => {
          if (into.has(file)) return
          into.add(file)
          const chunk = chunks.find((c) => c.fileName === file)
          for (const css of chunk?.viteMetadata?.importedCss ?? []) into.add(css)
          for (const imported of chunk?.imports ?? []) walk(imported, into)
        }
        if (entry) walk(entry.fileName, inShell)
        // each file once, routes by index: a dozen routes share most of their chunks
        const files: string[] = []
        const table: [string, number[]][] = []
        for (const route of lazyRoutes(readFileSync(routerFile, 'utf8'))) {
          const pattern = pathPattern(route.path)
          const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(route.view))
          if (!pattern || !chunk) continue
          const needed = new Set<string>()
          walk(chunk.fileName, needed)
          const indexes = [...needed]
            .filter((f) => !inShell.has(f))
            .map((f) => (files.includes(f) ? files : (files.push(f), files)).indexOf(f))
          table.push([pattern, indexes])
        }
        if (!table.length) return
        // Plain ES5 in the page head; `rel=modulepreload` fetches and parses a module once. Every
        // link is CORS (crossorigin=""), as Vite's loader asks for the same files later: a preload
        // whose mode differs from the later request is not reused, and each stylesheet was fetched
        // a second time just when the screen was about to draw.
        const script = `(function(){var f=${JSON.stringify(files)},t=${JSON.stringify(table)},p=location.pathname;for(var i=0;i<t.length;i++)if(new RegExp(t[i][0]).test(p)){t[i][1].forEach(function(n){var l=document.createElement('link');if(/\\.css$/.test(f[n])){l.rel='preload';l.as='style'}else l.rel='modulepreload';l.crossOrigin='';l.href=${JSON.stringify(base)}+f[n];document.head.appendChild(l)});break}})()`
        return [{ tag: 'script', children: script, injectTo: 'head' }]
      },
    },
  }
}
