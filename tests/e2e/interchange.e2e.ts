// Decks and progress in and out of Intercept, in Chromium on the built app: a learner's Anki
// progress kept through the import worker and the install, and a deck exported for Moodle read
// back in. Expected values come from the same core code run here in Node.
import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import { describeExportPlan, exportDeckAs, planExport } from '@/core/exportFormats'
import { runImportJob } from '@/core/importers/job'
import { importAiken } from '@/core/importers/aiken'
import { DEFAULT_SETTINGS, schedulerSettings } from '@/core/settings'
import type { ProgressRow } from '@/core/records'
import { encodeQuizCode } from '@/core/quizCode'
import { exportQuizQti } from '@/core/exportQuiz'
import { generateQuiz } from '@/core/quiz/generate'
import { makePackage } from '../fixtures/ankiPackages'
import { loadSqlNode } from '../../scripts/sqlNode'
import shipped from '../../decks/bmd-europe-and-nato.json'
import { BASE, openProfile, type Profile } from './browser'

const profiles: Profile[] = []
afterEach(async () => {
  for (const p of profiles) expect(p.foreign).toEqual([])
  for (const p of profiles.splice(0)) await p.close()
})

const DAY = 86_400_000

describe('Keep my Anki progress', () => {
  it('imports a package with its history: replayed states and due dates, reviews in the stats', async () => {
    const start = Date.now() - 30 * DAY
    const bytes = await makePackage({
      generation: 'anki21',
      deckName: 'Sites',
      notes: [
        { guid: 'deveselu', model: 'basic', fields: ['Deveselu', 'Romania'] },
        { guid: 'redzikowo', model: 'basic', fields: ['Redzikowo', 'Poland'] },
        { guid: 'kurecik', model: 'reversed', fields: ['Kürecik', 'Turkey'] },
        { guid: 'rota', model: 'basic', fields: ['Rota', 'Spain'] },
      ],
      reviews: [
        { guid: 'deveselu', at: start, ease: 3 },
        { guid: 'deveselu', at: start + 3 * DAY, ease: 3 },
        { guid: 'deveselu', at: start + 12 * DAY, ease: 3 },
        { guid: 'redzikowo', at: start + DAY, ease: 3 },
        { guid: 'redzikowo', at: start + 6 * DAY, ease: 1 },
        { guid: 'kurecik', ord: 1, at: start + 2 * DAY, ease: 4 },
      ],
    })
    // what the import worker replays, computed here with the app's default scheduler
    const expected = await runImportJob(
      {
        text: '',
        bytes,
        fileName: 'sites.apkg',
        scheduler: schedulerSettings(DEFAULT_SETTINGS),
      },
      () => {},
      undefined,
      { loadSql: loadSqlNode },
    )
    const rows = expected.replayed!.rows
    expect(rows).toHaveLength(3)

    const learner = await openProfile()
    profiles.push(learner)
    const { page } = learner
    await page.goto(`${BASE}/import`)
    await page.locator('#import-file').setInputFiles({
      name: 'sites.apkg',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(bytes),
    })
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('keep-progress').isChecked()).resolves.toBe(true)
    await expect(page.getByText('Keep my Anki progress (6 reviews').count()).resolves.toBe(1)
    await page.getByTestId('confirm-import').click()
    await page.getByTestId('import-done').waitFor()

    const stored = await page.evaluate(
      () =>
        new Promise<ProgressRow[]>((resolve, reject) => {
          const open = indexedDB.open('intercept')
          open.onerror = () => reject(open.error)
          open.onsuccess = () => {
            const get = open.result.transaction('progress').objectStore('progress').getAll()
            get.onsuccess = () => resolve(get.result as ProgressRow[])
            get.onerror = () => reject(get.error)
          }
        }),
    )
    const byId = new Map(stored.map((r) => [r.id, r]))
    for (const row of rows) {
      const got = byId.get(row.id)
      expect(got, row.id).toBeDefined()
      expect(got!.memory.state).toBe(row.memory.state)
      expect(got!.memory.due).toBe(row.memory.due)
      expect(got!.memory.reps).toBe(row.memory.reps)
    }
    // three right answers put a card in review, days out; "again" last keeps it on a short step
    const steady = stored.find((r) => r.memory.lastReview === start + 12 * DAY)!
    expect(steady.memory.state).toBe('review')
    expect(steady.memory.due).toBeGreaterThan(start + 13 * DAY)
    const missed = stored.find((r) => r.memory.lastReview === start + 6 * DAY)!
    expect(missed.memory.state).not.toBe('review')
    expect(missed.memory.due).toBeLessThan(start + 7 * DAY)
    for (const row of stored) expect(row.memory.due).toBeGreaterThan(row.memory.lastReview ?? 0)
    // a note never reviewed in Anki starts new here: no row
    expect(stored).toHaveLength(3)

    await page.goto(`${BASE}/stats`)
    await expect(page.getByTestId('summary').textContent()).resolves.toContain('6 in all')
  })
})

