// Picture bytes, kept once per SHA-256 whatever number of cards and decks name them. Decks write
// theirs in the transaction that installs them (storage/decks.ts); a picture no deck and no draft
// names any more is deleted in the transaction that made it so.
import type { IDBPTransaction } from 'idb'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import { db, type InterceptDB } from './db'

/** A picture's bytes and format, or undefined when this device does not have it. */
export async function getPicture(id: string): Promise<PictureBlob | undefined> {
  return (await db()).get('pictures', id)
}

/** The pictures with these ids that this device has (the others are left out). */
export async function getPictures(ids: Iterable<string>): Promise<PictureBlob[]> {
  const tx = (await db()).transaction('pictures', 'readonly')
  const found = await Promise.all([...new Set(ids)].map((id) => tx.store.get(id)))
  await tx.done
  return found.filter((p): p is PictureBlob => p !== undefined)
}

/**
 * Keeps pictures before any deck names them. Unnamed ones go at the next sweep (the editor writes
 * its pictures with its draft instead: `saveDraft`).
 */
export async function savePictures(pictures: readonly PictureBlob[]): Promise<void> {
  const tx = (await db()).transaction('pictures', 'readwrite')
  await Promise.all([...pictures.map((p) => tx.store.put(ownBytes(p))), tx.done])
}

/**
 * The picture with bytes of their own: IndexedDB clones what it stores, and a view on a larger
 * buffer (a file read in slices, a zip entry) would store the whole buffer.
 */
export function ownBytes(picture: PictureBlob): PictureBlob {
  const { id, type, bytes } = picture
  const own =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
  return { id, type, bytes: own }
}

// a transaction over at least decks, drafts and pictures (installs and deletes hold more)
type PictureTx = Pick<
  IDBPTransaction<InterceptDB, ('decks' | 'drafts' | 'pictures')[], 'readwrite'>,
  'objectStore'
>

/**
 * Inside a transaction over decks, drafts and pictures, before its deck writes: the writes that
 * put the pictures of `added` that decks name and delete every stored picture that no deck and no
 * draft will name once `change` is applied (the deck `put` replaces its stored version; the deck
 * `removedDeckId` goes). Returned as steps, for `writeInSlices`.
 */
export async function pictureWrites(
  tx: PictureTx,
  added: readonly PictureBlob[],
  change: {
    put?: { id: string; cards: Parameters<typeof pictureIdsOf>[0] }
    removedDeckId?: string
  },
): Promise<(() => Promise<unknown>)[]> {
  const pictures = tx.objectStore('pictures')
  const keys = await pictures.getAllKeys()
  // most devices have no pictures: installing a deck then reads nothing more
  if (!keys.length && !added.length) return []
  const [decks, drafts] = await Promise.all([
    tx.objectStore('decks').getAll(),
    tx.objectStore('drafts').getAll(),
  ])
  const stored = new Set(keys)
  const named = new Set<string>()
  for (const row of decks)
    if (row.id !== change.removedDeckId && row.id !== change.put?.id)
      for (const id of pictureIdsOf(row.deck.cards)) named.add(id)
  if (change.put) for (const id of pictureIdsOf(change.put.cards)) named.add(id)
  for (const draft of drafts) for (const id of pictureIdsOf(draft.deck.cards ?? [])) named.add(id)
  const writes: (() => Promise<unknown>)[] = []
  for (const id of stored) if (!named.has(id)) writes.push(() => pictures.delete(id))
  for (const picture of added)
    if (named.has(picture.id) && !stored.has(picture.id)) {
      stored.add(picture.id)
      writes.push(() => pictures.put(ownBytes(picture)))
    }
  return writes
}

/** `pictureWrites`, issued at once (a delete: a few writes at most). */
export async function putAndSweepPictures(
  ...args: Parameters<typeof pictureWrites>
): Promise<void> {
  await Promise.all((await pictureWrites(...args)).map((write) => write()))
}
