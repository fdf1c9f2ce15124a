// Installed decks and progress: the state every screen reads. Loads once, follows other tabs.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef } from 'vue'
import type { Card } from '@/core/deck'
import { describeError, isNetworkFailure } from '@/core/errors'
import { itemsOfDeck, type StudyItem } from '@/core/items'
import {
  countItems,
  todayCounts,
  todayPlan,
  type DeckCounts,
  type TodayCounts,
} from '@/core/progress'
import type { ProgressRow, StoredDeck } from '@/core/records'
import { syncShippedDecks } from '@/storage/bundledDecks'
import { onChange } from '@/storage/changes'
import { onDatabaseOutdated } from '@/storage/db'
import { listDecks } from '@/storage/decks'
import { getPicture } from '@/storage/pictures'
import { listProgress, reviewsSince } from '@/storage/progress'
import { openSessions } from '@/storage/quizSessions'
import { startOfStudyDay, studyDay } from '@/core/time'
import { useSettingsStore } from './settings'

export const useLibraryStore = defineStore('library', () => {
  const settingsStore = useSettingsStore()
  const decks = shallowRef<StoredDeck[]>([])
  // One Map mutated in place (then triggered): copying 10,000 rows per answer would be waste.
  const progress = shallowRef(new Map<string, ProgressRow>())
  const ready = ref(false)
  const error = ref<string | null>(null)
  /** Storage could not be read at all (private mode limits, a broken database): nothing shows. */
  const loadError = ref<string | null>(null)
  /** A newer version of the app took over the database in another tab: this one cannot save. */
  const outdated = ref(false)
  /** The moment counts are computed for; refreshed on load and after each answer. */
  const now = ref(Date.now())
  let loading: Promise<void> | undefined

  const itemsByDeck = computed(() => new Map(decks.value.map((d) => [d.id, itemsOfDeck(d.deck)])))
  const allItems = computed<StudyItem[]>(() => [...itemsByDeck.value.values()].flat())
  /** Every installed item by id: an item missing here has left its deck (or its deck is gone). */
  const itemById = computed(() => new Map(allItems.value.map((i) => [i.id, i])))
  /** Every installed card by `deckId/cardId`. */
  const cardByKey = computed(
    () =>
      new Map(decks.value.flatMap((d) => d.deck.cards.map((c) => [`${d.id}/${c.id}`, c] as const))),
  )

  /** The card an item asks, as installed now; undefined once the card or its deck is gone. */
  function cardOf(item: Pick<StudyItem, 'deckId' | 'cardId'>): Card | undefined {
    return cardByKey.value.get(`${item.deckId}/${item.cardId}`)
  }

  const counts = computed(() => {
    const day = settingsStore.day()
    const out = new Map<string, DeckCounts>()
    for (const [id, items] of itemsByDeck.value)
      out.set(id, countItems(items, progress.value, now.value, day))
    return out
  })

  const totals = computed(() =>
    countItems(allItems.value, progress.value, now.value, settingsStore.day()),
  )
  const today = shallowRef<TodayCounts>({ newToday: 0, reviewsToday: 0, factsToday: new Set() })
  /** What is left for today, within the daily limits. */
  const plan = computed(() => todayPlan(totals.value, today.value, settingsStore.settings))

  async function refreshToday(): Promise<void> {
    const nowMs = Date.now()
    const day = settingsStore.day()
    const log = await reviewsSince(startOfStudyDay(studyDay(nowMs, day), day))
    today.value = todayCounts(log, (id) => itemById.value.get(id)?.fact)
  }

  function show(storedDecks: StoredDeck[], rows: ProgressRow[]) {
    decks.value = storedDecks.sort((a, b) =>
      a.origin === b.origin
        ? a.deck.title.localeCompare(b.deck.title)
        : a.origin === 'shipped'
          ? -1
          : 1,
    )
    progress.value = new Map(rows.map((r) => [r.id, r]))
    now.value = Date.now()
  }

  /** Reads decks, progress and today's counts again (after another tab's change, a restore, a reset). */
  async function reload(): Promise<void> {
    const [storedDecks, rows] = await Promise.all([listDecks(), listProgress()])
    show(storedDecks, rows)
    await refreshToday()
  }

  /** Loads settings, installs or upgrades the shipped decks, then reads decks and progress. */
  function load(): Promise<void> {
    loading ??= (async () => {
      let storedDecks: StoredDeck[]
      let rows: ProgressRow[]
      try {
        ;[storedDecks, rows] = await Promise.all([
          listDecks(),
          listProgress(),
          settingsStore.load(),
        ])
        loadError.value = null
      } catch (e) {
        // Forget the failed attempt so that "Try again" really tries again.
        loading = undefined
        console.error(e)
        loadError.value = describeError(e)
        return
      }
      let changed: string[] = []
      try {
        changed = await syncShippedDecks(Date.now(), undefined, storedDecks)
      } catch (e) {
        // Offline on a first visit before the decks were cached: show what is installed.
        if (!isNetworkFailure(e)) console.error(e)
        error.value = describeError(e)
      }
      if (changed.length) await reload()
      else {
        show(storedDecks, rows)
        // today's counts before `ready`: the Library's plan must not show a fresh day for a moment
        await refreshToday()
      }
      ready.value = true
    })()
    return loading
  }

  /** Records rows written by this tab (an answer, an undo) without re-reading storage. */
  function applyRows(rows: readonly ProgressRow[], removed: readonly string[] = []): void {
    for (const row of rows) progress.value.set(row.id, row)
    for (const id of removed) progress.value.delete(id)
    now.value = Date.now()
    triggerRef(progress)
  }

  /**
   * Hands in every quiz whose time ran out while the app was closed or asleep. The quiz store is
   * loaded only when a quiz is in progress, which keeps it out of the first load.
   */
  async function handInExpiredQuizzes(nowMs = Date.now()): Promise<void> {
    if (!(await openSessions()).length) return
    const { useQuizStore } = await import('./quiz')
    await useQuizStore().handInExpired(nowMs)
  }

  function deckById(id: string): StoredDeck | undefined {
    return decks.value.find((d) => d.id === id)
  }

  onDatabaseOutdated(() => {
    outdated.value = true
  })

  /** A picture's bytes, for the screens that show cards. */
  const loadPicture = getPicture

  onChange((change) => {
    if (change.kind !== 'settings' && ready.value) void reload()
  })

  return {
    decks,
    progress,
    ready,
    loadPicture,
    error,
    loadError,
    outdated,
    now,
    itemsByDeck,
    allItems,
    itemById,
    cardOf,
    counts,
    totals,
    today,
    plan,
    load,
    reload,
    refreshToday,
    applyRows,
    handInExpiredQuizzes,
    deckById,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLibraryStore, import.meta.hot))
