import pluginVitest from '@vitest/eslint-plugin'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import skipFormatting from 'eslint-config-prettier/flat'
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

export default defineConfigWithVueTs(
  // bench-app-seed.js is page code read as text by bench-app.ts, not a module
  { ignores: ['dist/**', 'dev-dist/**', 'coverage/**', 'node_modules/**', '.tmp/**', 'scripts/bench-app-seed.js'] },
  ...pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  { ...pluginVitest.configs.recommended, files: ['tests/**'] },
  {
    files: ['tests/**'],
    rules: {
      'vitest/valid-expect': ['error', { maxArgs: 2 }],
      // browser tests check for requests that left our origin after each test
      'vitest/no-standalone-expect': ['error', { additionalTestBlockFunctions: ['afterEach'] }],
      'vitest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'fc.assert', 'assert*'] }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/pwa/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [PWA_ONLY] }] },
  } satisfies Linter.Config,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'vue/no-v-html': 'error',
    },
  },
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
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ban("NewExpression[callee.name='Date'][arguments.length=0]"),
        ban("CallExpression[callee.object.name='Date'][callee.property.name='now']"),
        ban("CallExpression[callee.object.name='Math'][callee.property.name='random']"),
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  forbid(
    ['src/workers/**'],
    ['vue', '@vue/*', 'pinia', 'vue-router', 'idb', '@/stores/*', '@/storage/*', '@/components/*', '@/views/*'],
    'workers run core code off the main thread: no UI, no storage',
  ),
  forbid(['src/storage/**'], ['vue', 'pinia', '@/stores/*', '@/components/*', '@/views/*', '@/pwa/*'], 'storage knows no UI'),
  forbid(['src/stores/**'], ['@/components/*', '@/views/*', 'idb'], 'stores orchestrate core and storage'),
  forbid(
    ['src/components/**', 'src/composables/**'],
    ['@/stores/*', '@/storage/*', 'idb'],
    'props in, events out; views wire stores',
  ),
  skipFormatting,
)
