import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { parseDeck, type Card } from '@/core/deck'
import { itemId } from '@/core/items'
import { getDeck, installDeck, listDecks } from '@/storage/decks'
import { getDraft, listDrafts } from '@/storage/drafts'
import { listProgress } from '@/storage/progress'
import { DRAFT_DELAY_MS, useEditorStore } from '@/stores/editor'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { studyThrice } from '../fixtures/answers'

const study = (deckId: string, cardId: string) => studyThrice(itemId(deckId, cardId), NOW)

// as parseDeck gives it (and so as installed decks are): installDeck compares cards as JSON
const parsed = parseDeck(
  makeDeck({
    id: 'mine',
    title: 'Mine',
    cards: [makeCard({ id: 'a' }), makeCard({ id: 'b', answers: ['Poland'] })],
  }),
)
if (!parsed.ok) throw new Error('fixture deck is invalid')
const DECK = parsed.value

beforeEach(() => {
  setActivePinia(createPinia())
})

describe('editor store', () => {
  it('creates a new deck with an id from its title', async () => {
    const editor = useEditorStore()
    await editor.open({})
    editor.updateMeta({ title: 'Gulf systems' }, 'title')
    const at = editor.addCard('basic')
    editor.updateCard(at, {
      ...editor.deck!.cards[at]!,
      front: 'THAAD',
      back: 'Terminal High Altitude Area Defense',
    } as Card)
    const outcome = await editor.save(NOW)
    expect(outcome).toMatchObject({ ok: true, id: 'gulf-systems' })
    const stored = await getDeck('gulf-systems')
    expect(stored).toMatchObject({
      origin: 'user',
      deck: { title: 'Gulf systems', cards: [{ id: 'basic', front: 'THAAD' }] },
    })
  })

  it('keeps card ids and progress when a deck is edited', async () => {
    await installDeck(DECK, 'user', NOW)
    await study('mine', 'a')
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    editor.updateCard(0, {
      ...editor.deck!.cards[0]!,
      prompt: 'Reworded: where were SM-3s to deploy?',
    } as Card)
    expect(editor.changedAnswers.size).toBe(0)
    const outcome = await editor.save(NOW + 1)
    expect(outcome).toMatchObject({
      ok: true,
      id: 'mine',
      summary: { changed: 1, added: 0, retired: 0 },
    })
    const rows = await listProgress()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ cardId: 'a', retired: false, memory: { reps: 3 } })
    expect((await getDeck('mine'))!.deck.version).toBe(2)
  })

  it('resets the progress of a card whose answer changed when asked to', async () => {
    await installDeck(DECK, 'user', NOW)
    await study('mine', 'a')
    await study('mine', 'b')
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    editor.updateCard(0, { ...editor.deck!.cards[0]!, answers: ['Italy'] } as Card)
    editor.updateCard(1, { ...editor.deck!.cards[1]!, answers: ['Spain'] } as Card)
    expect([...editor.changedAnswers]).toEqual(['a', 'b'])
    editor.setReset('a', true)
    await editor.save(NOW + 1)
    expect((await listProgress()).map((r) => r.cardId)).toEqual(['b'])
  })

  it('refuses to save a deck with problems and stores nothing', async () => {
    const editor = useEditorStore()
    await editor.open({})
    editor.addCard('typed')
    expect(editor.canSave).toBe(false)
    expect(editor.problemCount).toBeGreaterThan(0)
    expect(editor.validation!.first).toMatchObject({ field: 'title' })
    expect(await editor.save(NOW)).toMatchObject({ ok: false })
    expect(await listDecks()).toEqual([])
  })

  it('undoes and redoes edits, one step per field being typed in', async () => {
    const editor = useEditorStore()
    await editor.open({})
    editor.updateMeta({ title: 'G' }, 'title')
    editor.updateMeta({ title: 'Gu' }, 'title')
    editor.updateMeta({ title: 'Gulf' }, 'title')
    editor.addCard('cloze')
    expect(editor.deck!.cards).toHaveLength(1)
    editor.undo()
    expect(editor.deck!.cards).toHaveLength(0)
    expect(editor.deck!.title).toBe('Gulf')
    editor.undo()
    expect(editor.deck!.title).toBe('')
    expect(editor.canUndo).toBe(false)
    editor.redo()
    expect(editor.deck!.title).toBe('Gulf')
  })

  it('saves a draft as the user types and offers it back in a new session', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    editor.updateMeta({ title: 'Mine, unsaved' }, 'title')
    editor.setReset('a', true)
    await new Promise((resolve) => setTimeout(resolve, DRAFT_DELAY_MS + 50))
    await expect
      .poll(() => getDraft('edit:mine'))
      .toMatchObject({ deck: { title: 'Mine, unsaved' }, resetCardIds: ['a'] })

    setActivePinia(createPinia())
    const again = useEditorStore()
    await again.open({ id: 'mine' })
    expect(again.deck!.title).toBe('Mine')
    expect(again.pendingDraft).toMatchObject({ deck: { title: 'Mine, unsaved' } })
    again.restoreDraft()
    expect(again.deck!.title).toBe('Mine, unsaved')
    expect(again.dirty).toBe(true)
    again.undo()
    expect(again.deck!.title).toBe('Mine')
  })

  it('discards a draft on request and removes it on save', async () => {
    const editor = useEditorStore()
    await editor.open({})
    editor.updateMeta({ title: 'Draft deck' }, 'title')
    await editor.flushDraft(NOW)
    expect(await getDraft('new')).toBeDefined()

    setActivePinia(createPinia())
    const again = useEditorStore()
    await again.open({})
    await again.discardDraft()
    expect(await listDrafts()).toEqual([])

    again.updateMeta({ title: 'Kept' }, 'title')
    again.addCards([makeCard({ id: 'k' })])
    await again.flushDraft(NOW)
    await again.save(NOW)
    expect(await listDrafts()).toEqual([])
  })

  it('edits a shipped deck as the user’s own copy', async () => {
    await installDeck(DECK, 'shipped', NOW)
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    expect(editor.isCopy).toBe(true)
    expect(editor.deck!.title).toBe('Mine (my copy)')
    const outcome = await editor.save(NOW)
    expect(outcome).toMatchObject({ ok: true, id: 'mine-my-copy' })
    expect((await getDeck('mine'))!.origin).toBe('shipped')
    expect((await getDeck('mine-my-copy'))!.deck.cards.map((c) => c.id)).toEqual(['a', 'b'])
  })

  it('deletes the deck being edited', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    await editor.remove()
    expect(await listDecks()).toEqual([])
    expect(editor.deck).toBeNull()
  })

  it('reports a deck that is not installed', async () => {
    const editor = useEditorStore()
    await editor.open({ id: 'nowhere' })
    expect(editor.missing).toBe(true)
  })

  it('writes a waiting draft at once when asked, before the typing pause ends', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = useEditorStore()
    await editor.open({ id: 'mine' })
    await editor.flushPendingDraft(NOW)
    expect(await listDrafts()).toEqual([])
    editor.updateMeta({ title: 'Mine, last keystrokes' }, 'title')
    await editor.flushPendingDraft(NOW)
    expect(await getDraft('edit:mine')).toMatchObject({
      updatedAt: NOW,
      deck: { title: 'Mine, last keystrokes' },
    })
    // the debounced write is not also left waiting
    await editor.flushPendingDraft(NOW + 1)
    expect((await getDraft('edit:mine'))!.updatedAt).toBe(NOW)
  })

  // regression: a link made before saving took its id from the title alone ('mine', the id of
  // another installed deck) while save gave the deck 'mine-2'
  it('exports an unsaved deck with the id save will give it', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = useEditorStore()
    await editor.open({})
    editor.updateMeta({ title: 'Mine' }, 'title')
    const at = editor.addCard('basic')
    editor.updateCard(at, { ...editor.deck!.cards[at]!, front: 'SM-3', back: 'Aegis' } as Card)
    const shared = editor.exportable!.id
    expect(shared).not.toBe('mine')
    const outcome = await editor.save(NOW)
    expect(outcome).toMatchObject({ ok: true, id: shared })
    // once saved, the deck keeps its id
    expect(editor.exportable!.id).toBe(shared)
  })

  it('exports a copy with the id save will give it, and nothing while the deck has problems', async () => {
    await installDeck(DECK, 'user', NOW)
    const editor = useEditorStore()
    await editor.open({ from: 'mine' })
    const shared = editor.exportable!.id
    expect(shared).not.toBe('mine')
    expect(await editor.save(NOW)).toMatchObject({ ok: true, id: shared })
    editor.updateMeta({ title: '' }, 'title')
    expect(editor.exportable).toBeNull()
  })
})
