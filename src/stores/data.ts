// The learner's data as a whole: storage status, backup, restore, reset.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import {
  readBackup,
  summarize,
  type Backup,
  type BackupResult,
  type BackupSummary,
} from '@/core/backup'
import { QuizResultSchema } from '@/core/quiz/schema'
import { exportBackup, importBackup } from '@/storage/backup'
import { requestPersistence, storageStatus, type StorageStatus } from '@/storage/persistence'
import { resetProgress } from '@/storage/progress'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

export const useDataStore = defineStore('data', () => {
  const library = useLibraryStore()
  const settings = useSettingsStore()
  const status = shallowRef<StorageStatus | null>(null)

  async function refreshStatus(): Promise<void> {
    status.value = await storageStatus()
  }

  async function persist(): Promise<void> {
    await requestPersistence()
    await refreshStatus()
  }

  /** The backup file's name and text. */
  async function backupFile(nowMs = Date.now()): Promise<{ name: string; text: string }> {
    const backup = await exportBackup(nowMs)
    const date = new Date(nowMs).toISOString().slice(0, 10)
    return { name: `intercept-backup-${date}.json`, text: JSON.stringify(backup) }
  }

  /** Validates a backup completely; nothing is written. */
  function checkBackup(text: string): BackupResult {
    // quiz results too: otherwise a broken one is restored as it is and breaks its result page
    return readBackup(text, QuizResultSchema)
  }

  async function currentSummary(): Promise<BackupSummary> {
    return summarize(await exportBackup(Date.now()))
  }

  /** Replaces everything with the backup, then reloads what the screens show. */
  async function restore(backup: Backup): Promise<void> {
    await importBackup(backup)
    await Promise.all([library.reload(), reloadSettings()])
  }

  async function resetAll(): Promise<void> {
    await resetProgress()
    await library.reload()
  }

  async function reloadSettings() {
    await settings.reload()
  }

  return {
    status,
    refreshStatus,
    persist,
    backupFile,
    checkBackup,
    currentSummary,
    restore,
    resetAll,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useDataStore, import.meta.hot))
