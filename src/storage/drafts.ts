// Editor drafts: the unsaved working copy of a deck, kept as the user types so a closed tab or a
// crash loses nothing. One row per editing session, keyed by `draftKey` (core/deckDiff.ts). A
// draft's pictures are written with it, so a restored draft has them.
import type { Draft } from '@/core/deckEdit'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import { db } from './db'
import { ownBytes, putAndSweepPictures } from './pictures'

/**
 * Stores a draft, replacing the one with the same `id`, with the pictures of `pictures` that it
 * names and this device does not have yet, in one transaction (so a draft never names a picture
 * that was not stored). The draft must be plain data (no Vue proxies: IndexedDB cannot clone
 * them); `updatedAt` is set by the caller (epoch ms).
 */
export async function saveDraft(
  draft: Draft,
  pictures: readonly PictureBlob[] = [],
): Promise<void> {
  const named = pictureIdsOf(draft.deck.cards ?? [])
  const wanted = pictures.filter((p) => named.has(p.id))
  const database = await db()
  if (!wanted.length) return void (await database.put('drafts', draft))
  const tx = database.transaction(['drafts', 'pictures'], 'readwrite')
  const store = tx.objectStore('pictures')
  const present = await Promise.all(wanted.map((p) => store.getKey(p.id)))
  await Promise.all([
    ...wanted.filter((_p, i) => present[i] === undefined).map((p) => store.put(ownBytes(p))),
    tx.objectStore('drafts').put(draft),
    tx.done,
  ])
}

/** The draft of an editing session, or undefined when there is none. */
export async function getDraft(id: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', id)
}

/**
 * Forgets a draft (after a save, a delete, or when the user discards it), with the pictures that
 * only it named, in one transaction. No error when absent.
 */
export async function deleteDraft(id: string): Promise<void> {
  const tx = (await db()).transaction(['drafts', 'decks', 'pictures'], 'readwrite')
  await tx.objectStore('drafts').delete(id)
  await Promise.all([putAndSweepPictures(tx, [], {}), tx.done])
}

/** Every stored draft, most recently updated first. */
export async function listDrafts(): Promise<Draft[]> {
  const drafts = await (await db()).getAll('drafts')
  return drafts.sort((a, b) => b.updatedAt - a.updatedAt)
}
