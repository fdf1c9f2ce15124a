// Serves dist/ with `vite preview` for the browser tests (the build must exist: `npm run build`).
import { existsSync } from 'node:fs'
import { preview, type PreviewServer } from 'vite'

export const PORT = Number(process.env.E2E_PORT ?? 4180)
let server: PreviewServer | undefined

export async function setup(): Promise<void> {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` before the browser tests')
  server = await preview({
    preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  })
}

export async function teardown(): Promise<void> {
  await server?.close()
}
