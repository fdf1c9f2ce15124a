// Large installs issue their writes in slices that let the page paint, yet stay one transaction.
import { describe, expect, it } from 'vitest'
import type { ProgressRow } from '@/core/records'
import { db, writeInSlices } from '@/storage/db'
import { listProgress } from '@/storage/progress'

const row = (i: number): ProgressRow =>
  ({ id: `d/c${i}`, deckId: 'd', cardId: `c${i}` }) as unknown as ProgressRow

async function write(values: unknown[], sliceMs: number): Promise<void> {
  const tx = (await db()).transaction(['progress'], 'readwrite')
  const store = tx.objectStore('progress')
  await writeInSlices(
    tx,
    values.map((v) => () => store.put(v as ProgressRow)),
    sliceMs,
  )
}

describe('writeInSlices', () => {
  it('commits every write when it waits between slices', async () => {
    await write(
      Array.from({ length: 50 }, (_, i) => row(i)),
      0,
    )
    expect((await listProgress()).map((r) => r.id).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `d/c${i}`).sort(),
    )
  })

  it('writes nothing when a later slice holds a value IndexedDB cannot store', async () => {
    const values: unknown[] = Array.from({ length: 20 }, (_, i) => row(i))
    values.push({ ...row(20), clone: () => 'a function cannot be cloned' })
    await expect(write(values, 0)).rejects.toThrow()
    expect(await listProgress()).toEqual([])
  })

  it('writes nothing when a request fails after earlier slices succeeded', async () => {
    const tx = (await db()).transaction(['progress'], 'readwrite')
    const store = tx.objectStore('progress')
    const writes = Array.from({ length: 20 }, (_, i) => () => store.add(row(i)))
    writes.push(() => store.add(row(3))) // the key is taken: the request fails when it runs
    await expect(writeInSlices(tx, writes, 0)).rejects.toThrow()
    expect(await listProgress()).toEqual([])
  })
})
