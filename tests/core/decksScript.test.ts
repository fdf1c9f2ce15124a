// @vitest-environment node
// `npm run decks -- check`, run as an instructor runs it: a child process and its exit code.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serializeDeck, type Card } from '@/core/deck'
import { makeCard, makeDeck } from '../fixtures/decks'

const dir = mkdtempSync(join(tmpdir(), 'decks-check-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

function check(...files: string[]) {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/decks.ts', 'check', ...files],
    {
      encoding: 'utf8',
    },
  )
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('decks check', () => {
  it('passes valid decks', () => {
    const a = write('a.json', serializeDeck(makeDeck({ id: 'deck-a' })))
    const b = write('b.json', serializeDeck(makeDeck({ id: 'deck-b' })))
    const run = check(a, b)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('2 deck file(s), 2 cards: all valid.')
  })

  // Regression: two files with one deck id passed, though the app keys decks and progress on it.
  it('fails on a deck id used by two files, naming both', () => {
    const first = write('first.json', serializeDeck(makeDeck({ id: 'same' })))
    const second = write(
      'second.json',
      serializeDeck(makeDeck({ id: 'same', cards: [makeCard({ id: 'other' })] })),
    )
    const run = check(first, second)
    expect(run.status).toBe(1)
    const line = run.stderr.split('\n').find((l) => l.includes('"same"'))
    expect(line).toMatch(
      /second\.json: field "id": deck id "same" is already used by .*first\.json/,
    )
    expect(run.stderr).toContain('1 of 2 deck file(s) have problems.')
  })

  it('lists every located error and exits 1', () => {
    const bad = write(
      'bad.json',
      JSON.stringify({ id: 'bad', title: '', cards: [{ id: 'x', type: 'typed', prompt: 'Q' }] }),
    )
    const run = check(bad)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('bad.json: field "title": must not be empty')
    expect(run.stderr).toContain('bad.json: card "x" (#1), field "answers": is required')
  })

  it('fails on a map card whose country its map does not show', () => {
    const file = write(
      'map.json',
      serializeDeck(
        makeDeck({
          id: 'maps',
          cards: [
            makeCard({
              id: 'japan-in-europe',
              type: 'map',
              prompt: 'Tap the country that co-developed the SM-3 Block IIA.',
              answers: ['JPN'],
              region: 'europe',
            } as Partial<Card>),
            makeCard({
              id: 'poland',
              type: 'map',
              prompt: 'Tap the country to host land-based SM-3s by 2018.',
              answers: ['POL'],
              region: 'europe',
            } as Partial<Card>),
          ],
        }),
      ),
    )
    const run = check(file)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'map.json: card "japan-in-europe" (#1), field "region": the europe map does not show Japan',
    )
    expect(run.stderr).not.toContain('"poland"')
  })
  // review findings: plans read as done, and years asked with kind "other"
  it('fails on the content rules: an undated plan and a year of the wrong kind', () => {
    const file = write(
      'content.json',
      serializeDeck(
        makeDeck({
          id: 'content',
          source: { title: 'An article', year: 2013 },
          cards: [
            makeCard({
              id: 'altbmd',
              type: 'numeric',
              kind: 'other',
              prompt: 'When is ALTBMD to be fully operational?',
              answer: { min: 2018, max: 2020 },
              event: { label: 'ALTBMD fully operational', year: 2018, endYear: 2020 },
            } as Partial<Card>),
          ],
        }),
      ),
    )
    const run = check(file)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(
      'content.json: card "altbmd" (#1), field "event.label": is dated 2020, after the source was written (2013)',
    )
    expect(run.stderr).toContain(
      'content.json: card "altbmd" (#1), field "kind": is "other" but the answer is a year',
    )
  })
})
