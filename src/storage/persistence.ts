// Whether the browser may evict our data, and how much space it uses. Safari evicts the data
// of sites not used for 7 days unless storage is persisted (or the app is installed).

export interface StorageStatus {
  /** True when the browser promised to keep the data; undefined where it cannot tell. */
  persisted: boolean | undefined
  usageBytes: number | undefined
  quotaBytes: number | undefined
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  const [persisted, estimate] = await Promise.all([
    storage?.persisted?.().catch(() => undefined),
    storage?.estimate?.().catch(() => undefined),
  ])
  return { persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota }
}

/** Asks the browser to keep our data; resolves to whether it agreed. */
export async function requestPersistence(): Promise<boolean | undefined> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage
  if (!storage?.persist) return undefined
  if (await storage.persisted?.()) return true
  return storage.persist().catch(() => false)
}
