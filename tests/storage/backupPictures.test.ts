// A restore replaces the stored data with the backup's, but editor drafts survive it (no backup
// holds them: they are this device's unsaved work), so the pictures they name must survive too.
import { describe, expect, it } from 'vitest'
import { readBackup, type Backup } from '@/core/backup'
import type { Card } from '@/core/deck'
import type { PictureBlob } from '@/core/pictures'
import { exportBackup, importBackup } from '@/storage/backup'
import { db } from '@/storage/db'
import { installDeck } from '@/storage/decks'
import { getDraft, saveDraft } from '@/storage/drafts'
import { getPicture, savePictures } from '@/storage/pictures'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'

const red = makePicture([200, 0, 0])
const blue = makePicture([0, 0, 200])
const green = makePicture([0, 200, 0])
const plain = (p: PictureBlob | undefined) => p && { ...p, bytes: [...p.bytes] }
const shows = (id: string, picture: { id: string }): Card =>
  makeCard({ id, pictures: { prompt: [{ id: picture.id, alt: 'A square' }] } })

async function backupOf(pictures: PictureBlob[], ...cards: Card[]): Promise<Backup> {
  await installDeck(makeDeck({ id: 'a', cards }), 'user', NOW, [], undefined, pictures)
  const read = readBackup(JSON.stringify(await exportBackup(NOW)))
  if (!read.ok) throw new Error(read.errors.join('\n'))
  return read.backup
}

const draftOf = (...cards: Card[]) => ({
  id: 'new',
  updatedAt: NOW,
  deck: makeDeck({ id: 'unsaved', cards }),
  resetCardIds: [],
})

describe('restoring a backup with an editor draft open', () => {
  // regression: the restore cleared every picture, so a deck being written lost its pictures
  it('keeps the pictures only the draft names, with the draft', async () => {
    const backup = await backupOf([red], shows('c1', red))
    await savePictures([green])
    await saveDraft(draftOf(shows('d1', green)))
    await importBackup(backup)
    expect((await getDraft('new'))?.deck.id).toBe('unsaved')
    expect(plain(await getPicture(green.id))).toEqual(plain(green))
    expect(plain(await getPicture(red.id))).toEqual(plain(red))
  })

  it('still drops the pictures neither the backup nor a draft names', async () => {
    const backup = await backupOf([red], shows('c1', red))
    await installDeck(
      makeDeck({ id: 'b', cards: [shows('c1', blue)] }),
      'user',
      NOW,
      [],
      undefined,
      [blue],
    )
    await savePictures([green])
    await saveDraft(draftOf(shows('d1', green)))
    await importBackup(backup)
    expect(await getPicture(blue.id)).toBeUndefined()
    expect(await db().then((d) => d.getAllKeys('pictures'))).toEqual([red.id, green.id].sort())
  })

  // regression: a row IndexedDB refuses at once (a DataError thrown by put, not a failed
  // request) left the transaction to commit the clears queued before it
  it('changes nothing, pictures included, when a row of the restore is refused', async () => {
    const backup = await backupOf([red], shows('c1', red))
    await installDeck(
      makeDeck({ id: 'b', cards: [shows('c1', blue)] }),
      'user',
      NOW,
      [],
      undefined,
      [blue],
    )
    await savePictures([green])
    await saveDraft(draftOf(shows('d1', green)))
    const broken = { ...backup, progress: [{} as Backup['progress'][number]] }
    await expect(importBackup(broken)).rejects.toThrow(/Data/)
    for (const picture of [red, blue, green])
      expect(plain(await getPicture(picture.id))).toEqual(plain(picture))
    expect((await db().then((d) => d.getAll('decks'))).map((r) => r.id)).toEqual(['a', 'b'])
  })
})
