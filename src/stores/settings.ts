// Settings: load, save, and the study-day options of the moment.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import { DEFAULT_SETTINGS, dayOptions, readSettings, type Settings } from '@/core/settings'
import type { DayOptions } from '@/core/time'
import { onChange } from '@/storage/changes'
import { loadSettings, saveSettings } from '@/storage/settings'

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

  /** The study day as it stands at `nowMs`, in this device's time zone (DST included). */
  function day(nowMs: number): DayOptions {
    return dayOptions(settings.value, -new Date(nowMs).getTimezoneOffset())
  }

  onChange((change) => {
    if (change.kind === 'settings' || change.kind === 'all') void reload()
  })

  return { settings, loaded, load, reload, update, day }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSettingsStore, import.meta.hot))
