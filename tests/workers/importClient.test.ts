// The page's side of the import worker: jobs go out as messages, phases and output come back by
// job id, and a worker that fails hands its jobs back to the page. The "worker" here runs the
// real import job in this process behind the same message protocol; the built app's real
// worker is exercised in tests/e2e/import.e2e.ts.
import { describe, expect, it, vi } from 'vitest'
import { describeError, errorParts } from '@/core/errors'
import { runImportJob, type ImportPhase, type ImportRequest } from '@/core/importers/job'
import { createImportClient } from '@/workers/importClient'
import type { ImportJobMessage, ImportWorkerReply } from '@/workers/import.worker'

const TSV = 'front one\tback one\nfront two\tback two\n'

/** A stand-in worker that answers the import protocol (or misbehaves, as told). */
class FakeWorker extends EventTarget {
  readonly jobs: ImportJobMessage[] = []
  terminated = false
  constructor(private readonly behaviour: 'work' | 'fail-job' | 'crash' | 'hold' = 'work') {
    super()
  }
  reply(data: ImportWorkerReply): void {
    this.dispatchEvent(new MessageEvent('message', { data }))
  }
  postMessage(message: ImportJobMessage): void {
    this.jobs.push(message)
    const { id, request } = message
    queueMicrotask(() => {
      if (this.behaviour === 'hold') return
      if (this.behaviour === 'crash') {
        this.dispatchEvent(new Event('error', { cancelable: true }))
        return
      }
      if (this.behaviour === 'fail-job') {
        this.reply({ id, type: 'error', ...errorParts(new RangeError('out of memory')) })
        return
      }
      void runImportJob(request, (phase) => this.reply({ id, type: 'phase', phase })).then(
        (output) => this.reply({ id, type: 'done', output }),
      )
    })
  }
  terminate(): void {
    this.terminated = true
  }
}

const asWorker = (w: FakeWorker) => w as unknown as Worker
const request = (text = TSV): ImportRequest => ({ text, title: 'Pairs' })

function cardsOf(output: Awaited<ReturnType<ReturnType<typeof createImportClient>['run']>>) {
  return output.result.ok ? output.result.deck.cards.length : -1
}

describe('the import client', () => {
  it('sends the job to the worker and passes its phases on, then its output', async () => {
    const worker = new FakeWorker()
    const client = createImportClient(() => asWorker(worker))
    const phases: ImportPhase['phase'][] = []
    const output = await client.run(request(), (p) => phases.push(p.phase))
    expect(worker.jobs).toHaveLength(1)
    expect(worker.jobs[0]!.request.text).toBe(TSV)
    expect(cardsOf(output)).toBe(2)
    expect(phases).toContain('ready')
  })

  it('starts one worker for many jobs, and only when first needed or prepared', async () => {
    const start = vi.fn(() => asWorker(new FakeWorker()))
    const client = createImportClient(start)
    expect(start).not.toHaveBeenCalled()
    client.prepare()
    expect(start).toHaveBeenCalledTimes(1)
    await client.run(request(), () => undefined)
    await client.run(request(), () => undefined)
    expect(start).toHaveBeenCalledTimes(1)
  })

  it('keeps overlapping jobs apart by their id', async () => {
    const worker = new FakeWorker('hold')
    const client = createImportClient(() => asWorker(worker))
    const firstPhases: string[] = []
    const first = client.run(request('a\tb\n'), (p) => firstPhases.push(p.phase))
    const second = client.run(request('c\td\ne\tf\n'), () => undefined)
    const [a, b] = worker.jobs
    expect(a!.id).not.toBe(b!.id)
    // the second job's reply comes first, and reaches only the second caller
    worker.reply({ id: b!.id, type: 'phase', phase: { phase: 'checking', cards: 2 } })
    const secondOutput = await runImportJob(b!.request, () => undefined)
    worker.reply({ id: b!.id, type: 'done', output: secondOutput })
    expect(cardsOf(await second)).toBe(2)
    expect(firstPhases).toEqual([])
    worker.reply({
      id: a!.id,
      type: 'done',
      output: await runImportJob(a!.request, () => undefined),
    })
    expect(cardsOf(await first)).toBe(1)
  })

  it('reads on the page when the worker reports a failure', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const worker = new FakeWorker('fail-job')
    const client = createImportClient(() => asWorker(worker))
    const output = await client.run(request(), () => undefined)
    expect(cardsOf(output)).toBe(2)
    expect(warn).toHaveBeenCalledWith(expect.any(String), 'RangeError: out of memory')
    warn.mockRestore()
  })

  it('gives up a worker that cannot run, for this job and the next', async () => {
    const worker = new FakeWorker('crash')
    const start = vi.fn(() => asWorker(worker))
    const client = createImportClient(start)
    expect(cardsOf(await client.run(request(), () => undefined))).toBe(2)
    expect(worker.terminated).toBe(true)
    expect(cardsOf(await client.run(request(), () => undefined))).toBe(2)
    expect(worker.jobs).toHaveLength(1)
    expect(start).toHaveBeenCalledTimes(1)
  })

  it('reads on the page, phase by phase, where there is no worker', async () => {
    const client = createImportClient(() => null)
    const phases: string[] = []
    const output = await client.run(request(), (p) => phases.push(p.phase))
    expect(cardsOf(output)).toBe(2)
    expect(phases[0]).toBe('reading')
    expect(phases.at(-1)).toBe('ready')
  })

  it("describes an unexpected error as the job's result instead of rejecting", async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const client = createImportClient(() => null)
    // a reader's bug: text that is not text throws a TypeError deep inside
    const output = await client.run({ text: null as unknown as string }, () => undefined)
    expect(output.result.ok).toBe(false)
    const messages = output.result.ok ? [] : output.result.issues.map((i) => i.message)
    expect(messages).toEqual([`It could not be read: ${describeError(new TypeError('x'))}.`])
    expect(error).toHaveBeenCalledWith('The import failed:', expect.any(TypeError))
    error.mockRestore()
  })
})
