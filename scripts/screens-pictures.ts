// npm run screens:pictures (after a build): a deck with pictures (wide, tall, small; one on each
// side of a card) and a deck naming a picture this device lacks, imported through the import
// screen and shown in study before and after the answer, at phone and desktop sizes, light and
// dark, into .tmp/screens/, for looking at how pictures sit on a card.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { launchChromium, previewDist } from './preview'
import { makePng } from '../tests/fixtures/pictures'
import { readPicture } from '../src/core/pictureBytes'
import { writeDeckPackage } from '../src/core/deckPackage'
import { exportDeckFile } from '../src/core/exporters'
import type { Deck } from '../src/core/deck'

const out = '.tmp/screens'
mkdirSync(out, { recursive: true })

const pic = (w: number, h: number, rgb: [number, number, number]) => {
  const r = readPicture(makePng(w, h, rgb))
  if (!r.ok) throw new Error(r.reason)
  return r.picture
}
const wide = pic(1200, 600, [30, 90, 160])
const tall = pic(300, 900, [160, 60, 40])
const small = pic(60, 40, [40, 140, 60])
const deck: Deck = {
  id: 'radars',
  title: 'Radars',
  description: '',
  language: 'en',
  version: 1,
  authors: [],
  tags: [],
  cards: [
    {
      id: 'a',
      type: 'basic',
      kind: 'place',
      front: 'Which site does this radar building stand at?',
      back: 'Deveselu, Romania',
      reversible: false,
      paragraphs: [1],
      tags: [],
      explanation: 'The Aegis Ashore site opened in 2016.',
      pictures: {
        prompt: [{ id: wide.id, alt: 'A wide blue rectangle standing for the radar building' }],
        answer: [
          { id: tall.id, alt: 'A tall red tower' },
          { id: small.id, alt: 'A small green badge' },
        ],
        explanation: [{ id: small.id, alt: 'The badge again' }],
      },
    },
  ],
}
const missing: Deck = {
  ...deck,
  id: 'missing',
  title: 'Missing',
  cards: [
    {
      ...deck.cards[0]!,
      pictures: {
        prompt: [
          {
            id: 'f'.repeat(64),
            alt: 'A photo of the Redzikowo site taken from the north gate in winter',
          },
        ],
      },
    },
  ],
}
writeFileSync(join(out, 'radars.deck.zip'), writeDeckPackage(deck, [wide, tall, small]))
writeFileSync(join(out, 'missing.json'), exportDeckFile(missing))

const server = await previewDist(4197)
console.log(`screenshots in ${out}`)
const browser = await launchChromium()
try {
  for (const scheme of ['light', 'dark'] as const)
    for (const size of [
      { name: 'phone', width: 360, height: 640 },
      { name: 'desktop', width: 1280, height: 800 },
    ]) {
      const page = await browser.newPage({ viewport: size, colorScheme: scheme })
      for (const file of [join(out, 'radars.deck.zip'), join(out, 'missing.json')]) {
        await page.goto(server.base + '/import')
        await page.locator('#import-file').setInputFiles(file)
        await page.getByTestId('confirm-import').click()
        await page.getByTestId('import-done').waitFor()
      }
      await page.goto(server.base + '/study/radars')
      await page.locator('.question img').first().waitFor()
      await page.waitForTimeout(500)
      await page.screenshot({ path: `${out}/pictures-study-${size.name}-${scheme}.png` })
      await page.keyboard.press('Space')
      await page.waitForTimeout(600)
      await page.screenshot({ path: `${out}/pictures-answer-${size.name}-${scheme}.png` })
      await page.goto(server.base + '/study/missing')
      await page.locator('.question').first().waitFor()
      await page.waitForTimeout(500)
      await page.screenshot({ path: `${out}/pictures-missing-${size.name}-${scheme}.png` })
      await page.close()
    }
} finally {
  await browser.close()
  await server.close()
}
