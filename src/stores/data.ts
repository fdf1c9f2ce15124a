// The learner's data as a whole: storage status, backup, restore, reset.
import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { Backup, BackupResult, BackupSummary } from '@/core/backup'
import { requestPersistence, storageStatus, type StorageStatus } from '@/storage/persistence'
import { resetProgress } from '@/storage/progress'
import { useLibraryStore } from './library'
import { useSettingsStore } from './settings'

// Backups validate every deck, card and quiz result: the schema, valibot and ts-fsrs load when a
// backup is made or read, not with the Settings screen.
const backupCore = () => import('@/core/backup')
const backupStorage = () => import('@/storage/backup')

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
    const backup = await (await backupStorage()).exportBackup(nowMs)
    const date = new Date(nowMs).toISOString().slice(0, 10)
    return { name: `intercept-backup-${date}.json`, text: JSON.stringify(backup) }
  }

  /** Validates a backup completely; nothing is written. */
  async function checkBackup(text: string): Promise<BackupResult> {
    const [{ readBackup }, { QuizResultSchema }] = await Promise.all([
      backupCore(),
      import('@/core/quiz/schema'),
    ])
    // quiz results too: otherwise a broken one is restored as it is and breaks its result page
    return readBackup(text, QuizResultSchema)
  }

  async function currentSummary(): Promise<BackupSummary> {
    const [{ summarize }, { exportBackup }] = await Promise.all([backupCore(), backupStorage()])
    return summarize(await exportBackup(Date.now()))
  }

  /** Replaces everything with the backup, then reloads what the screens show. */
  async function restore(backup: Backup): Promise<void> {
    await (await backupStorage()).importBackup(backup)
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
