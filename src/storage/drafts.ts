// Editor drafts: the unsaved working copy of a deck, kept as the user types so a closed tab or a
// crash loses nothing. One row per editing session, keyed by `draftKey` (core/deckDiff.ts).
import type { Draft } from '@/core/deckEdit'
import { db } from './db'

/**
 * Stores a draft, replacing the one with the same `id`. The draft must be plain data (no Vue
 * proxies: IndexedDB cannot clone them); `updatedAt` is set by the caller (epoch ms).
 */
export async function saveDraft(draft: Draft): Promise<void> {
  await (await db()).put('drafts', draft)
}

/** The draft of an editing session, or undefined when there is none. */
export async function getDraft(id: string): Promise<Draft | undefined> {
  return (await db()).get('drafts', id)
}

/** Forgets a draft (after a save, a delete, or when the user discards it). No error when absent. */
export async function deleteDraft(id: string): Promise<void> {
  await (await db()).delete('drafts', id)
}

/** Every stored draft, most recently updated first. */
export async function listDrafts(): Promise<Draft[]> {
  const drafts = await (await db()).getAll('drafts')
  return drafts.sort((a, b) => b.updatedAt - a.updatedAt)
}
