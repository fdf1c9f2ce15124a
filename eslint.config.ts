import pluginVitest from '@vitest/eslint-plugin'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from 'eslint-config-prettier/flat'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import pluginVue from 'eslint-plugin-vue'
import type { Linter } from 'eslint'

const PWA_ONLY = {
  group: ['virtual:pwa-register*', 'workbox-*'],
  message: 'only src/pwa knows a service worker exists',
}
// Flat config lets the last matching block set a rule, so every layer restates the PWA ban.
const forbid = (files: string[], group: string[], message: string): Linter.Config => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }, PWA_ONLY] }] },
})
const ban = (selector: string) => ({ selector, message: 'core is deterministic: pass now/rng in' })

// Which folders each layer may not import from (see src/README.md).
const UI = ['./src/components', './src/views', './src/router', './src/App.vue', './src/main.ts']
// files in and out of the browser (downloads, chosen files): for the UI, never below it
const PLATFORM = './src/platform'
const zone = (target: string, from: string[], message: string) => ({ target, from, message })
const ZONES = [
  zone(
    './src/core',
    [
      './src/storage',
      './src/stores',
      './src/composables',
      './src/pwa',
      './src/workers',
      PLATFORM,
      ...UI,
    ],
    'core is pure TS: no storage, stores, UI, DOM helpers or service worker',
  ),
  zone(
    './src/storage',
    ['./src/stores', './src/composables', './src/pwa', './src/workers', PLATFORM, ...UI],
    'storage knows no UI',
  ),
  zone(
    './src/stores',
    ['./src/composables', './src/pwa', PLATFORM, ...UI],
    'stores orchestrate core and storage',
  ),
  zone(
    './src/workers',
    ['./src/storage', './src/stores', './src/composables', './src/pwa', PLATFORM, ...UI],
    'workers run core code off the main thread: no UI, no storage',
  ),
  zone(
    PLATFORM,
    ['./src/storage', './src/stores', './src/composables', './src/pwa', './src/workers', ...UI],
    'platform helpers are plain DOM over core: no stores, storage or UI',
  ),
  zone(
    './src/components',
    ['./src/stores', './src/storage', './src/pwa', './src/views', './src/router', './src/App.vue'],
    'props in, events out; views wire stores',
  ),
  zone(
    './src/composables',
    ['./src/stores', './src/storage', './src/pwa', ...UI],
    'composables are reactive glue: no stores, storage or UI',
  ),
  zone(
    './src/pwa',
    ['./src/storage', './src/stores', ...UI],
    'the service worker corner stands alone',
  ),
]

// Where each browser global belongs; every other layer is refused it.
const GLOBAL_HOME: Record<string, string> = {
  indexedDB: 'IndexedDB is only touched in src/storage',
  IDBKeyRange: 'IndexedDB is only touched in src/storage',
  localStorage: 'browser storage is only touched in src/storage',
  sessionStorage: 'browser storage is only touched in src/storage',
  caches: 'the Cache API belongs to src/pwa',
  performance: 'core is deterministic: pass the time in',
  crypto: 'core is deterministic: pass an rng in',
  window: 'core knows no DOM',
  document: 'core knows no DOM',
  navigator: 'core knows no browser',
}
const STORAGE_GLOBALS = ['indexedDB', 'IDBKeyRange', 'localStorage', 'sessionStorage']
const OUTSIDE_STORAGE = [...STORAGE_GLOBALS, 'caches']
const LAYER_GLOBALS: { files: string[]; globals: string[] }[] = [
  {
    files: ['src/core/**'],
    globals: [...OUTSIDE_STORAGE, 'performance', 'crypto', 'window', 'document', 'navigator'],
  },
  { files: ['src/storage/**'], globals: ['caches'] },
  { files: ['src/pwa/**'], globals: STORAGE_GLOBALS },
  {
    files: [
      'src/{stores,composables,components,views,router,workers,platform}/**',
      'src/*.{ts,vue}',
    ],
    globals: OUTSIDE_STORAGE,
  },
]
// The same globals reached through window/self/globalThis; the service worker outside src/pwa;
// the clock and randomness in core.
const bannedProperties = (globals: string[]) => [
  ...['window', 'self', 'globalThis'].flatMap((object) =>
    globals.map((property) => ({ object, property, message: GLOBAL_HOME[property] })),
  ),
  ...(globals.includes('caches')
    ? [
        {
          object: 'navigator',
          property: 'serviceWorker',
          message: 'only src/pwa knows a service worker exists',
        },
      ]
    : []),
  ...(globals.includes('crypto')
    ? [
        { object: 'Date', property: 'now', message: 'core is deterministic: pass now in' },
        { object: 'Math', property: 'random', message: 'core is deterministic: pass an rng in' },
      ]
    : []),
]

