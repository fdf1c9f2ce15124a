// Card resets on the device (core/resets.ts): the latest reset of each card, one meta row per card
// (`reset:deckId/cardId`), read and written inside the callers' transactions. Only the latest of a
// card matters to the replay, so a row is only ever replaced by a later reset; rows are never
// deleted (a reset synced to other devices stands there too, whatever happens to the deck here).
import { cardKey, latestResets, laterReset, readCardReset, type CardReset } from '@/core/resets'
import { resetMetaKey, type MetaRow } from './db'

const PREFIX = resetMetaKey('')

/** The meta key of a card's latest reset. */
export const resetKey = resetMetaKey

/** The meta store as these helpers use it, in any transaction that includes it. */
export interface MetaReads {
  get(key: string): Promise<MetaRow | undefined>
  getAll(query: IDBKeyRange): Promise<MetaRow[]>
}
export interface MetaWrites extends MetaReads {
  put(row: MetaRow): Promise<unknown>
}

/** Every card's latest reset, by card key. */
export async function readResets(meta: MetaReads): Promise<Map<string, CardReset>> {
  const rows = await meta.getAll(IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`))
  return latestResets(rows.flatMap((row) => readCardReset(row.value) ?? []))
}

/**
 * Keeps `resets` where each is later than the card's stored one.
 * @returns the card keys whose latest reset changed (their items need replaying).
 */
export async function raiseResets(
  meta: MetaWrites,
  resets: readonly CardReset[],
): Promise<string[]> {
  const incoming = latestResets(resets)
  const keys = [...incoming.keys()]
  const stored = await Promise.all(keys.map((key) => meta.get(resetKey(key))))
  const raised: string[] = []
  const writes: Promise<unknown>[] = []
  keys.forEach((key, i) => {
    const current = readCardReset(stored[i]?.value)
    const next = laterReset(current, incoming.get(key)!)
    if (current && next.id === current.id) return
    writes.push(meta.put({ key: resetKey(key), value: next }))
    raised.push(key)
  })
  await Promise.all(writes)
  return raised
}

/** Replaces every stored reset with `resets` (a restored backup: the device as it was). */
export async function replaceResets(
  meta: MetaWrites & { delete(query: IDBKeyRange): Promise<unknown> },
  resets: readonly CardReset[],
): Promise<void> {
  await meta.delete(IDBKeyRange.bound(PREFIX, `${PREFIX}\uffff`))
  await Promise.all(
    [...latestResets(resets).values()].map((reset) =>
      meta.put({ key: resetKey(cardKey(reset.deckId, reset.cardId)), value: reset }),
    ),
  )
}
