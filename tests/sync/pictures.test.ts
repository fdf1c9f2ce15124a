// Pictures of the user's decks through sync: this device's real stores (storage/*.ts over
// fake-indexeddb) and engine, a PouchDB mirror on the memory adapter, the real sync server on
// loopback, and a second device. A deck's pictures reach the other device with their bytes, come
// back to a device that lacks them, and bytes that do not match their name are never kept.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PictureBlob } from '@/core/pictures'
import { readPicture } from '@/core/pictureBytes'
import type { StoredDeck } from '@/core/records'
import { pictureDoc, userDbName } from '@/core/syncModel'
import { installDeck } from '@/storage/decks'
import { getPicture } from '@/storage/pictures'
import * as storage from '@/storage/sync'
import { setSyncOn } from '@/storage/syncMeta'
import { createSyncEngine, type EngineState, type Pouch } from '@/sync/engine'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'
import { startSyncServerProcess, type SyncServerProcess } from '../syncServer'
import { Device, PouchDB, signUpAndIn } from './devices'

let server: SyncServerProcess

beforeAll(async () => {
  server = await startSyncServerProcess()
}, 60_000)

afterAll(async () => {
  await server?.stop()
  server?.remove()
})

afterEach(() => setSyncOn(false))

const red = makePicture([200, 40, 40])
const blue = makePicture([20, 90, 200], 40)
/** A 3 MB photo, as a phone takes them: JPEG's signature, then bytes that do not compress. */
function photo(): PictureBlob {
  const bytes = new Uint8Array(3 * 1024 * 1024)
  for (let i = 0; i < bytes.length; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536))
  bytes.set([0xff, 0xd8, 0xff, 0xe0])
  const read = readPicture(bytes)
  if (!read.ok) throw new Error(read.reason)
  return read.picture
}

function deckShowing(id: string, ...pictures: PictureBlob[]) {
  return makeDeck({
    id,
    cards: pictures.map((p, i) =>
      makeCard({ id: `c${i}`, pictures: { prompt: [{ id: p.id, alt: `Picture ${i}` }] } }),
    ),
  })
}

let run = 0

/** A picture with its bytes as plain numbers (IndexedDB gives back a Uint8Array of its own realm). */
const plain = (p: PictureBlob | undefined) => p && { id: p.id, type: p.type, bytes: [...p.bytes] }

/** This device (the app's storage) and a second one, signed in to a new account. */
async function pair() {
  const user = `pictures${++run}`
  const cookie = await signUpAndIn(server.url, user, 'pw')
  const remote = new PouchDB(`${server.url}/${userDbName(user)}`, {
    skip_setup: true,
    fetch: (url: string, init: RequestInit) => {
      const headers = new Headers(init.headers)
      headers.set('cookie', cookie)
      return PouchDB.fetch(url, { ...init, headers })
    },
  })
  let state: EngineState | undefined
  const local = new PouchDB(`pictures-here-${run}`, { adapter: 'memory' })
  const engine = createSyncEngine({
    local,
    remote,
    storage: {
      ...storage,
      loadState: async () => state,
      saveState: async (next) => {
        state = next
      },
    },
    deviceId: 'here',
    now: () => Date.now(),
  })
  const other = new Device('b', server.url, user, cookie)
  return { engine, other, remote: remote as Pouch, local }
}

describe('pictures through sync', () => {
  it("sends a deck's pictures with it, bytes and all, and fetches the other device's", async () => {
    const { engine, other } = await pair()
    try {
      setSyncOn(true)
      const big = photo()
      await installDeck(deckShowing('mine', red, big), 'user', NOW, [], undefined, [red, big])
      await engine.syncOnce()
      await other.engine.syncOnce()
      expect(other.decks.get('mine')?.deck.cards).toHaveLength(2)
      expect(other.pictures.get(red.id)).toEqual(red)
      expect(plain(other.pictures.get(big.id))).toEqual(plain(big))

      // and back: a deck made on the other device shows its picture here after a sync
      const green = makePicture([30, 160, 60])
      const theirs: StoredDeck = {
        id: 'theirs',
        origin: 'user',
        deck: deckShowing('theirs', green),
        installedAt: NOW,
        updatedAt: NOW,
      }
      other.saveDeck(theirs, [green])
      await other.engine.syncOnce()
      await engine.syncOnce()
      expect(plain(await getPicture(green.id))).toEqual(plain(green))
      expect(await storage.wantedPictures()).toEqual([])
    } finally {
      await engine.stop()
      await other.close()
    }
  }, 60_000)

  it('keeps no bytes that do not match their name, and never a picture no deck shows', async () => {
    const { engine, other, remote } = await pair()
    try {
      setSyncOn(true)
      // A document claiming to be `red` with other bytes (the deck's device never sent the real
      // one), and a picture no deck shows.
      const forged = pictureDoc(red.id, 'image/png', Buffer.from(blue.bytes).toString('base64'))
      const stray = makePicture([1, 2, 3])
      await remote.put(forged)
      await remote.put(
        pictureDoc(stray.id, stray.type, Buffer.from(stray.bytes).toString('base64')),
      )
      other.saveDeck({
        id: 'theirs',
        origin: 'user',
        deck: deckShowing('theirs', red),
        installedAt: NOW,
        updatedAt: NOW,
      })
      await other.engine.syncOnce()
      await engine.syncOnce()
      expect(await getPicture(red.id)).toBeUndefined()
      expect(await getPicture(stray.id)).toBeUndefined()
      // the deck still arrived; its picture is missing rather than wrong (it shows its alt text)
      expect(await storage.wantedPictures()).toEqual([red.id])
    } finally {
      await engine.stop()
      await other.close()
    }
  }, 60_000)

  it('drops the pictures of a deck deleted on another device', async () => {
    const { engine, other } = await pair()
    try {
      setSyncOn(true)
      await installDeck(deckShowing('mine', red), 'user', NOW, [], undefined, [red])
      await engine.syncOnce()
      await other.engine.syncOnce()
      other.deleteDeck('mine')
      await other.engine.syncOnce()
      await engine.syncOnce()
      expect(await getPicture(red.id)).toBeUndefined()
    } finally {
      await engine.stop()
      await other.close()
    }
  }, 60_000)
})
