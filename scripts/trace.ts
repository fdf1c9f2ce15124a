// The page's main-thread tasks from Chromium's own trace, for the benchmarks' "longest block":
// a page-side timer would also count the time a busy machine gave the page no CPU at all.
import type { CDPSession } from 'playwright-core'

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  dur?: number
  args?: { name?: string }
}

export interface MainThreadTrace {
  start(): Promise<void>
  /** Ends the trace; the duration in ms of every task the renderer's main thread ran meanwhile. */
  stop(): Promise<number[]>
}

/** A trace of the main thread of the page behind `cdp`, started and stopped around the work measured. */
export function mainThreadTrace(cdp: CDPSession): MainThreadTrace {
  return {
    async start() {
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] },
        transferMode: 'ReturnAsStream',
      })
    },
    async stop() {
      const done = new Promise<string>((resolve) =>
        cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)),
      )
      await cdp.send('Tracing.end')
      const stream = await done
      let text = ''
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream })
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data
        if (chunk.eof) break
      }
      await cdp.send('IO.close', { handle: stream })
      const events = (JSON.parse(text) as { traceEvents: TraceEvent[] }).traceEvents
      const main = new Set(
        events
          .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
          .map((e) => `${e.pid}:${e.tid}`),
      )
      return events
        .filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
        .map((e) => (e.dur ?? 0) / 1000)
    },
  }
}
