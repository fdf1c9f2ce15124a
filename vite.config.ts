/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vite'
import { VitePWA } from 'vite-plugin-pwa'
import { mapFrames } from './scripts/vite-map-frames.ts'
import { routePreload } from './scripts/vite-route-preload.ts'
import { shippedDecks } from './scripts/vite-shipped-decks.ts'

const THEME = '#1d4ed8'

// Lazy code that many screens share in small pieces goes in a few chunks by purpose instead of a
// dozen files of a few hundred bytes: a screen opened directly fetched 18 scripts and 5 stylesheets
// (/study), and on a phone's connection each is a round trip that competes with the shell for
// the bandwidth. Larger shared parts (the scheduler, the deck schema, grading) keep their own. A
// module goes to the first group that matches; what the shell imports stays in the shell.
const src = (pattern: string) =>
  new RegExp(`[\\\\/]src[\\\\/](?:${pattern})(?:\\.vue|\\.ts)?(?:\\?|$)`)
const LAZY_GROUPS: [name: string, test: RegExp][] = [
  // a card as text: country names and the summary line (deck page, timeline, map, editor, study)
  [
    'words',
    src('core/(?:countries|aliases|normalize|cardText)|components/library/CardSummaryText'),
  ],
  // one-screenful helpers of a few hundred bytes each
  [
    'util',
    src(
      'composables/(?:useAnnouncer|useNow|usePictureUrl)|core/(?:random|recall|plural|base64url|deckLink)|core/importers/separators|storage/persistence|components/media/CardPictureImage',
    ),
  ],
  // asking a question and showing its answer (study, a quiz, a quiz's result)
  [
    'question',
    src(
      'components/question/[^?]+|components/media/(?:CardPictures|RichText)|core/richText|core/importers/html|composables/useHotkeys',
    ),
  ],
]

export default defineConfig({
  plugins: [
    vue(),
    shippedDecks(fileURLToPath(new URL('./decks', import.meta.url))),
    mapFrames(fileURLToPath(new URL('.', import.meta.url))),
    routePreload(fileURLToPath(new URL('./src/router/index.ts', import.meta.url))),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'favicon.ico', 'apple-touch-icon-180x180.png'],
      manifest: {
        id: '/',
        name: 'Intercept: missile defense flashcards and quizzes',
        short_name: 'Intercept',
        description:
          'Study ballistic-missile defense with spaced repetition and timed quizzes, offline, on your phone.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: '#ffffff',
        categories: ['education'],
        // Another app shares a deck file, link or text with Intercept (Android). A file needs a
        // multipart POST, which public/share-target.js answers in the service worker: it keeps
        // the file and opens the importer (src/pwa/sharedFiles.ts hands the file over).
        share_target: {
          action: '/import/shared',
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            url: 'url',
            files: [
              {
                name: 'deck',
                accept: [
                  '.json',
                  '.txt',
                  '.csv',
                  '.tsv',
                  'application/json',
                  'text/plain',
                  'text/csv',
                  'text/tab-separated-values',
                ],
              },
            ],
          },
        },
        // Deck files open in the installed app where the browser supports file handling; the
        // launchQueue consumer (src/pwa/sharedFiles.ts, started in main.ts) shows the importer.
        file_handlers: [
          {
            action: '/import',
            accept: {
              'application/json': ['.json'],
              'text/plain': ['.txt', '.tsv', '.csv'],
              'text/csv': ['.csv'],
              'text/tab-separated-values': ['.tsv'],
            },
          },
        ],
        launch_handler: { client_mode: 'focus-existing' },
        icons: [
          { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'maskable-icon-512x512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        // SQLite's WebAssembly (690 KB, 340 KB gzipped) is precached: an Anki package must import
        // on a device that went offline right after installing, before any package was read.
        globPatterns: [
          '**/*.{js,css,html,svg,png,json,webmanifest}',
          'assets/sql-wasm-browser-*.wasm',
        ],
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // the share target's POST handler, loaded before workbox registers its routes
        importScripts: ['share-target.js'],
        globIgnores: ['**/share-target.js'],
        // The FSRS optimizer (1.7 MB of WebAssembly) is cached the first time a learner fits,
        // not precached: most installs never fit, and a phone should not download it for them.
        runtimeCaching: [
          {
            urlPattern: /\/assets\/fsrs_browser_bg-[\w-]+\.wasm$/,
            handler: 'CacheFirst',
            options: { cacheName: 'fsrs-optimizer', expiration: { maxEntries: 2 } },
          },
        ],
      },
    }),
  ],
  // Every component is <script setup>: Vue's Options API support would be dead weight in the
  // first load (1.5 KB gzipped).
  define: { __VUE_OPTIONS_API__: false },
  // module workers: the optimizer worker imports its WebAssembly and may start a thread pool
  worker: { format: 'es' },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    target: 'es2022',
    reportCompressedSize: false,
    manifest: true,
    rolldownOptions: {
      output: {
        // Everything the entry imports statically in one file: Rolldown would otherwise cut the
        // shell into five (Vue's runtime, two small shared cores), whose cross-chunk imports and
        // separate compression cost 1.5 KB gzipped of the first load. Lazy screens still split.
        codeSplitting: {
          groups: [
            { name: 'shell', tags: ['$initial'], priority: 10 },
            ...LAZY_GROUPS.map(([name, test], i) => ({
              name,
              test,
              priority: LAZY_GROUPS.length - i,
            })),
          ],
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
  },
})