describe('export for another app', () => {
  it('reports what Aiken cannot hold, downloads the file, and reads it back in', async () => {
    const deck = parseDeck(shipped)
    if (!deck.ok) throw new Error('the shipped deck must parse')
    const lines = describeExportPlan(planExport(deck.value, 'aiken'))
    expect(lines).toContain(
      "1 ordering card can't be expressed in Moodle Aiken (Aiken has only multiple-choice questions)",
    )
    const readBack = importAiken(exportDeckAs(deck.value, 'aiken').data as string)
    if (!readBack.ok) throw new Error('the export must read back')

    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/deck/${deck.value.id}`)
    // the panel (and the exporters' code) loads when its section is opened, not with the page
    await page.getByTestId('deck-export-toggle').locator('summary').click()
    await page.getByTestId('export-panel').waitFor()
    await page.locator('#export-format').selectOption('aiken')
    const report = page.getByTestId('export-report')
    await expect(report.locator('li').allTextContents()).resolves.toEqual(lines)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ])
    expect(download.suggestedFilename()).toBe(`${deck.value.id}.aiken.txt`)
    const file = await download.path()
    const text = readFileSync(file, 'utf8')
    expect(text).toMatch(/\nANSWER: [A-Z]\n/)

    await page.goto(`${BASE}/import`)
    await page.locator('#import-file').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'text/plain',
      buffer: Buffer.from(text),
    })
    await page.getByTestId('import-preview').waitFor()
    await expect(page.getByTestId('import-effect').textContent()).resolves.toContain(
      `adds a new deck with ${readBack.deck.cards.length} cards`,
    )
  })
})

describe('a quiz for Canvas', () => {
  it('exports a quiz from its settings without sitting it: the QTI package holds the manifest and its items', async () => {
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/quiz?deck=bmd-europe-and-nato`)
    await page.locator('#quiz-count').fill('6')
    await page.getByTestId('setup-export').locator('summary').click()
    const report = page.getByTestId('quiz-export-report')
    await expect(report.textContent()).resolves.toContain('Practice mode shows each answer at once')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('quiz-export-download').click(),
    ])
    const seed = /^quiz-(.+)\.qti\.zip$/.exec(download.suggestedFilename())?.[1]
    expect(seed).toBeTruthy()
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())))
    const manifest = strFromU8(zip['imsmanifest.xml']!)
    expect(manifest).toContain('type="imsqti_xmlv1p2"')
    const xml = strFromU8(zip[/href="([^"]+)"/.exec(manifest)![1]!]!)
    expect(xml).toContain('title="Quiz: Missile Defense in Europe and NATO"')
    expect(xml).toContain('<fieldlabel>qmd_timelimit</fieldlabel><fieldentry>10</fieldentry>')
    // the very questions the app's generator makes from these settings and this seed
    const deck = parseDeck(shipped)
    if (!deck.ok) throw new Error('the shipped deck parses')
    const config = {
      deckIds: ['bmd-europe-and-nato'],
      tags: [],
      count: 6,
      forms: ['typed', 'single', 'multi', 'ordering', 'truefalse', 'matching'] as const,
      timing: { kind: 'total', limitMs: 600_000 } as const,
      mode: 'practice' as const,
      seed: seed!,
    }
    const quiz = generateQuiz({ ...config, forms: [...config.forms] }, [deck.value])
    const expected = exportQuizQti('x', 'x', quiz.questions, config)
    expect(xml.match(/<item /g)).toHaveLength(expected.plan.written)
    expect(expected.plan.written).toBe(6)
    for (const entry of quiz.questions)
      expect(xml).toContain(`ident="intercept-quiz-${seed}-${entry.id}"`)
    // nothing was sat: no quiz in progress, no result
    await page.reload()
    await page.locator('#quiz-count').waitFor()
    await expect(page.getByText('You have a quiz in progress').count()).resolves.toBe(0)
    await expect(page.getByTestId('recent-result').count()).resolves.toBe(0)
  })

  it('exports the questions of a quiz result as QTI, with the report first', async () => {
    const code = encodeQuizCode({
      deckIds: ['bmd-europe-and-nato'],
      tags: [],
      count: 4,
      forms: ['single', 'truefalse', 'ordering', 'matching'],
      timing: { kind: 'total', limitMs: 6_000 },
      mode: 'exam',
      seed: 'canvas-1',
    })
    const teacher = await openProfile()
    profiles.push(teacher)
    const { page } = teacher
    await page.goto(`${BASE}/quiz/join?c=${encodeURIComponent(code)}`)
    await page.getByTestId('start-shared').click()
    // no answers: the clock hands the quiz in
    await page.waitForURL(/\/quiz\/result\//, { timeout: 20_000 })
    await page.getByTestId('quiz-export-toggle').locator('summary').click()
    const report = page.getByTestId('quiz-export-report')
    await expect(report.textContent()).resolves.toContain(
      'Canvas counts time limits in minutes: the limit is 1 min',
    )
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('quiz-export-download').click(),
    ])
    expect(download.suggestedFilename()).toBe('quiz-canvas-1.qti.zip')
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())))
    const manifest = strFromU8(zip['imsmanifest.xml']!)
    const xml = strFromU8(zip[/href="([^"]+)"/.exec(manifest)![1]!]!)
    expect(xml).toContain('title="Quiz: Missile Defense in Europe and NATO"')
    expect(xml.match(/<item /g)).toHaveLength(4)
    expect(xml).toContain('<fieldlabel>qmd_timelimit</fieldlabel><fieldentry>1</fieldentry>')
  })
})
