import { enableAutoUnmount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Backup } from '@/core/backup'
import { exportBackup } from '@/storage/backup'
import { installDeck, listDecks } from '@/storage/decks'
import { countReviews, listProgress } from '@/storage/progress'
import { loadSettings, saveSettings } from '@/storage/settings'
import { useDataStore } from '@/stores/data'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'
import { recordAnswer } from '../fixtures/answers'
import { button, mountRoute, until, untilText } from './harness'
import { stubOfflineFetch } from '../offline'

enableAutoUnmount(afterEach)

const DECK = makeDeck({ id: 'deck', cards: [makeCard({ id: 'a' })] })

async function answer(itemId: string, at: number) {
  await recordAnswer(itemId, 'good', at, { durationMs: 4000 })
}

/** Everything stored, to compare before and after. */
async function storedState() {
  return {
    decks: await listDecks(),
    progress: await listProgress(),
    reviews: await countReviews(),
    settings: await loadSettings(),
  }
}

/** Picks `text` as the backup file to import. */
async function chooseBackup(w: VueWrapper, text: string) {
  const input = w.get('input[type="file"][aria-label="Backup file"]')
  const file = new File([text], 'backup.json', { type: 'application/json' })
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
}

beforeEach(async () => {
  stubOfflineFetch()
  await installDeck(DECK, 'user', NOW)
  await answer('deck/a', NOW)
  await saveSettings({ ...(await loadSettings()), newPerDay: 7 })
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('SettingsView', () => {
  it('shows the saved settings', async () => {
    const { wrapper: w } = await mountRoute('/settings')
    await until(
      () => (w.get('#new-per-day').element as HTMLInputElement).value === '7',
      'the saved settings',
    )
    expect(w.get('h1').text()).toBe('Settings')
  })

  it('keeps unsaved edits when the theme changes', async () => {
    const { wrapper: w } = await mountRoute('/settings')
    const field = () => w.get('#new-per-day').element as HTMLInputElement
    await until(() => field().value === '7', 'the saved settings')
    await w.get('#new-per-day').setValue('12')
    await button(w, 'Dark').trigger('click')
    await until(() => w.get('[aria-pressed="true"]').text() === 'Dark', 'the dark theme')
    expect(field().value).toBe('12')
    expect((await loadSettings()).theme).toBe('dark')
    expect((await loadSettings()).newPerDay).toBe(7)
  })

  it('refuses to save a cleared number, says so at the field, and changes nothing', async () => {
    const { wrapper: w } = await mountRoute('/settings')
    const field = () => w.get('#new-per-day').element as HTMLInputElement
    await until(() => field().value === '7', 'the saved settings')
    await w.get('#reviews-per-day').setValue('150')
    await w.get('#new-per-day').setValue('')
    await w.get('form').trigger('submit')
    await untilText(w, 'New cards per day is empty')
    expect(w.text()).not.toContain('Settings saved')
    expect(field().getAttribute('aria-invalid')).toBe('true')
    const described = field().getAttribute('aria-describedby')!
    expect(document.getElementById(described)?.textContent).toContain('New cards per day is empty')
    expect(document.activeElement).toBe(field())
    const stored = await loadSettings()
    expect(stored.newPerDay).toBe(7)
    expect(stored.reviewsPerDay).toBe(200)
    // mended, it saves
    await w.get('#new-per-day').setValue('9')
    expect(field().getAttribute('aria-invalid')).toBeNull()
    await w.get('form').trigger('submit')
    await untilText(w, 'Settings saved')
    expect((await loadSettings()).newPerDay).toBe(9)
    // the confirmation stays while the form is what was saved (it used to go after 3 s), and goes
    // with the next change
    await new Promise((resolve) => setTimeout(resolve, 3200))
    expect(w.text()).toContain('Settings saved')
    await w.get('#new-per-day').setValue('10')
    expect(w.text()).not.toContain('Settings saved')
  })

  it('refuses a corrupt backup, says why, and changes nothing', async () => {
    const before = await storedState()
    const { wrapper: w } = await mountRoute('/settings')
    await untilText(w, 'Your data')

    await chooseBackup(w, '{"app": "intercept", "kind": "backup", oops')
    await untilText(w, 'This file was not imported.')
    const alert = w.get('[role="alert"]')
    expect(alert.text()).toContain('Nothing on this device has changed.')
    expect(alert.findAll('li')[0]!.text()).toMatch(/^This is not a readable backup/)
    expect(w.find('[data-testid="confirm-import"]').exists()).toBe(false)
    expect(await storedState()).toEqual(before)
  })

  it('refuses a backup with a broken row, naming the row', async () => {
    const backup: Backup = await exportBackup(NOW)
    const broken = { ...backup, progress: [{ ...backup.progress[0]!, rev: -1 }] }
    const before = await storedState()
    const { wrapper: w } = await mountRoute('/settings')
    await untilText(w, 'Your data')

    await chooseBackup(w, JSON.stringify(broken))
    await untilText(w, 'This file was not imported.')
    expect(w.get('[role="alert"] li').text()).toMatch(/^progress row 1, field "rev"/)
    expect(await storedState()).toEqual(before)
  })

  it('restores a valid backup only once confirmed', async () => {
    const backup = await exportBackup(NOW)
    await saveSettings({ ...(await loadSettings()), newPerDay: 30 })
    const { wrapper: w } = await mountRoute('/settings')
    await untilText(w, 'Your data')

    await chooseBackup(w, JSON.stringify(backup))
    await untilText(w, 'Replace everything on this device with this backup?')
    expect((await loadSettings()).newPerDay).toBe(30)
    const compare = () =>
      Object.fromEntries(
        w
          .findAll('table.compare tbody tr')
          .map((r) => [r.get('th').text(), r.findAll('td').map((d) => d.text())]),
      )
    await until(() => compare()['Decks']?.[0] !== '', 'the counts of what is stored now')
    expect(compare()).toMatchObject({
      Decks: ['1', '1'],
      'Cards with progress': ['1', '1'],
      'Reviews in history': ['1', '1'],
    })

    await button(w, 'Replace with backup').trigger('click')
    await untilText(w, 'Backup restored.')
    expect((await loadSettings()).newPerDay).toBe(7)
    await until(
      () => (w.get('#new-per-day').element as HTMLInputElement).value === '7',
      'the restored settings',
    )
  })

  it('says in words why a restore failed, never the browser’s own message', async () => {
    const backup = await exportBackup(NOW)
    const { wrapper: w } = await mountRoute('/settings')
    await untilText(w, 'Your data')
    await chooseBackup(w, JSON.stringify(backup))
    await untilText(w, 'Replace everything on this device with this backup?')
    const raw = "Failed to execute 'put' on 'IDBObjectStore': the quota has been exceeded"
    vi.spyOn(useDataStore(), 'restore').mockRejectedValueOnce(
      new DOMException(raw, 'QuotaExceededError'),
    )
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    await button(w, 'Replace with backup').trigger('click')
    await untilText(w, 'Nothing was changed')
    expect(w.text()).toContain(
      'Nothing was changed: this device has no storage space left for Intercept: free some space, then try again.',
    )
    expect(w.text()).not.toContain('IDBObjectStore')
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: raw }))
    logged.mockRestore()
  })
})
