import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mountRoute, until, untilText } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

beforeEach(() => {
  // the library would fetch the shipped decks: the tests run offline, with only their own decks
  stubOfflineFetch()
})
afterEach(() => {
  vi.unstubAllGlobals()
})

async function read(wrapper: VueWrapper, text: string) {
  await wrapper.get('[data-testid="import-text"]').setValue(text)
  await wrapper.get('[data-testid="read-pasted"]').trigger('click')
  await until(() => wrapper.find('#import-format').exists(), 'how the text is read')
}

function previewText(wrapper: VueWrapper): string {
  const preview = wrapper.find('[data-testid="import-preview"]')
  return preview.exists() ? preview.text() : ''
}

describe('ImportView', () => {
  // regression: only the listed separators could be chosen, though Quizlet exports take any
  it('reads a Quizlet export with custom separators typed by the user', async () => {
    const { wrapper } = await mountRoute('/import')
    await untilText(wrapper, 'Import a deck')
    await read(
      wrapper,
      'EPAA => European Phased Adaptive Approach ## GMD => Ground-based Midcourse Defense',
    )
    await wrapper.get('#import-format').setValue('quizlet')
    await until(() => wrapper.find('#term-separator').exists(), 'the separators')

    await wrapper.get('#term-separator').setValue('custom')
    const term = wrapper.get('[data-testid="term-separator-custom"]')
    expect(wrapper.get('label[for="term-separator-custom"]').text()).toMatch(/term and definition/)
    await term.setValue(' => ')
    await until(() => wrapper.find('#card-separator').exists(), 'the separators again')
    await wrapper.get('#card-separator').setValue('custom')
    await wrapper.get('[data-testid="card-separator-custom"]').setValue(' ## ')
    await until(() => previewText(wrapper).includes('2 cards'), 'two cards')
    expect(previewText(wrapper)).toContain('EPAA → European Phased Adaptive Approach')
    expect(previewText(wrapper)).toContain('GMD → Ground-based Midcourse Defense')
    expect((wrapper.get('#term-separator').element as HTMLSelectElement).value).toBe('custom')
    expect(
      (wrapper.get('[data-testid="term-separator-custom"]').element as HTMLInputElement).value,
    ).toBe(' => ')
  })

  it('takes \\t and \\n in a custom separator as a tab and a line break', async () => {
    const { wrapper } = await mountRoute('/import')
    await read(wrapper, 'SM-3\t=interceptor\nTHAAD\t=battery')
    await wrapper.get('#import-format').setValue('quizlet')
    await until(() => wrapper.find('#term-separator').exists(), 'the separators')
    await wrapper.get('#term-separator').setValue('custom')
    await wrapper.get('[data-testid="term-separator-custom"]').setValue('\\t=')
    await until(() => previewText(wrapper).includes('SM-3 → interceptor'), 'the split cards')
    expect(previewText(wrapper)).toContain('THAAD → battery')
  })

  // regression: the box showed unchecked whenever the user had not ticked it, even for #html:true
  it('shows the HTML setting the import used: from the header, or detected', async () => {
    const { wrapper } = await mountRoute('/import')
    const box = () =>
      wrapper
        .findAll('input[type="checkbox"]')
        .find((b) => b.element.parentElement?.textContent?.includes('HTML'))!
        .element as HTMLInputElement
    await read(wrapper, '#separator:tab\n#html:true\nWhat is THAAD?\tA battery')
    expect(box().checked).toBe(true)
    await read(wrapper, '#separator:tab\nWhat is <b>THAAD</b>?\tA battery')
    expect(box().checked).toBe(true)
    await read(wrapper, '#separator:tab\n#html:false\nWhat is THAAD?\tA battery')
    expect(box().checked).toBe(false)
  })

  // regression: with "Fields contain HTML" off, "<script>" was stored as "< script>"
  it('keeps text that is not HTML exactly as written, and shows it as text', async () => {
    const { wrapper } = await mountRoute('/import')
    await read(
      wrapper,
      '#separator:tab\n#html:false\n<script>alert(1)</script>\t<img src=x onerror=alert(2)> & a<b',
    )
    await until(() => previewText(wrapper).includes('1 card'), 'the card')
    const preview = wrapper.get('[data-testid="import-preview"]')
    expect(preview.text()).toContain('<script>alert(1)</script>')
    expect(preview.text()).toContain('<img src=x onerror=alert(2)> & a<b')
    expect(preview.text()).not.toContain('< script>')
    expect(preview.find('script').exists()).toBe(false)
    expect(preview.find('img').exists()).toBe(false)
  })
})

