// @vitest-environment node
// The layer rules must hold for every spelling of a breach, or they rot unnoticed: each breach
// below is planted in a file of the layer it breaks and must be refused by `npm run lint`.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

/** The rules that refuse `code` planted at `filePath` (not written to disk). */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

const BREACHES: [what: string, file: string, code: string, rule: string][] = [
  // import paths, resolved whatever their spelling
  [
    'a component imports a store by a relative path',
    'src/components/library/LayerProbe.ts',
    "import { useLibraryStore } from '../../stores/library'\nexport const s = useLibraryStore",
    'import-x/no-restricted-paths',
  ],
  [
    'a component imports storage by ./../',
    'src/components/LayerProbe.ts',
    "import { listDecks } from './../storage/decks'\nexport const l = listDecks",
    'import-x/no-restricted-paths',
  ],
  [
    'a component imports a store by the alias',
    'src/components/LayerProbe.ts',
    "import { useQuizStore } from '@/stores/quiz'\nexport const q = useQuizStore",
    'import-x/no-restricted-paths',
  ],
  [
    'core imports storage dynamically',
    'src/core/layerProbe.ts',
    "export const load = () => import('../storage/decks')",
    'import-x/no-restricted-paths',
  ],
  [
    'core re-exports from storage',
    'src/core/quiz/layerProbe.ts',
    "export { listDecks } from '../../storage/decks'",
    'import-x/no-restricted-paths',
  ],
  [
    'storage imports a store',
    'src/storage/layerProbe.ts',
    "import { useLibraryStore } from '../stores/library'\nexport const s = useLibraryStore",
    'import-x/no-restricted-paths',
  ],
  [
    'a store imports a view',
    'src/stores/layerProbe.ts',
    "export const v = () => import('../views/LibraryView.vue')",
    'import-x/no-restricted-paths',
  ],
  [
    'a worker imports storage',
    'src/workers/layerProbe.ts',
    "import { listDecks } from '@/storage/decks'\nexport const l = listDecks",
    'import-x/no-restricted-paths',
  ],
  [
    'a composable imports a store',
    'src/composables/useLayerProbe.ts',
    "import { useStudyStore } from '../stores/study'\nexport const s = useStudyStore",
    'import-x/no-restricted-paths',
  ],
  [
    'a store downloads a file',
    'src/stores/layerProbe.ts',
    "import { downloadText } from '../platform/files'\nexport const d = downloadText",
    'import-x/no-restricted-paths',
  ],
  [
    'a platform helper imports a store',
    'src/platform/layerProbe.ts',
    "import { useLibraryStore } from '@/stores/library'\nexport const s = useLibraryStore",
    'import-x/no-restricted-paths',
  ],
  [
    'a platform helper imports Vue',
    'src/platform/layerProbe.ts',
    "import { ref } from 'vue'\nexport const r = ref",
    'no-restricted-imports',
  ],
  [
    'a component uses the router',
    'src/components/LayerProbe.ts',
    "import { RouterLink } from 'vue-router'\nexport const r = RouterLink",
    'no-restricted-imports',
  ],
  [
    'core imports Vue',
    'src/core/layerProbe.ts',
    "import { ref } from 'vue'\nexport const r = ref",
    'no-restricted-imports',
  ],
  [
    'a store imports the service worker plugin',
    'src/stores/layerProbe.ts',
    "import { registerSW } from 'virtual:pwa-register'\nexport const r = registerSW",
    'no-restricted-imports',
  ],
  // globals, where the house style does not put them
  [
    'a view opens IndexedDB',
    'src/views/LayerProbe.ts',
    "export const open = () => indexedDB.open('x')",
    'no-restricted-globals',
  ],
  [
    'a view reaches IndexedDB through window',
    'src/views/LayerProbe.ts',
    "export const open = () => window.indexedDB.open('x')",
    'no-restricted-properties',
  ],
  [
    'a store registers a service worker',
    'src/stores/layerProbe.ts',
    "export const r = () => navigator.serviceWorker.register('/sw.js')",
    'no-restricted-properties',
  ],
  [
    'a component writes localStorage',
    'src/components/LayerProbe.ts',
    "export const w = () => localStorage.setItem('k', 'v')",
    'no-restricted-globals',
  ],
  [
    'a store opens the Cache API',
    'src/stores/layerProbe.ts',
    "export const c = () => caches.open('x')",
    'no-restricted-globals',
  ],
  [
    'storage writes the Cache API',
    'src/storage/layerProbe.ts',
    "export const c = () => caches.open('x')",
    'no-restricted-globals',
  ],
  // the clock and randomness in core
  [
    'core reads the clock',
    'src/core/layerProbe.ts',
    'export const now = () => Date.now()',
    'no-restricted-properties',
  ],
  [
    'core makes a date of now',
    'src/core/layerProbe.ts',
    'export const now = () => new Date()',
    'no-restricted-syntax',
  ],
  [
    'core times with performance',
    'src/core/layerProbe.ts',
    'export const t = () => performance.now()',
    'no-restricted-globals',
  ],
  [
    'core draws Math.random',
    'src/core/layerProbe.ts',
    'export const r = () => Math.random()',
    'no-restricted-properties',
  ],
  [
    'core draws from crypto',
    'src/core/layerProbe.ts',
    'export const r = () => crypto.randomUUID()',
    'no-restricted-globals',
  ],
  [
    'core reaches the DOM',
    'src/core/layerProbe.ts',
    'export const t = () => document.title',
    'no-restricted-globals',
  ],
]

describe('layer rules', () => {
  it.each(BREACHES)('refuse it when %s', async (_what, file, code, rule) => {
    expect(await refusals(file, code)).toContain(rule)
  })

  it('accept what the house style allows', async () => {
    expect(
      await refusals(
        'src/views/LayerProbe.ts',
        "import { useLibraryStore } from '../stores/library'\nexport const s = useLibraryStore",
      ),
    ).toEqual([])
    expect(
      await refusals(
        'src/components/LayerProbe.ts',
        "import { downloadFile } from '@/platform/files'\nexport const d = downloadFile",
      ),
    ).toEqual([])
    expect(
      await refusals('src/storage/layerProbe.ts', "export const open = () => indexedDB.open('x')"),
    ).toEqual([])
    expect(
      await refusals(
        'src/pwa/layerProbe.ts',
        'export const r = () => navigator.serviceWorker.ready',
      ),
    ).toEqual([])
    expect(
      await refusals(
        'src/core/layerProbe.ts',
        "import { createRng } from './random'\nexport const at = (ms: number) => new Date(ms)\nexport const r = createRng",
      ),
    ).toEqual([])
  })
})
