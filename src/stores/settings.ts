// Settings: load, save, and the study-day options of the moment.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { DEFAULT_SETTINGS, dayOptions, readSettings, type Settings } from '@/core/settings'
import type { DayOptions, OffsetAt } from '@/core/time'
import { onChange } from '@/storage/changes'
import { loadSettings, saveSettings } from '@/storage/settings'

/** This device's local time minus UTC, in minutes, at `atMs` (daylight saving time included). */
const localOffsetAt: OffsetAt = (atMs) => -new Date(atMs).getTimezoneOffset()

export const useSettingsStore = defineStore('settings', () => {
  const settings = shallowRef<Settings>(DEFAULT_SETTINGS)
  const loaded = ref(false)
  let loading: Promise<void> | undefined

  /** Reads the settings again (after a restore). */
  function reload(): Promise<void> {
    loading = undefined
    return load()
  }

  function load(): Promise<void> {
    loading ??= loadSettings().then(
      (s) => {
        settings.value = s
        loaded.value = true
      },
      (error: unknown) => {
        loading = undefined // a later call tries again
        throw error
      },
    )
    return loading
  }

  async function update(patch: Partial<Settings>): Promise<void> {
    const next = readSettings({ ...settings.value, ...patch })
    await saveSettings(next)
    settings.value = next
  }

  /**
   * The study-day options, in this device's time zone. The offset is read at each timestamp, not
   * once at `now`, so day boundaries and past reviews are right across DST switches: the options
   * hold for every instant.
   */
  function day(): DayOptions {
    return dayOptions(settings.value, localOffsetAt)
  }

  onChange((change) => {
    if (change.kind === 'settings' || change.kind === 'all') void reload()
  })

  return { settings, loaded, load, reload, update, day }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
