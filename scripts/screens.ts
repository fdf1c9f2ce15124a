// npm run screens (after a build): screenshots of the main screens at phone and desktop sizes,
// light and dark, into .tmp/screens/, for looking at what we build.
import { mkdirSync } from 'node:fs'
import { launchChromium, previewDist } from './preview'

const routes = (process.argv[2] ?? '/,/deck/bmd-europe-and-nato,/study,/settings').split(',')
const sizes = [
  { name: 'phone', width: 360, height: 640 },
  { name: 'desktop', width: 1280, height: 800 },
]
const out = '.tmp/screens'
mkdirSync(out, { recursive: true })

const server = await previewDist(4190)
const BASE = server.base
const browser = await launchChromium()
try {
  for (const scheme of ['light', 'dark'] as const)
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: size, colorScheme: scheme })
      for (const route of routes) {
        await page.goto(BASE + route)
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(400)
        const name = `${out}/${route.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'home'}-${size.name}-${scheme}.png`
        await page.screenshot({ path: name, fullPage: process.argv.includes('--full') })
        console.log(name)
      }
      await page.close()
    }
} finally {
  await browser.close()
  await server.close()
}
