// Browser tests in WebKit: the built app (dist/) in WebKitGTK's MiniBrowser over WebDriver
// (`npm run test:webkit`; needs webkit2gtk-driver and xvfb, see the README).
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'node',
    include: ['tests/webkit/**/*.webkit.ts'],
    globalSetup: ['tests/webkit/globalSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // WebKitWebDriver drives one browser at a time
    fileParallelism: false,
    maxWorkers: 1,
    retry: 0,
  },
})
