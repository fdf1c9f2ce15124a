// Serves the built app (dist/) with `vite preview`, as the Chromium browser tests do, on a free
// port that WebKit will load: WebKit refuses some ports outright ("restricted network port", e.g.
// 4190), and a port the system hands out (32768 and up) is never one of them.
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import { createServer } from 'node:net'
import { preview } from 'vite'

export interface AppServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  base: string
  close(): Promise<void>
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Starts `vite preview` on dist/ and returns its address. */
export async function serveApp(port?: number): Promise<AppServer> {
  if (!existsSync('dist/index.html'))
    throw new Error('dist/ is missing: run `npm run build` before the WebKit tests')
  const listen = port ?? (await freePort())
  const server = await preview({
    preview: { port: listen, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn',
  })
  return {
    base: `http://127.0.0.1:${listen}`,
    async close() {
      // drop keep-alive connections too: a test that stops the server means "the network is gone"
      ;(server.httpServer as Server).closeAllConnections()
      await server.close()
    },
  }
}
