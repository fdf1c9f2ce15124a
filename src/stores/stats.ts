// The Stats page's numbers: read the log, progress and quiz results, hand them to core, keep the
// result. Loaded only while the Stats screen is open; the log (up to ~100,000 rows) is read, fed
// through `computeStats` once and dropped, so it never sits in reactive state.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { describeError } from '@/core/errors'
import { computeStats, type Stats } from '@/core/stats'
import { onChange } from '@/storage/changes'
import { listProgress, listReviews } from '@/storage/progress'
import { listQuizResults } from '@/storage/quizResults'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

export const useStatsStore = defineStore('stats', () => {
  const library = useLibraryStore()
  const settings = useSettingsStore()
  const stats = shallowRef<Stats | null>(null)
  /** Reviews in the whole log (the heatmap counts only its year). */
  const reviewCount = ref(0)
  /** The moment `stats` was computed for (epoch ms). */
  const computedAt = ref<number | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)

  let running: Promise<void> | undefined
  let again = false
  let openScreens = 0

  async function compute(nowMs: number): Promise<void> {
    await Promise.all([library.load(), settings.load()])
    const [log, rows, quizzes] = await Promise.all([
      listReviews(),
      listProgress(),
      listQuizResults(),
    ])
    stats.value = computeStats({
      log,
      rows: new Map(rows.map((r) => [r.id, r])),
      items: library.allItems,
      quizzes,
      nowMs,
      day: settings.day(),
      desiredRetention: settings.settings.retention,
    })
    reviewCount.value = log.length
    computedAt.value = nowMs
  }

  /**
   * Reads storage and recomputes. A call while a load runs waits for it and then loads once more,
   * so the result never predates the call.
   */
  function load(nowMs?: number): Promise<void> {
    if (running) {
      again = true
      return running
    }
    loading.value = true
    running = (async () => {
      try {
        do {
          again = false
          await compute(nowMs ?? Date.now())
          error.value = null
        } while (again)
      } catch (e) {
        console.error(e)
        error.value = describeError(e)
      } finally {
        loading.value = false
        running = undefined
      }
    })()
    return running
  }

  let unsubscribe: (() => void) | undefined

  /**
   * The Stats screen opened: load (this tab may have studied since) and, while it stays open,
   * load again whenever another tab answers, takes a quiz, restores a backup or changes settings.
   */
  function open(nowMs?: number): Promise<void> {
    if (openScreens++ === 0) unsubscribe = onChange(() => void load())
    return load(nowMs)
  }

  /** The Stats screen closed: stop following other tabs (the next `open` reloads anyway). */
  function close(): void {
    if (openScreens === 0) return
    if (--openScreens === 0) {
      unsubscribe?.()
      unsubscribe = undefined
    }
  }

  return { stats, reviewCount, computedAt, loading, error, load, open, close }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useStatsStore, import.meta.hot))
