import 'fake-indexeddb/auto'
import { beforeEach } from 'vitest'
import { resetAppDb } from '@/storage/db'

beforeEach(async () => {
  await resetAppDb()
})
