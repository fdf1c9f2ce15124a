// At app start: resumes sync when the learner turned it on. When sync is off nothing of it loads
// (the sync store, PouchDB and the engine are chunks of their own), so the first load is unchanged.
import { syncIsOn } from '@/storage/outbox'

export async function resumeSyncIfOn(): Promise<void> {
  if (!(await syncIsOn())) return
  const { useSyncStore } = await import('./sync')
  await useSyncStore().resume()
}
