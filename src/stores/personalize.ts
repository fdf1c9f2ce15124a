// Personal scheduling: the learner's history as the optimizer reads it, a measured fit in the
// worker (cancellable), adopting or reverting parameters with every card rescheduled, the
// retention helper's simulation, and revlog.csv export/import. Loaded only with its screen.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  FIT_PHASES,
  learnerHabits,
  personalFit,
  readiness,
  simulationCollection,
  suggestRefit,
  verdict,
  type FitOutcome,
  type FitStatus,
} from '@/core/personalize'
import { describeError } from '@/core/errors'
import { rescheduleAll } from '@/core/replay'
import { plural, agree } from '@/core/plural'
import {
  cardHistories,
  minuteOffset,
  newEntries,
  parseRevlog,
  revlogFromReviews,
  serializeRevlog,
  usableReviews,
  type RevlogEntry,
} from '@/core/revlog'
import { createScheduler } from '@/core/scheduler'
import { schedulerSettings } from '@/core/settings'
import {
  RETENTION_CHOICES,
  simulationSteps,
  type SimulationInput,
  type SimulationResult,
} from '@/core/simulate'
import { createRng } from '@/core/random'
import {
  loadFsrsRecord,
  saveImportedRevlog,
  switchParameters,
  type FsrsRecord,
} from '@/storage/fsrs'
import { listProgress, listReviews } from '@/storage/progress'
import type { FitReply, FitRequest } from '@/workers/fsrs.worker'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

/** Days the retention helper looks ahead. */
export const SIMULATION_DAYS = 180

/** The learner's offset from UTC, in minutes, now (the day boundary of fitting). */
const utcOffsetNow = () => -new Date().getTimezoneOffset()