// regression: the native file input showed as "No fil…hosen" on a 360 px phone
describe('ImportView file picker', () => {
  it('opens the labelled, hidden file input from a button and names the chosen file', async () => {
    const { wrapper } = await mountRoute('/import')
    await untilText(wrapper, 'Import a deck')
    const input = wrapper.get<HTMLInputElement>('#import-file')
    expect(wrapper.get('label[for="import-file-button"]').text()).toBe('Deck file')
    // out of the accessibility tree: only the button is the "Deck file" control
    expect(input.attributes('hidden')).toBeDefined()
    const choose = wrapper.get('[data-testid="choose-file"]')
    expect(choose.text()).toBe('Choose a file…')
    expect(wrapper.get('[data-testid="file-name"]').text()).toBe('No file chosen')

    const click = vi.spyOn(input.element, 'click')
    await choose.trigger('click')
    expect(click).toHaveBeenCalledOnce()

    const file = new File(['THAAD\tTerminal High Altitude Area Defense'], 'gulf-systems.txt', {
      type: 'text/plain',
    })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await until(() => previewText(wrapper).includes('THAAD'), 'the file read')
    expect(wrapper.get('[data-testid="file-name"]').text()).toBe('gulf-systems.txt')
  })

  // regression: a ZIP or a picture was read as a Quizlet export of replacement characters
  it('says a binary file is not a text export, and reads nothing', async () => {
    const { wrapper } = await mountRoute('/import')
    await untilText(wrapper, 'Import a deck')
    const input = wrapper.get<HTMLInputElement>('#import-file')
    const zip = new Uint8Array(600).map((_, i) => (i * 37) % 256)
    zip.set([0x50, 0x4b, 0x03, 0x04])
    // named as a text export (a .zip is read as a deck with its pictures or a package)
    const file = new File([zip], 'flashcards.csv', { type: 'text/csv' })
    Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
    await input.trigger('change')
    await untilText(wrapper, 'flashcards.csv is a ZIP archive, not a text export.')
    expect(wrapper.get('[role="alert"]').text()).toContain('Nothing was imported')
    expect(wrapper.find('#import-format').exists()).toBe(false)
    expect(previewText(wrapper)).toBe('')
  })

  function failedItems(wrapper: VueWrapper): string[] {
    return wrapper.findAll('[data-testid="import-failed"] li').map((li) => li.text())
  }

  // regression: "no cards found" came first, and "the separators were guessed: check the cards
  // below" showed above no cards at all
  it('names the real cause first when every card is left out', async () => {
    const { wrapper } = await mountRoute('/import')
    await read(wrapper, `EPAA\t${'x'.repeat(2100)}\nGMD\t${'y'.repeat(2100)}`)
    await until(() => wrapper.find('[data-testid="import-failed"]').exists(), 'the failure')
    expect(failedItems(wrapper)[0]).toBe(
      'line 1: the definition is longer than 2,000 characters, so this card was left out',
    )
    expect(wrapper.text()).not.toContain('no cards found')
    expect(wrapper.text()).not.toContain('separators were guessed')
    expect(wrapper.text()).not.toContain('check the cards below')
  })

  // regression: deck-file problems read 'field "format": "format" is not a known field (field “format”)'
  it('names the field of a deck-file problem once, and reports a card with no id', async () => {
    const { wrapper } = await mountRoute('/import')
    const deck = {
      id: 'gulf',
      title: 'Gulf',
      colour: 'red',
      cards: [
        { id: 'a', type: 'basic', front: 'THAAD', back: 'battery' },
        { type: 'basic', front: 'SM-3', back: 'interceptor' },
      ],
    }
    await read(wrapper, JSON.stringify(deck, null, 2))
    await until(() => wrapper.find('[data-testid="import-failed"]').exists(), 'the failure')
    const items = failedItems(wrapper)
    expect(items).toContain('field "colour": is not a known field (check the spelling)')
    expect(items.some((t) => /card #2, field "id": is required/.test(t))).toBe(true)
    for (const item of items) expect(item.match(/colour|"id"/g)?.length ?? 1).toBe(1)
  })
})
