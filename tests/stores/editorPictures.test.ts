// Pictures in the deck editor: the bytes of a picture added in a session are written with the
// draft and with the deck that name them (each in one transaction), never before.
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseDeck, type Card } from '@/core/deck'
import { withPictures, type PictureBlob } from '@/core/pictures'
import { getDeck, installDeck } from '@/storage/decks'
import { getDraft } from '@/storage/drafts'
import { getPicture } from '@/storage/pictures'
import { useEditorStore } from '@/stores/editor'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePicture } from '../fixtures/pictures'

const red = makePicture([200, 0, 0])
const blue = makePicture([0, 0, 200])
// IndexedDB gives back a Uint8Array of its own realm: compare the bytes, not the class
const bytesOf = (p: Pick<PictureBlob, 'bytes'> | undefined) => p && [...p.bytes]

const parsed = parseDeck(makeDeck({ id: 'mine', title: 'Mine', cards: [makeCard({ id: 'a' })] }))
if (!parsed.ok) throw new Error('fixture deck is invalid')
const DECK = parsed.value

beforeEach(() => {
  setActivePinia(createPinia())
  // the library would fetch the shipped decks: the tests run offline, with only their own decks
  vi.stubGlobal('fetch', () => Promise.reject(new Error('offline in tests')))
})
afterEach(() => vi.unstubAllGlobals())

/** Opens deck `mine` and adds `picture` to its first card's prompt with `alt`, as the form does. */
async function addPicture(picture: PictureBlob, alt: string) {
  const editor = useEditorStore()
  await editor.open({ id: 'mine' })
  editor.keepPicture(picture)
  const card = editor.deck!.cards[0]!
  editor.updateCard(0, withPictures(card, 'prompt', [{ id: picture.id, alt }]), 'pictures.prompt')
  return editor
}

describe('editor store: pictures', () => {
  it('refuses to save a picture without alt text, and saves it with the deck once given', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = await addPicture(red, '  ')
    expect(editor.canSave).toBe(false)
    expect(editor.validation?.cardIssues.get(0)).toEqual([
      expect.objectContaining({ field: 'pictures.prompt[0].alt', message: 'must not be empty' }),
    ])
    expect(await editor.save(NOW + 1)).toEqual({ ok: false, problems: 1 })
    expect(await getPicture(red.id)).toBeUndefined()

    const card = editor.deck!.cards[0]!
    editor.updateCard(0, withPictures(card, 'prompt', [{ id: red.id, alt: 'A red square' }]))
    expect(await editor.save(NOW + 2)).toMatchObject({ ok: true })
    expect((await getDeck('mine'))!.deck.cards[0]!.pictures).toEqual({
      prompt: [{ id: red.id, alt: 'A red square' }],
    })
    expect(bytesOf(await getPicture(red.id))).toEqual(bytesOf(red))
  })

  it('shows a picture added in the session before anything is stored', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = await addPicture(red, '')
    expect(await getPicture(red.id)).toBeUndefined()
    expect(bytesOf(await editor.loadPicture(red.id))).toEqual(bytesOf(red))
  })

  it('writes a draft with its pictures, which a new session restores and shows', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = await addPicture(red, 'A red square')
    editor.keepPicture(blue) // added, then taken off before the draft was written
    await editor.flushDraft(NOW + 1)
    expect(await getPicture(blue.id)).toBeUndefined()
    expect((await getDraft('edit:mine'))!.deck.cards[0]!.pictures?.prompt?.[0]?.id).toBe(red.id)
    expect(bytesOf(await getPicture(red.id))).toEqual(bytesOf(red))

    // a reload: a new store, nothing in memory
    setActivePinia(createPinia())
    const next = useEditorStore()
    await next.open({ id: 'mine' })
    expect(next.pendingDraft).not.toBeNull()
    next.restoreDraft()
    expect(bytesOf(await next.loadPicture(red.id))).toEqual(bytesOf(red))
    expect(await next.save(NOW + 2)).toMatchObject({ ok: true })
    expect(await getDraft('edit:mine')).toBeUndefined()
    expect(bytesOf(await getPicture(red.id))).toEqual(bytesOf(red))
  })

  it('deletes the pictures only a discarded draft named', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = await addPicture(red, 'A red square')
    await editor.flushDraft(NOW + 1)
    setActivePinia(createPinia())
    const next = useEditorStore()
    await next.open({ id: 'mine' })
    await next.discardDraft()
    expect(await getPicture(red.id)).toBeUndefined()
  })

  it('brings back a picture removed by a save when the save is undone', async () => {
    const withRed: Card = withPictures(DECK.cards[0]!, 'prompt', [{ id: red.id, alt: 'Red' }])
    await installDeck({ ...DECK, cards: [withRed] }, 'user', NOW, [], undefined, [red])
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    editor.keepPicture(blue)
    editor.updateCard(0, withPictures(withRed, 'prompt', [{ id: blue.id, alt: 'Blue' }]))
    expect(await editor.save(NOW + 1)).toMatchObject({ ok: true })
    expect(await getPicture(red.id)).toBeUndefined()
    editor.undo()
    expect(await editor.save(NOW + 2)).toMatchObject({ ok: true })
    expect(bytesOf(await getPicture(red.id))).toEqual(bytesOf(red))
    expect(await getPicture(blue.id)).toBeUndefined()
  })
})