/** Runs a simulation a few days at a time, giving the page back every 8 ms so it stays responsive. */
async function stepped(input: SimulationInput): Promise<SimulationResult> {
  const steps = simulationSteps(input)
  for (;;) {
    const until = performance.now() + 8
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
      if (performance.now() > until) break
    }
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

/**
 * A failure in words; offline, the likely cause is the optimizer never having been downloaded.
 * The worker's own message is for the console: it names the optimizer's internals.
 */
function failure(cause: unknown): string {
  console.error('Fitting failed:', cause)
  return typeof navigator !== 'undefined' && !navigator.onLine
    ? 'The optimizer downloads the first time it is used: connect to the internet once, then try again.'
    : `The optimizer stopped: ${describeError(cause)}.`
}

export const usePersonalizeStore = defineStore('personalize', () => {
  const settingsStore = useSettingsStore()
  const library = useLibraryStore()

  const own = shallowRef<RevlogEntry[]>([])
  const record = shallowRef<FsrsRecord>({ previous: undefined, imported: [] })
  const usable = ref(0)
  const loaded = ref(false)
  const status = shallowRef<FitStatus>({ kind: 'idle' })
  const notice = ref('')
  const simulation = shallowRef<SimulationResult[]>([])
  const simulating = ref(false)

  const ready = computed(() => readiness(usable.value))
  const weights = computed(() => settingsStore.settings.fsrsWeights)
  const canRestorePrevious = computed(
    () =>
      record.value.previous !== undefined &&
      JSON.stringify(record.value.previous) !== JSON.stringify(weights.value),
  )
  const refitSuggested = computed(
    () => !!weights.value && suggestRefit(record.value.lastFit, usable.value, Date.now()),
  )
  /** The share of the fit done, 0–1, from the phase reached. */
  const progress = computed(() => {
    const s = status.value
    if (s.kind !== 'running') return s.kind === 'done' ? 1 : 0
    return s.phase === 'loading' ? 0 : FIT_PHASES[s.phase].done
  })

  const offset = () => minuteOffset(utcOffsetNow(), settingsStore.settings.dayStartHour)
  const entries = () => [...own.value, ...newEntries(own.value, record.value.imported)]

  /** Reads the log and what is remembered about fitting; counts the usable reviews. */
  async function load(): Promise<void> {
    await settingsStore.load()
    const [reviews, stored] = await Promise.all([listReviews(), loadFsrsRecord()])
    own.value = revlogFromReviews(reviews)
    record.value = stored
    usable.value = usableReviews(cardHistories(entries(), offset())).length
    loaded.value = true
  }

  let worker: Worker | null = null
  let job = 0

  /** Fits in the worker (where there is none, as in unit tests, `fitHere` runs on this thread). */
  function fit(fitHere?: Parameters<typeof personalFit>[3]): Promise<void> {
    const id = ++job
    notice.value = ''
    status.value = { kind: 'running', phase: 'loading', startedAt: Date.now() }
    const request: FitRequest = {
      id,
      entries: entries(),
      offsetMinutes: offset(),
      current: weights.value ? [...weights.value] : null,
    }
    const finish = (outcome: FitOutcome) => {
      if (id !== job) return
      status.value = outcome.ok
        ? { kind: 'done', report: outcome.report, verdict: verdict(outcome.report) }
        : { kind: 'refused', message: outcome.message }
    }
    if (fitHere) {
      finish(personalFit(request.entries, request.offsetMinutes, request.current, fitHere))
      return Promise.resolve()
    }
    worker ??= new Worker(new URL('../workers/fsrs.worker.ts', import.meta.url), { type: 'module' })
    const w = worker
    return new Promise((resolve) => {
      const stop = () => {
        w.removeEventListener('message', onMessage)
        w.removeEventListener('error', onError)
        resolve()
      }
      const onMessage = (event: MessageEvent<FitReply>) => {
        const reply = event.data
        if (reply.id !== id || id !== job) return
        if (reply.type === 'phase') {
          const s = status.value
          if (s.kind === 'running') status.value = { ...s, phase: reply.phase }
          return
        }
        if (reply.type === 'done') finish(reply.outcome)
        else status.value = { kind: 'failed', message: failure(reply) }
        stop()
      }
      const onError = (event: ErrorEvent) => {
        if (id === job)
          status.value = {
            kind: 'failed',
            message: failure(`the optimizer could not start (${event.message || 'worker error'})`),
          }
        worker?.terminate()
        worker = null
        stop()
      }
      w.addEventListener('message', onMessage)
      w.addEventListener('error', onError)
      w.postMessage(request)
    })
  }

  /** Stops a running fit at once (the worker is ended; nothing was changed). */
  function cancel(): void {
    if (status.value.kind !== 'running') return
    job++
    worker?.terminate()
    worker = null
    status.value = { kind: 'idle' }
    notice.value = 'Fitting cancelled. Nothing was changed.'
  }

  async function apply(next: number[] | null, lastFit?: { fittedAt: number; usable: number }) {
    const nowMs = Date.now()
    const outcome = await switchParameters(next, lastFit, (rows, log, settings) =>
      rescheduleAll(rows, log, createScheduler(schedulerSettings(settings)), nowMs),
    )
    await Promise.all([settingsStore.reload(), library.reload(), load()])
    const moved = (n: number) => plural(n, 'card')
    return `${moved(outcome.earlier)} now ${agree(outcome.earlier, 'comes', 'come')} back earlier and ${moved(outcome.later)} later; ${moved(outcome.unchanged)} ${agree(outcome.unchanged, 'keeps', 'keep')} ${agree(outcome.unchanged, 'its', 'their')} date.`
  }

  /** Adopts the fitted parameters (only a fit that beat the ones in use) and reschedules. */
  async function adopt(): Promise<void> {
    const s = status.value
    if (s.kind !== 'done' || !s.verdict.better) return
    const moves = await apply(s.report.weights, { fittedAt: Date.now(), usable: s.report.usable })
    status.value = { kind: 'idle' }
    notice.value = `Your own parameters are in use. ${moves}`
  }

  async function useDefaults(): Promise<void> {
    const moves = await apply(null)
    notice.value = `Back to FSRS's default parameters. ${moves}`
  }

  async function restorePrevious(): Promise<void> {
    const previous = record.value.previous
    if (previous === undefined) return
    const moves = await apply(previous)
    notice.value = `${previous ? 'Your previous parameters are' : "FSRS's default parameters are"} back in use. ${moves}`
  }

  /** The log as revlog.csv: this device's reviews and any imported ones. */
  function revlogText(): string {
    return serializeRevlog(entries().sort((a, b) => a.reviewTime - b.reviewTime))
  }

  /** Adds reviews from another tool's revlog.csv to what the optimizer learns from. */
  async function importRevlog(
    text: string,
  ): Promise<{ ok: true; message: string } | { ok: false; errors: string[] }> {
    const parsed = parseRevlog(text)
    if (!parsed.ok) return parsed
    const fresh = newEntries([...own.value, ...record.value.imported], parsed.entries)
    await saveImportedRevlog([...record.value.imported, ...fresh])
    await load()
    const skipped = parsed.entries.length - fresh.length
    return {
      ok: true,
      message:
        `Added ${plural(fresh.length, 'review')} to the history fitting learns from` +
        (skipped ? ` (${skipped.toLocaleString()} were already there)` : '') +
        '. Your cards’ schedules are unchanged.',
    }
  }

  async function forgetImported(): Promise<void> {
    await saveImportedRevlog([])
    await load()
    notice.value = 'The imported history was removed.'
  }

  /**
   * The retention helper: the coming months simulated for each desired retention, over the
   * learner's collection, limits, parameters, answer times and rating habits. One retention at
   * a time, with the page given back between them.
   */
  async function runSimulation(): Promise<void> {
    if (simulating.value) return
    simulating.value = true
    try {
      await library.load()
      const [rows, reviews] = await Promise.all([listProgress(), listReviews()])
      const nowMs = Date.now()
      const s = settingsStore.settings
      const collection = simulationCollection(rows, library.allItems.length, nowMs)
      const habits = learnerHabits(reviews)
      const out: SimulationResult[] = []
      for (const retention of RETENTION_CHOICES) {
        out.push(
          await stepped({
            ...(s.fsrsWeights ? { weights: s.fsrsWeights } : {}),
            retention,
            days: SIMULATION_DAYS,
            newPerDay: s.newPerDay,
            reviewsPerDay: s.reviewsPerDay,
            maximumIntervalDays: s.maximumIntervalDays,
            ...collection,
            ...habits,
            rng: createRng(`retention-helper:${nowMs - (nowMs % 86_400_000)}`),
          }),
        )
      }
      simulation.value = out
    } finally {
      simulating.value = false
    }
  }

  async function chooseRetention(retention: number): Promise<void> {
    await settingsStore.update({ retention })
    notice.value = `Desired retention set to ${Math.round(retention * 100)}%.`
  }

  return {
    usable,
    loaded,
    ready,
    status,
    progress,
    notice,
    weights,
    record,
    canRestorePrevious,
    refitSuggested,
    simulation,
    simulating,
    load,
    fit,
    cancel,
    adopt,
    useDefaults,
    restorePrevious,
    revlogText,
    importRevlog,
    forgetImported,
    runSimulation,
    chooseRetention,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePersonalizeStore, import.meta.hot))
