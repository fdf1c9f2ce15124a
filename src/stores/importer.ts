// Imports: text, files and links are read through core (in the import worker, see
// workers/importClient), shown as a plan against what is installed, and installed only on
// confirm, in one transaction.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Deck } from '@/core/deck'
import { findDeckLink } from '@/core/deckLink'
import { planImport, type ImportPlan } from '@/core/deckDiff'
import { describeError } from '@/core/errors'
import type { ImportIssue } from '@/core/importers'
import { installDeck, listDecks, type InstallSummary } from '@/storage/decks'
import type { ImportOutput, ImportPhase, ImportRequest } from '@/core/importers/job'
import { schedulerSettings } from '@/core/settings'
import { createImportClient, type ImportClient } from '@/workers/importClient'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

/** Where an import stands: nothing yet, reading, a plan to confirm, refused, installing, installed. */
export type ImportStatus = 'idle' | 'working' | 'ready' | 'failed' | 'installing' | 'done'

/** The text options of an import: everything in `ImportRequest` but the text. */
export type ImportTextOptions = Omit<ImportRequest, 'text'>

/** What a share target (another app's "Share" menu) hands over. */
export interface SharedInput {
  title?: string
  text?: string
  url?: string
}

const nextFrame = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

export const useImporterStore = defineStore('importer', () => {
  const library = useLibraryStore()
  const status = ref<ImportStatus>('idle')
  const phase = shallowRef<ImportPhase | null>(null)
  /** The last text request, so corrections (format, separators) can re-run it. */
  const request = shallowRef<ImportRequest | null>(null)
  /** How the text was read (formats and separators), for text imports. */
  const output = shallowRef<ImportOutput | null>(null)
  const kind = ref<'text' | 'link' | null>(null)
  /** The deck as read, before planning (a copy gets a new id in `plan`, never here). */
  const incoming = shallowRef<Deck | null>(null)
  const plan = shallowRef<ImportPlan | null>(null)
  const issues = shallowRef<ImportIssue[]>([])
  const warnings = shallowRef<ImportIssue[]>([])
  const asCopy = ref(false)
  /** Keep the review history an Anki package carries ("Keep my Anki progress"). */
  const keepProgress = ref(true)
  const settingsStore = useSettingsStore()
  const summary = shallowRef<InstallSummary | null>(null)
  /** The id of the deck installed by the last confirm. */
  const installedId = ref<string | null>(null)
  let job = 0
  let client: ImportClient | undefined

  const busy = computed(() => status.value === 'working' || status.value === 'installing')
  // Deck files and links carry their deck's id; text imports make one up from a title, which
  // another deck may share (see planImport)
  const stableId = () =>
    kind.value === 'link' ||
    output.value?.format === 'deck-json' ||
    output.value?.format === 'deck-zip' ||
    output.value?.format === 'apkg'
  const planFor = async (deck: Deck) =>
    planImport(deck, await listDecks(), asCopy.value, { stableId: stableId() })

  /** Runs the job (in the import worker where there is one); phases of a stale job are dropped. */
  function run(id: number, req: ImportRequest): Promise<ImportOutput> {
    client ??= createImportClient()
    return client.run(req, (p: ImportPhase) => {
      // `start` already says "reading"
      if (id === job && !(p.phase === 'reading' && phase.value?.phase === 'reading'))
        phase.value = p
    })
  }

  async function finish(id: number, result: ImportOutput['result']): Promise<void> {
    if (!result.ok) {
      if (id !== job) return
      incoming.value = null
      plan.value = null
      issues.value = result.issues
      warnings.value = []
      status.value = 'failed'
      return
    }
    const planned = await planFor(result.deck)
    if (id !== job) return
    incoming.value = result.deck
    plan.value = planned
    issues.value = []
    warnings.value = result.warnings
    status.value = 'ready'
  }

  function start(): number {
    job++
    status.value = 'working'
    phase.value = { phase: 'reading' }
    incoming.value = null
    plan.value = null
    issues.value = []
    warnings.value = []
    summary.value = null
    installedId.value = null
    return job
  }

  /**
   * Reads pasted or dropped text (a deck file, Anki or Quizlet text) and plans its import.
   * Nothing is stored until `confirm`.
   */
  async function readText(text: string, options: ImportTextOptions = {}): Promise<void> {
    const id = start()
    kind.value = 'text'
    asCopy.value = false
    request.value = { ...options, text }
    const out = await run(id, request.value)
    if (id !== job) return
    output.value = out
    await finish(id, out.result)
  }

  /** Reads a file's bytes (an Anki package) and plans its import. Nothing is stored until `confirm`. */
  async function readBytes(bytes: Uint8Array, options: ImportTextOptions = {}): Promise<void> {
    const id = start()
    kind.value = 'text'
    asCopy.value = false
    request.value = {
      ...options,
      text: '',
      bytes,
      // plain data for the worker (the settings are reactive)
      scheduler: JSON.parse(
        JSON.stringify(schedulerSettings(settingsStore.settings)),
      ) as ReturnType<typeof schedulerSettings>,
    }
    const out = await run(id, request.value)
    if (id !== job) return
    output.value = out
    await finish(id, out.result)
  }

  /** Reads the same text again with the user's corrections (format, separators, HTML). */
  async function correct(patch: Partial<ImportTextOptions>): Promise<void> {
    if (!request.value) return
    const id = start()
    request.value = { ...request.value, ...patch }
    const out = await run(id, request.value)
    if (id !== job) return
    output.value = out
    await finish(id, out.result)
  }

  /** Reads a deck link (the whole URL, its `#d=…` fragment or the bare payload). */
  async function readLink(link: string): Promise<void> {
    const id = start()
    kind.value = 'link'
    asCopy.value = false
    request.value = null
    output.value = null
    // the link reader (fflate, the deck schema) loads with the first link
    const [{ decodeDeckLink }] = await Promise.all([import('@/core/share'), nextFrame()])
    if (id !== job) return
    const decoded = decodeDeckLink(link)
    phase.value = { phase: 'ready', cards: decoded.ok ? decoded.value.cards.length : 0 }
    await finish(
      id,
      decoded.ok
        ? { ok: true, deck: decoded.value, warnings: [] }
        : {
            ok: false,
            issues: decoded.issues.map((i) => ({
              ...(i.field ? { field: i.field } : {}),
              message: i.message,
            })),
          },
    )
  }

  /**
   * What another app shared: a deck link in `url` or `text` is opened as a link; otherwise the
   * text is read as an import, titled by `title`.
   */
  async function readShared(input: SharedInput): Promise<void> {
    const link = findDeckLink(input.url) ?? findDeckLink(input.text)
    if (link) return readLink(link)
    const text = input.text?.trim() ? input.text : input.url
    if (text?.trim()) return readText(text, input.title ? { title: input.title } : {})
  }

  /** Imports as a separate deck instead of updating the installed one with the same id. */
  async function setAsCopy(value: boolean): Promise<void> {
    asCopy.value = value
    const deck = incoming.value
    if (!deck || status.value !== 'ready') return
    plan.value = await planFor(deck)
  }

  /**
   * Installs the planned deck in one transaction (all of it or, on any failure, nothing), then
   * reloads the library. Returns false when there was nothing to confirm or the install failed.
   */
  async function confirm(nowMs = Date.now()): Promise<boolean> {
    const deck = incoming.value
    if (status.value !== 'ready' || !deck || !plan.value) return false
    status.value = 'installing'
    try {
      // plan again against what is installed now: another tab may have added a deck since
      const fresh = await planFor(deck)
      const history =
        keepProgress.value && output.value?.history?.length
          ? {
              reviews: output.value.history,
              // the scheduler (ts-fsrs) loads only for an import that keeps its history
              scheduler: (await import('@/core/scheduler')).createScheduler(
                schedulerSettings(settingsStore.settings),
              ),
              ...(output.value.replayed ? { replayed: output.value.replayed } : {}),
            }
          : undefined
      summary.value = await installDeck(
        fresh.deck,
        'user',
        nowMs,
        [],
        history,
        output.value?.pictures ?? [],
      )
      plan.value = fresh
      installedId.value = fresh.deck.id
    } catch (error) {
      console.error(error)
      issues.value = [{ message: `nothing was imported: ${describeError(error)}` }]
      status.value = 'ready'
      return false
    }
    status.value = 'done'
    await library.reload()
    return true
  }

  /** Starts the import worker ahead of the first import, so its start-up is not on the clock. */
  function prepare(): void {
    client ??= createImportClient()
    client.prepare()
  }

  /** Forgets the current import (cancel). */
  function reset(): void {
    job++
    status.value = 'idle'
    phase.value = null
    request.value = null
    output.value = null
    kind.value = null
    incoming.value = null
    plan.value = null
    issues.value = []
    warnings.value = []
    summary.value = null
    installedId.value = null
    asCopy.value = false
  }

  return {
    status,
    phase,
    request,
    output,
    kind,
    incoming,
    plan,
    issues,
    warnings,
    asCopy,
    keepProgress,
    summary,
    installedId,
    busy,
    readText,
    readBytes,
    correct,
    readLink,
    readShared,
    setAsCopy,
    confirm,
    prepare,
    reset,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useImporterStore, import.meta.hot))
