import { describe, expect, it } from 'vitest'
import { readBackup } from '@/core/backup'
import type { Card } from '@/core/deck'
import { exportBackup, importBackup } from '@/storage/backup'
import { DB_VERSION, MIGRATIONS, db, openAppDb } from '@/storage/db'
import { deleteDeck, installDeck } from '@/storage/decks'
import { saveDraft } from '@/storage/drafts'
import { getPicture, getPictures, savePictures } from '@/storage/pictures'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import type { PictureBlob } from '@/core/pictures'
import { makePicture } from '../fixtures/pictures'

const red = makePicture([200, 0, 0])
const blue = makePicture([0, 0, 200])
const green = makePicture([0, 200, 0])
// IndexedDB gives back a Uint8Array of its own realm: compare the bytes, not the class
const plain = (p: PictureBlob | undefined) => p && { ...p, bytes: [...p.bytes] }
const shows = (id: string, picture: { id: string }, alt = 'A square'): Card =>
  makeCard({ id, pictures: { prompt: [{ id: picture.id, alt }] } })

describe('pictures with decks', () => {
  it('stores the pictures a deck names with it, and no others', async () => {
    const deck = makeDeck({ id: 'a', cards: [shows('c1', red), shows('c2', blue)] })
    await installDeck(deck, 'user', NOW, [], undefined, [red, blue, green])
    expect(plain(await getPicture(red.id))).toEqual(plain(red))
    expect((await getPictures([red.id, blue.id, green.id])).map((p) => p.id)).toEqual([
      red.id,
      blue.id,
    ])
  })

  it('deletes a picture when the last deck showing it goes, and keeps one another deck shows', async () => {
    await installDeck(
      makeDeck({ id: 'a', cards: [shows('c1', red), shows('c2', blue)] }),
      'user',
      NOW,
      [],
      undefined,
      [red, blue],
    )
    await installDeck(
      makeDeck({ id: 'b', cards: [shows('c1', red)] }),
      'user',
      NOW,
      [],
      undefined,
      [red],
    )
    await deleteDeck('a')
    expect(plain(await getPicture(red.id))).toEqual(plain(red))
    expect(await getPicture(blue.id)).toBeUndefined()
    await deleteDeck('b')
    expect(await getPicture(red.id)).toBeUndefined()
  })

  it('deletes the pictures an update of a deck no longer shows', async () => {
    await installDeck(
      makeDeck({ id: 'a', cards: [shows('c1', red)] }),
      'user',
      NOW,
      [],
      undefined,
      [red],
    )
    await installDeck(
      makeDeck({ id: 'a', version: 2, cards: [shows('c1', blue)] }),
      'user',
      NOW + 1,
      [],
      undefined,
      [blue],
    )
    expect(await getPicture(red.id)).toBeUndefined()
    expect(plain(await getPicture(blue.id))).toEqual(plain(blue))
  })

  it('keeps the pictures of an editor draft, even before any deck shows them', async () => {
    await savePictures([green])
    await saveDraft({
      id: 'new',
      updatedAt: NOW,
      deck: makeDeck({ id: 'draft', cards: [shows('c1', green)] }),
      resetCardIds: [],
    })
    await installDeck(
      makeDeck({ id: 'a', cards: [shows('c1', red)] }),
      'user',
      NOW,
      [],
      undefined,
      [red],
    )
    await deleteDeck('a')
    expect(plain(await getPicture(green.id))).toEqual(plain(green))
  })
})

describe('pictures in backups', () => {
  it('exports the pictures decks show and restores them, replacing what was stored', async () => {
    await installDeck(
      makeDeck({ id: 'a', cards: [shows('c1', red)] }),
      'user',
      NOW,
      [],
      undefined,
      [red],
    )
    const backup = await exportBackup(NOW)
    expect(backup.pictures.map((p) => p.id)).toEqual([red.id])
    await deleteDeck('a')
    await installDeck(
      makeDeck({ id: 'b', cards: [shows('c1', blue)] }),
      'user',
      NOW,
      [],
      undefined,
      [blue],
    )
    const read = readBackup(JSON.stringify(backup))
    if (!read.ok) throw new Error(read.errors.join('\n'))
    await importBackup(read.backup)
    expect(plain(await getPicture(red.id))).toEqual(plain(red))
    expect(await getPicture(blue.id)).toBeUndefined()
  })
})

describe('the pictures store (migration to version 5)', () => {
  for (let version = 1; version < DB_VERSION; version++)
    it(`is added to a version ${version} database, which keeps its decks`, async () => {
      const old = await openAppDb(version)
      await old.put('decks', {
        id: 'a',
        origin: 'user',
        deck: makeDeck({ id: 'a' }),
        installedAt: NOW,
        updatedAt: NOW,
      })
      old.close()
      const latest = await db()
      expect(latest.version).toBe(MIGRATIONS.length)
      expect(latest.objectStoreNames.contains('pictures')).toBe(true)
      expect((await latest.get('decks', 'a'))?.deck.id).toBe('a')
      await installDeck(
        makeDeck({ id: 'p', cards: [shows('c1', red)] }),
        'user',
        NOW,
        [],
        undefined,
        [red],
      )
      expect(plain(await getPicture(red.id))).toEqual(plain(red))
    })
})
