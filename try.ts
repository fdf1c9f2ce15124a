import { openProfile, BASE } from './tests/e2e/browser'
import { answerCard } from './tests/e2e/drive'
import { preview } from 'vite'
const server = await preview({ preview: { port: 4180, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' })
const p = await openProfile()
p.page.on('pageerror', (e) => console.log('pageerror:', e.message))
p.page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()) })
await p.page.goto(BASE + '/study')
for (let i = 0; i < 2; i++) await answerCard(p.page)
await p.page.goto(BASE + '/settings')
const [download] = await Promise.all([p.page.waitForEvent('download'), p.page.getByRole('button', { name: 'Export backup' }).click()])
await download.saveAs('/tmp/b.json')
await p.page.getByLabel('Backup file').setInputFiles('/tmp/b.json')
await p.page.getByTestId('confirm-import').click()
await p.page.waitForTimeout(3000)
const t = await p.page.locator('main').innerText(); console.log(t.slice(t.indexOf('Import backup'), t.indexOf('Import backup') + 600))
await p.close(); await server.close()