export default defineConfigWithVueTs(
  // bench-app-seed.js is page code read as text by bench-app.ts, not a module
  {
    ignores: [
      'dist/**',
      'dev-dist/**',
      'coverage/**',
      'node_modules/**',
      '.tmp/**',
      'scripts/bench-app-seed.js',
    ],
  },
  ...pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  { ...pluginVitest.configs.recommended, files: ['tests/**'] },
  {
    files: ['tests/**'],
    rules: {
      'vitest/valid-expect': ['error', { maxArgs: 2 }],
      // browser tests check for requests that left our origin after each test
      'vitest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['afterEach'] }],
      'vitest/expect-expect': [
        'error',
        { assertFunctionNames: ['expect', 'expect*', 'fc.assert', 'assert*'] },
      ],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/pwa/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PWA_ONLY] }] },
  } satisfies Linter.Config,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'vue/no-v-html': 'error',
    },
  },
  // Layer rules on what an import resolves to, whatever its spelling: '@/stores/x', '../stores/x',
  // './../stores/x' and import('../storage/x') alike.
  {
    files: ['src/**'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: ZONES }] },
  },
  // Package bans, and the house spelling inside core (siblings with ./).
  forbid(
    ['src/core/**'],
    ['vue', '@vue/*', 'pinia', 'vue-router', '@vueuse/*', 'idb', '@/*', '../*'],
    'core is pure TS; import siblings with ./',
  ),
  // core/importers and core/quiz are folders of core: they may reach their parent, still nothing outside core
  forbid(
    ['src/core/importers/**', 'src/core/quiz/**'],
    ['vue', '@vue/*', 'pinia', 'vue-router', '@vueuse/*', 'idb', '@/*', '../../*'],
    'core is pure TS; import core modules with ../',
  ),
  forbid(
    ['src/workers/**'],
    ['vue', '@vue/*', 'pinia', 'vue-router', 'idb'],
    'workers run core code off the main thread: no UI, no storage',
  ),
  forbid(['src/storage/**'], ['vue', 'pinia', 'vue-router'], 'storage knows no UI'),
  forbid(['src/stores/**'], ['idb', 'vue-router'], 'stores orchestrate core and storage'),
  forbid(
    ['src/platform/**'],
    ['vue', '@vue/*', 'pinia', 'vue-router', 'idb'],
    'platform helpers are plain DOM: no Vue, no storage',
  ),
  forbid(
    ['src/components/**', 'src/composables/**'],
    ['idb', 'vue-router', 'pinia'],
    'props in, events out; views wire stores and the router',
  ),
  // Browser globals each layer may not touch, and the clock and randomness in core.
  ...LAYER_GLOBALS.map(({ files, globals }): Linter.Config => ({
    files,
    rules: {
      'no-restricted-globals': [
        'error',
        ...globals.map((name) => ({ name, message: GLOBAL_HOME[name] })),
      ],
      'no-restricted-properties': ['error', ...bannedProperties(globals)],
    },
  })),
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        // Date.now, Math.random, performance and crypto are refused above
        ban("NewExpression[callee.name='Date'][arguments.length=0]"),
      ],
    },
  },
  skipFormatting,
)
