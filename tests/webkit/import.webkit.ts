// Importing in WebKit: a deck file through the file input (read by the import worker), studied
// card by card, one card of every kind; and a pasted list.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import {
  BASE,
  closeWebKit,
  foreignRequests,
  openWebKit,
  textOf,
  waitForText,
  type Browser,
} from './browser'
import { answerCard, tap } from './drive'
import { makeEveryKindDeck } from '../fixtures/decks'

const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf'
const LIST = [
  'THAAD\tTerminal High Altitude Area Defense',
  'GMD\tGround-based Midcourse Defense',
  'EPAA\tEuropean Phased Adaptive Approach',
].join('\n')

const dir = mkdtempSync(join(tmpdir(), 'intercept-webkit-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let browser: Browser | undefined
afterEach(async () => {
  if (browser) expect(await foreignRequests(browser)).toEqual([])
  await closeWebKit(browser)
  browser = undefined
})

// the shared fixture: the test runs in Node and sends the deck to WebKit as a file
const EVERY_KIND_DECK = makeEveryKindDeck()

describe('import in WebKit', () => {
  it('imports a deck file and studies one card of every kind from it', async () => {
    const file = join(dir, 'every-kind.json')
    writeFileSync(file, JSON.stringify(EVERY_KIND_DECK))
    browser = await openWebKit()
    await browser.url(`${BASE}/import`)
    // the file input is visually hidden behind its button: WebDriver sends it the file directly
    // (the raw command: webdriverio's setValue waits for the input to be visible)
    await browser.$('#import-file').waitForExist()
    const input = await browser.findElement('css selector', '#import-file')
    await browser.elementSendKeys(input[ELEMENT_KEY], file)
    await browser.$('[data-testid="import-preview"]').waitForExist()
    await waitForText(browser, '[data-testid="import-effect"]', 'adds a new deck with 8 cards')
    await tap(browser, '[data-testid="confirm-import"]')
    await browser.$('[data-testid="import-done"]').waitForExist()
    await tap(browser, 'a=Study it')
    await browser.waitUntil(
      async () => (await browser!.getUrl()) === `${BASE}/study/webkit-every-kind`,
    )

    const forms: string[] = []
    for (let i = 0; i < EVERY_KIND_DECK.cards.length; i++) forms.push(await answerCard(browser))
    expect(forms.sort()).toEqual(
      ['self', 'typed', 'cloze', 'single', 'multi', 'ordering', 'numeric', 'map'].sort(),
    )
    await expect(textOf(browser, '.count')).resolves.toMatch(/\/8$/)
  })

  it('imports a pasted list of terms and definitions', async () => {
    browser = await openWebKit()
    await browser.url(`${BASE}/import`)
    await browser.$('#import-text').waitForExist()
    // a paste: the text arrives at once, tabs and line breaks included (typing them would move
    // the focus and press Enter)
    await browser.execute((text) => {
      const box = document.querySelector<HTMLTextAreaElement>('#import-text')!
      box.focus()
      box.value = text
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }))
    }, LIST)
    await tap(browser, '[data-testid="read-pasted"]')
    await browser.$('[data-testid="import-preview"]').waitForExist()
    await waitForText(browser, '[data-testid="import-effect"]', 'adds a new deck with 3 cards')
    await expect(textOf(browser, '[data-testid="import-preview"]')).resolves.toContain(
      'Terminal High Altitude Area Defense',
    )
    await tap(browser, '[data-testid="confirm-import"]')
    await browser.$('[data-testid="import-done"]').waitForExist()
    await tap(browser, 'a=Open the deck')
    await waitForText(browser, 'main', 'European Phased Adaptive Approach')
  })
})
