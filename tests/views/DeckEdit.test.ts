// The deck editor page: drafts written when the page goes away, and share links that carry the
// id the deck will be saved under.
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseDeck, type Card } from '@/core/deck'
import { decodeDeckLink } from '@/core/share'
import { installDeck } from '@/storage/decks'
import { getDraft, listDrafts } from '@/storage/drafts'
import { DRAFT_DELAY_MS, useEditorStore } from '@/stores/editor'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { button, mountRoute, until } from './harness'

enableAutoUnmount(afterEach)

const parsed = parseDeck(makeDeck({ id: 'mine', title: 'Mine', cards: [makeCard({ id: 'a' })] }))
if (!parsed.ok) throw new Error('fixture deck is invalid')
const DECK = parsed.value

async function openEditor(path: string) {
  const mounted = await mountRoute(path)
  await until(() => mounted.wrapper.find('[data-field="title"]').exists(), 'the deck form')
  return mounted
}
async function typeTitle(
  wrapper: Awaited<ReturnType<typeof mountRoute>>['wrapper'],
  title: string,
) {
  await wrapper.find<HTMLInputElement>('[data-field="title"]').setValue(title)
}
function hidePage(state: DocumentVisibilityState) {
  vi.spyOn(document, 'visibilityState', 'get').mockReturnValue(state)
  document.dispatchEvent(new Event('visibilitychange'))
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('DeckEditView drafts', () => {
  // regression: the draft was written only 600 ms after typing stopped, so closing the tab (or a
  // phone killing a hidden one) in between lost the last keystrokes
  it('writes the draft as soon as the page is hidden', async () => {
    await installDeck(DECK, 'user', NOW)
    const { wrapper } = await openEditor('/edit/mine')
    const typedAt = Date.now()
    await typeTitle(wrapper, 'Mine, last keystrokes')
    hidePage('visible')
    hidePage('hidden')
    await until(() => wrapper.text().includes('draft kept on this device'), 'the draft')
    const draft = await getDraft('edit:mine')
    expect(draft).toMatchObject({ deck: { title: 'Mine, last keystrokes' } })
    // written by the page going away, not by the end of the typing pause
    expect(draft!.updatedAt - typedAt).toBeLessThan(DRAFT_DELAY_MS / 2)
  })

  it('writes the draft when the page is closed', async () => {
    const { wrapper } = await openEditor('/edit')
    const typedAt = Date.now()
    await typeTitle(wrapper, 'Closing soon')
    window.dispatchEvent(new Event('pagehide'))
    await until(() => wrapper.text().includes('draft kept on this device'), 'the draft')
    const draft = await getDraft('new')
    expect(draft).toMatchObject({ deck: { title: 'Closing soon' } })
    expect(draft!.updatedAt - typedAt).toBeLessThan(DRAFT_DELAY_MS / 2)
  })

  it('stops listening when the editor closes', async () => {
    const { wrapper, pinia } = await openEditor('/edit')
    const editor = useEditorStore(pinia)
    const flush = vi.spyOn(editor, 'flushPendingDraft')
    window.dispatchEvent(new Event('pagehide'))
    expect(flush).toHaveBeenCalledOnce()
    wrapper.unmount()
    window.dispatchEvent(new Event('pagehide'))
    hidePage('hidden')
    expect(flush).toHaveBeenCalledOnce()
    expect(await listDrafts()).toEqual([])
  })
})

describe('DeckEditView share link', () => {
  // regression: a link made before saving took the deck id from the title alone, so it named
  // 'mine' (another installed deck) while save gave the deck a free id
  it('carries the id the deck gets when it is saved', async () => {
    await installDeck(DECK, 'user', NOW)
    const { wrapper, pinia } = await openEditor('/edit')
    const editor = useEditorStore(pinia)
    await typeTitle(wrapper, 'Mine')
    const at = editor.addCard('basic')
    editor.updateCard(at, { ...editor.deck!.cards[at]!, front: 'SM-3', back: 'Aegis' } as Card)
    await until(() => !button(wrapper, 'link').attributes('disabled'), 'a valid deck')
    await button(wrapper, 'link').trigger('click')
    await until(() => wrapper.find('[data-testid="share-url"]').exists(), 'the link')
    const url = wrapper.find<HTMLInputElement>('[data-testid="share-url"]').element.value
    const linked = decodeDeckLink(url)
    if (!linked.ok) throw new Error('the link does not decode')
    expect(linked.value.id).not.toBe('mine')
    const outcome = await editor.save(NOW)
    expect(outcome).toMatchObject({ ok: true, id: linked.value.id })
  })
})

describe('DeckEditView problems', () => {
  // regression: each new card showed "must not be empty" in red before anything was typed
  it('shows no problem on a card just added, and keeps Save enabled', async () => {
    const { wrapper } = await openEditor('/edit')
    await button(wrapper, 'Add card').trigger('click')
    await until(() => wrapper.find('[data-card-index="0"] [data-field="front"]').exists(), 'card')
    const row = wrapper.get('[data-card-index="0"]')
    expect(row.text()).not.toContain('must not be empty')
    expect(row.find('[aria-invalid="true"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="problem-count"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="save-deck"]').attributes('disabled')).toBeUndefined()
    // the preview (loaded with the first card opened) shows the card taking shape, not an error
    await until(() => row.find('[data-testid="card-preview"] .prompt').exists(), 'preview')
    expect(row.get('[data-testid="card-preview"] .prompt').text()).toBe('Question')
  })

  it('shows the message of a field left empty after an edit, and only that one', async () => {
    const { wrapper } = await openEditor('/edit')
    await button(wrapper, 'Add card').trigger('click')
    await until(() => wrapper.find('[data-card-index="0"] [data-field="front"]').exists(), 'card')
    const front = wrapper.get('[data-card-index="0"] [data-field="front"]')
    await front.setValue('THAAD')
    await front.setValue('')
    await front.trigger('focusout')
    const row = wrapper.get('[data-card-index="0"]')
    expect(row.text()).toContain('Front must not be empty')
    expect(row.text()).not.toContain('Back must not be empty')
    expect(front.attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="problem-count"]').text()).toBe('1 problem')
  })

  it('on Save with problems shows them all, focuses the first and says how many', async () => {
    const { wrapper, pinia } = await openEditor('/edit')
    await typeTitle(wrapper, 'Checks')
    await button(wrapper, 'Add card').trigger('click')
    await until(() => wrapper.find('[data-card-index="0"] [data-field="front"]').exists(), 'card')
    await wrapper.get('[data-testid="save-deck"]').trigger('click')
    await until(() => wrapper.find('[data-testid="problem-count"]').exists(), 'the problems')
    const row = wrapper.get('[data-card-index="0"]')
    expect(row.text()).toContain('Front must not be empty')
    expect(row.text()).toContain('Back must not be empty')
    expect(wrapper.get('[data-testid="problem-count"]').text()).toBe('2 problems')
    expect(wrapper.get('[data-testid="announcement"]').text()).toBe(
      'Not saved: the deck has 2 problems to fix.',
    )
    expect(document.activeElement).toBe(
      wrapper.get('[data-card-index="0"] [data-field="front"]').element,
    )
    expect(useEditorStore(pinia).base).toBeUndefined()

    // a card added after the attempt starts without scolding
    await button(wrapper, 'Add card').trigger('click')
    await until(() => wrapper.find('[data-card-index="1"]').exists(), 'a second card')
    expect(wrapper.get('[data-card-index="1"]').text()).not.toContain('must not be empty')
  })

  it('shows the problems a deck was loaded with at once', async () => {
    const broken = makeDeck({
      id: 'mine',
      title: 'Mine',
      // stored before the rule it breaks, so not a valid card
      cards: [makeCard({ id: 'a' }), { ...makeCard({ id: 'b' }), prompt: '' } as Card],
    })
    await installDeck(broken, 'user', NOW)
    const { wrapper } = await openEditor('/edit/mine')
    await until(() => wrapper.find('[data-testid="problem-count"]').exists(), 'the problems')
    expect(wrapper.get('[data-testid="problem-count"]').text()).toBe('1 problem')
    expect(wrapper.get('[data-card-index="1"]').text()).toContain('Question must not be empty')
  })
})
