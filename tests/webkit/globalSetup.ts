// Starts what the WebKit tests drive: a virtual display (Xvfb: MiniBrowser has no headless mode),
// WebKitGTK's WebDriver server, and the built app. Everything started here is stopped in the
// teardown, and also if the run dies (the driver and its browsers share a process group).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import type { TestProject } from 'vitest/node'
import { freePort, serveApp, type AppServer } from './serve'

declare module 'vitest' {
  export interface ProvidedContext {
    webkit: { base: string; driverPort: number; miniBrowser: string }
  }
}

const FALLBACK_MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'

/** The MiniBrowser that Debian's libwebkit2gtk-4.1-0 installs (or $MINIBROWSER). */
function findMiniBrowser(): string {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER
  try {
    const files = execFileSync('dpkg', ['-L', 'libwebkit2gtk-4.1-0'], { encoding: 'utf8' })
    const found = files.split('\n').find((f) => f.endsWith('/MiniBrowser'))
    if (found) return found
  } catch {
    // not a Debian system: try the usual place
  }
  if (existsSync(FALLBACK_MINIBROWSER)) return FALLBACK_MINIBROWSER
  throw new Error(
    'WebKitGTK MiniBrowser not found: apt-get install webkit2gtk-driver libwebkit2gtk-4.1-0 xvfb',
  )
}

/** Starts Xvfb on display `:n` and resolves once it accepts clients (it then writes n to fd 3). */
function startXvfbOn(n: number): Promise<{ display: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'Xvfb',
      [`:${n}`, '-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
    child.once('error', (e) =>
      reject(new Error(`cannot start Xvfb (apt-get install xvfb): ${e.message}`)),
    )
    child.once('exit', (code) => reject(new Error(`Xvfb :${n} exited (${code}): ${stderr}`)))
    let out = ''
    child.stdio[3]!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, child })
    })
  })
}

/**
 * Starts Xvfb on a free display. Not the first free one (what `-displayfd` alone picks): other
 * runs on the same machine start and stop their own servers there, and a server that fails on a
 * display in use can remove the socket of the one that holds it.
 */
async function startXvfb(): Promise<{ display: string; child: ChildProcess }> {
  let last: unknown
  for (let attempt = 0; attempt < 10; attempt++) {
    const n = 100 + Math.floor(Math.random() * 900)
    if (existsSync(`/tmp/.X${n}-lock`) || existsSync(`/tmp/.X11-unix/X${n}`)) continue
    try {
      return await startXvfbOn(n)
    } catch (error) {
      if (/apt-get install/.test(String(error))) throw error
      last = error
    }
  }
  throw new Error(`no free X display for Xvfb: ${String(last)}`)
}

/** Polls the driver's /status until it accepts sessions. */
async function waitForDriver(port: number, driver: ChildProcess): Promise<void> {
  const deadline = Date.now() + 20_000
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})`)
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('WebKitWebDriver did not start within 20 s')
}

function stop(child: ChildProcess | undefined, group: boolean): void {
  if (!child?.pid || child.exitCode !== null) return
  try {
    process.kill(group ? -child.pid : child.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const miniBrowser = findMiniBrowser()
  let app: AppServer | undefined
  let xvfb: ChildProcess | undefined
  let driver: ChildProcess | undefined
  const stopAll = () => {
    stop(driver, true)
    stop(xvfb, false)
  }
  process.once('exit', stopAll)
  try {
    app = await serveApp()
    const x = await startXvfb()
    xvfb = x.child
    xvfb.removeAllListeners('exit')
    const driverPort = await freePort()
    // its own process group: the MiniBrowser windows it opens are stopped along with it
    driver = spawn('WebKitWebDriver', [`--port=${driverPort}`], {
      env: { ...process.env, DISPLAY: x.display },
      stdio: ['ignore', 'ignore', 'inherit'],
      detached: true,
    })
    const started = driver
    await Promise.race([
      waitForDriver(driverPort, started),
      new Promise<never>((_, reject) =>
        started.once('error', (e) =>
          reject(
            new Error(
              `cannot start WebKitWebDriver (apt-get install webkit2gtk-driver): ${e.message}`,
            ),
          ),
        ),
      ),
    ])
    project.provide('webkit', { base: app.base, driverPort, miniBrowser })
  } catch (error) {
    stopAll()
    await app?.close()
    throw error
  }
  return async () => {
    stopAll()
    process.off('exit', stopAll)
    await app?.close()
  }
}
