// Starts `npm run sync-server` as its own process, the way a user runs it, on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')

export interface SyncServerProcess {
  url: string
  data: string
  process: ChildProcess
  /** Stops the server (SIGTERM, or SIGKILL with `crash`) and waits for it to exit. */
  stop(options?: { crash?: boolean }): Promise<void>
  /** Deletes the data folder (after stop). */
  remove(): void
}

export interface StartOptions {
  data?: string
  port?: number
  origins?: string[]
}

/** Runs the sync server and resolves with its address once it listens. */
export function startSyncServerProcess(options: StartOptions = {}): Promise<SyncServerProcess> {
  const data = options.data ?? mkdtempSync(join(tmpdir(), 'intercept-sync-'))
  const args = [
    // tsx as a loader, not its CLI: one process, so a kill reaches the server itself
    '--import',
    'tsx',
    join(ROOT, 'scripts', 'sync-server.ts'),
    '--port',
    String(options.port ?? 0),
    '--data',
    data,
    ...(options.origins ?? []).flatMap((o) => ['--origin', o]),
  ]
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`sync server did not start:\n${output}`))
    }, 30_000)
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      done({
        url: match[1]!,
        data,
        process: child,
        stop: ({ crash = false } = {}) =>
          new Promise<void>((exited) => {
            if (child.exitCode !== null || child.signalCode !== null) return exited()
            child.once('exit', () => exited())
            child.kill(crash ? 'SIGKILL' : 'SIGTERM')
          }),
        remove: () => rmSync(data, { recursive: true, force: true }),
      })
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`sync server exited (${code}):\n${output}`))
    })
  })
}
