// npm run bench:paste (after a build): pastes a long single line (no spaces, several scripts: the
// slow case for text layout) into the import box and into quick entry, through the real clipboard,
// in Chromium, and prints how long the page took to show the next frame after the paste and after
// each of a few keys. Text too large for a box is held as a source (composables/largeText), so
// these stay short whatever the size.
// Prints `bench paste-<box>-<chars> paste_ms=<x> keys_max_ms=<y>`.
import type { Page } from 'playwright-core'
import { launchChromium, previewDist } from './preview'

const SIZES = (process.env.SIZES ?? '100000,300000,1000000').split(',').map(Number)

function longLine(n: number): string {
  const chars = 'aé-б.日ش,/xyz'
  let out = ''
  for (let i = 0; out.length < n; i++) out += chars[(i * 7919) % chars.length]
  return out
}

/** Milliseconds until the page paints the frame after `act`. */
async function frameAfter(page: Page, act: () => Promise<void>): Promise<number> {
  const start = performance.now()
  await act()
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))))
  return performance.now() - start
}

const server = await previewDist(4194)
const BASE = server.base
const browser = await launchChromium()
try {
  for (const box of ['import', 'quick'] as const)
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: { width: 360, height: 640 } })
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE })
      const page = await context.newPage()
      if (box === 'import') await page.goto(`${BASE}/import`)
      else {
        await page.goto(`${BASE}/edit`)
        await page.getByText('Quick entry: paste a list').click()
      }
      const field = page.getByTestId(box === 'import' ? 'import-text' : 'quick-text')
      await field.focus()
      await page.evaluate((t) => navigator.clipboard.writeText(t), longLine(size))
      const paste = await frameAfter(page, () => page.keyboard.press('Control+V'))
      let keys = 0
      for (const key of ['End', 'a', 'Backspace', 'Home'])
        keys = Math.max(keys, await frameAfter(page, () => page.keyboard.press(key)))
      console.log(
        `bench paste-${box}-${size} paste_ms=${paste.toFixed(0)} keys_max_ms=${keys.toFixed(0)}`,
      )
      await context.close()
    }
} finally {
  await browser.close()
  await server.close()
}
