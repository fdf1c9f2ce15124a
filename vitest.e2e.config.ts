// Browser tests: the built app (dist/), served by `vite preview`, in Debian's Chromium.
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/globalSetup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // one Chromium at a time: CI has two cores
    fileParallelism: false,
    retry: 0,
  },
})
