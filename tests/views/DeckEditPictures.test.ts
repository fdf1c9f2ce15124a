// Pictures in the deck editor page: a picture added to a card is shown from the session, the save
// is refused with the message at its alt text box until the alt text is given, then stored.
import { enableAutoUnmount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import { pictureId } from '@/core/pictureBytes'
import { getDeck, installDeck } from '@/storage/decks'
import { getPicture } from '@/storage/pictures'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { makePng } from '../fixtures/pictures'
import { mountRoute, until } from './harness'

enableAutoUnmount(afterEach)
// jsdom makes no object URLs: the page gets one per picture it shows
const { createObjectURL, revokeObjectURL } = URL
beforeEach(() => {
  URL.createObjectURL = () => 'blob:test/1'
  URL.revokeObjectURL = () => undefined
})
afterEach(() => {
  URL.createObjectURL = createObjectURL
  URL.revokeObjectURL = revokeObjectURL
})

const parsed = parseDeck(makeDeck({ id: 'mine', title: 'Mine', cards: [makeCard({ id: 'a' })] }))
if (!parsed.ok) throw new Error('fixture deck is invalid')
const DECK = parsed.value

describe('DeckEditView pictures', () => {
  it('refuses the save at the alt text box until it is given, then stores the picture with the deck', async () => {
    await installDeck(DECK, 'user', NOW)
    const { wrapper } = await mountRoute('/edit/mine')
    await until(() => wrapper.find('[data-card-index="0"] .toggle').exists(), 'the card list')
    await wrapper.get('[data-card-index="0"] .toggle').trigger('click')
    const input = wrapper.get<HTMLInputElement>('[data-testid="picture-file-prompt"]')
    const png = makePng(12, 8, [10, 120, 200])
    const file = new File([png.slice()], 'radar.png', { type: 'image/png' })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    const altBox = '[data-field="pictures.prompt[0].alt"]'
    await until(() => wrapper.find(altBox).exists(), 'the alt text box')
    // shown from the session before anything is stored
    await until(() => wrapper.find('[data-testid="picture-field"] img').exists(), 'the preview')
    expect(wrapper.get('[data-testid="picture-field"] img').attributes('src')).toBe('blob:test/1')

    await wrapper.get('[data-testid="save-deck"]').trigger('click')
    await until(() => wrapper.text().includes('Not saved:'), 'the refusal')
    expect(wrapper.get(altBox).attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('[data-testid="picture-field"]').text()).toContain(
      'Alt text must not be empty',
    )
    expect(document.activeElement?.getAttribute('data-field')).toBe('pictures.prompt[0].alt')
    expect(await getPicture(pictureId(png))).toBeUndefined()

    await wrapper.get(altBox).setValue('The radar at Deveselu')
    await wrapper.get('[data-testid="save-deck"]').trigger('click')
    await until(() => wrapper.text().includes('All changes saved.'), 'the save')
    expect((await getDeck('mine'))!.deck.cards[0]!.pictures).toEqual({
      prompt: [{ id: pictureId(png), alt: 'The radar at Deveselu' }],
    })
    expect([...(await getPicture(pictureId(png)))!.bytes]).toEqual([...png])

    // the share menu: a link carries no pictures and says so; the file carries them
    await wrapper.get('[data-testid="share-link"]').trigger('click')
    await until(() => wrapper.find('[data-testid="link-pictures"]').exists(), 'the notice')
    expect(wrapper.get('[data-testid="link-pictures"]').text()).toContain(
      "The link doesn't carry the 1 picture",
    )
    expect(wrapper.get('[data-testid="export-deck-file"]').text()).toBe(
      'Export deck file with pictures (.zip)',
    )
  })
})
