import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { buildShippedDecks } from '../../scripts/vite-shipped-decks'

const dirs: string[] = []
function deckDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'intercept-decks-'))
  dirs.push(dir)
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content))
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const card = { id: 'c1', type: 'basic', front: 'Front', back: 'Back' }

describe('shipped decks at build time', () => {
  it('writes the validated deck with its defaults, skipping the schema file', async () => {
    const dir = deckDir({
      'a.json': { id: 'a', title: 'A', cards: [card] },
      'deck.schema.json': { type: 'object' },
    })
    const [built, ...rest] = await buildShippedDecks(dir)
    expect(rest).toEqual([])
    const deck = JSON.parse(built!.json)
    expect(deck).toMatchObject({ id: 'a', version: 1, tags: [], cards: [{ id: 'c1', tags: [] }] })
    expect(built!.hash).toMatch(/^[0-9a-f]{10}$/)
  })

  it('names a changed deck differently', async () => {
    const one = await buildShippedDecks(
      deckDir({ 'a.json': { id: 'a', title: 'A', cards: [card] } }),
    )
    const two = await buildShippedDecks(
      deckDir({ 'a.json': { id: 'a', title: 'B', cards: [card] } }),
    )
    expect(one[0]!.hash).not.toBe(two[0]!.hash)
  })

  it('fails the build with every located problem', async () => {
    const dir = deckDir({
      'good.json': { id: 'good', title: 'Good', cards: [card] },
      'bad.json': { id: 'bad', title: 'Bad', cards: [{ ...card, back: '' }] },
      'broken.json': '{"id": "x",',
    })
    const failure = buildShippedDecks(dir)
    await expect(failure).rejects.toThrow(/bad\.json: card "c1" \(#1\), field "back"/)
    await expect(failure).rejects.toThrow(/broken\.json: .*line 1/)
  })

  it('accepts every deck in decks/', async () => {
    const built = await buildShippedDecks(join(import.meta.dirname, '..', '..', 'decks'))
    expect(built.map((b) => b.file)).toContain('bmd-europe-and-nato.json')
    for (const b of built)
      expect(JSON.parse(b.json).id).toBe(JSON.parse(readFileSync(join('decks', b.file), 'utf8')).id)
  })
})
