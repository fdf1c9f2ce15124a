// Settings and small flags, kept in the meta store.
import { readSettings, type Settings } from '@/core/settings'
import { announce } from './changes'
import { db } from './db'
import { queueSync } from './outbox'

const SETTINGS = 'settings'

/** The saved settings; defaults fill anything missing or invalid. */
export async function loadSettings(): Promise<Settings> {
  const row = await (await db()).get('meta', SETTINGS)
  return readSettings(row?.value)
}

export async function saveSettings(settings: Settings): Promise<void> {
  const tx = (await db()).transaction(['meta', 'outbox'], 'readwrite')
  await Promise.all([
    tx.objectStore('meta').put({ key: SETTINGS, value: settings }),
    ...queueSync(tx, 'settings', [SETTINGS]),
    tx.done,
  ])
  announce({ kind: 'settings' })
}
