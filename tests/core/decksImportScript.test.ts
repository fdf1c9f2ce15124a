// @vitest-environment node
// `npm run decks -- import|export`, run as an instructor runs it: a child process and its exit code.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { serializeDeck, type Card, type Deck } from '@/core/deck'
import { strFromU8, unzipSync } from 'fflate'
import { encodeQuizCode } from '@/core/quizCode'
import { makeDeck, makeQuizConfig } from '../fixtures/decks'
import { sharedFixture } from '../fixtures/shared'

const dir = mkdtempSync(join(tmpdir(), 'decks-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const file = join(dir, name)
  writeFileSync(file, text)
  return file
}

function decks(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/decks.ts', ...args], {
    encoding: 'buffer',
  })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.toString('utf8') }
}

describe('decks import', () => {
  it('prints the decks of several files as normalized deck JSON, warnings on stderr', () => {
    const run = decks(
      'import',
      sharedFixture('gift', 'moodle-questions.gift.txt'),
      sharedFixture('aiken', 'moodle-questions.aiken.txt'),
    )
    expect(run.status).toBe(0)
    const out = JSON.parse(run.stdout.toString('utf8')) as { cards: Card[] }[]
    expect(out.map((d) => d.cards.length)).toEqual([11, 2])
    // normalized key order, as `decks dump` prints
    expect(Object.keys(out[1]!.cards[0]!).slice(0, 3)).toEqual(['id', 'type', 'kind'])
    expect(run.stderr).toMatch(/moodle-questions\.gift\.txt: warning: line 1: "Q8" is an essay/)
  })

  it('reads Anki packages with the same importer as the app', () => {
    const run = decks('import', sharedFixture('anki', 'anki21b-alphabet-word.apkg'))
    expect(run.status).toBe(0)
    const [deck] = JSON.parse(run.stdout.toString('utf8')) as { title: string; cards: Card[] }[]
    expect(deck!.title).toBe('Alphabet Word')
    expect(deck!.cards).toHaveLength(26)
  })

  it('exits 1 with every problem located when a file cannot be imported', () => {
    const bad = write('bad.gift', '::a:: Broken {=x\n\n::b:: Also broken {~y')
    const run = decks('import', bad, '--format', 'gift')
    expect(run.status).toBe(1)
    expect(run.stdout.length).toBe(0)
    expect(run.stderr).toMatch(/bad\.gift: line 1, column \d+: this question could not be read/)
    expect(run.stderr).toMatch(/bad\.gift: line 3, column \d+: this question could not be read/)
  })

  it('refuses an unknown format by name', () => {
    const run = decks('import', 'x.txt', '--format', 'docx')
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/unknown format "docx"/)
  })
})

describe('decks export', () => {
  const deckFile = write(
    'deck.json',
    serializeDeck(
      makeDeck({
        cards: [
          {
            id: 's',
            type: 'single',
            kind: 'place',
            prompt: 'Site in Romania?',
            answer: 'Deveselu',
            distractors: ['Redzikowo'],
            paragraphs: [],
            tags: [],
          },
          {
            id: 'o',
            type: 'ordering',
            kind: 'event',
            prompt: 'Order',
            items: ['a', 'b'],
            paragraphs: [],
            tags: [],
          },
        ],
      }),
    ),
  )

  it('writes Aiken to stdout and says first what Aiken cannot hold', () => {
    const run = decks('export', deckFile, '--format', 'aiken')
    expect(run.status).toBe(0)
    expect(run.stdout.toString('utf8')).toMatch(/^Site in Romania\?\n[AB]\) /)
    expect(run.stderr).toContain("1 ordering card can't be expressed in Moodle Aiken")
  })

  it('writes a QTI package as zip bytes', () => {
    const run = decks('export', deckFile, '--format', 'qti')
    expect(run.status).toBe(0)
    expect([...run.stdout.subarray(0, 2)]).toEqual([0x50, 0x4b]) // "PK"
  })

  it('writes a quiz drawn from the decks as QTI, from settings or a quiz code', () => {
    const run = decks(
      'quiz',
      deckFile,
      '--count',
      '2',
      '--forms',
      'single,ordering',
      '--seed',
      's1',
      '--seconds',
      '30',
    )
    expect(run.status).toBe(0)
    expect([...run.stdout.subarray(0, 2)]).toEqual([0x50, 0x4b])
    const xml = Object.entries(unzipSync(new Uint8Array(run.stdout))).find(
      ([name]) => name.endsWith('.xml') && name !== 'imsmanifest.xml',
    )![1]
    expect(strFromU8(xml)).toContain('Site in Romania?')
    expect(run.stderr).toContain('1 ordering question is written as matching')
    expect(run.stderr).toContain('the quiz gets 1 min in all (2 questions × 30 s)')

    const code = encodeQuizCode(
      makeQuizConfig({ deckIds: ['test-deck'], count: 1, forms: ['single'], seed: 's2' }),
    )
    const fromCode = decks('quiz', deckFile, '--code', code)
    expect(fromCode.status).toBe(0)
    expect(fromCode.stderr).toContain('Exam rules')
  })

  it('writes a quiz as GIFT when asked, listing first what GIFT cannot hold', () => {
    const run = decks(
      'quiz',
      deckFile,
      '--count',
      '2',
      '--forms',
      'single,ordering',
      '--seed',
      's1',
      '--format',
      'gift',
    )
    expect(run.status).toBe(0)
    expect(run.stdout.toString('utf8')).toMatch(/::intercept-quiz-s1-q\d:: Site in Romania\? \{/)
    expect(run.stderr).toContain('1 ordering question is written as matching')
    expect(run.stderr).toContain('fills Moodle’s question bank')
    expect(decks('quiz', deckFile, '--format', 'pdf').status).toBe(2)
  })

  it('refuses quiz settings it cannot use, naming each', () => {
    const run = decks('quiz', deckFile, '--count', '0', '--mode', 'test')
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('count: must be at least 1')
    expect(run.stderr).toContain('mode: must be exam or practice')
    expect(decks('quiz', deckFile, '--code', 'NOT-A-CODE').status).toBe(1)
  })
})

describe('decks import --pictures', () => {
  it('prints pictures as references and writes the bytes of each as <sha256>.<ext>', async () => {
    const { writeDeckPackage } = await import('@/core/deckPackage')
    const { withPictures } = await import('@/core/pictures')
    const { makeCard } = await import('../fixtures/decks')
    const { makePicture } = await import('../fixtures/pictures')
    const red = makePicture([200, 0, 0], 12)
    const blue = makePicture([0, 0, 200], 9)
    const deck = makeDeck({
      id: 'organs',
      cards: [
        withPictures(makeCard({ id: 'heart' }), 'prompt', [{ id: red.id, alt: 'Red' }]),
        withPictures(makeCard({ id: 'lung' }), 'explanation', [{ id: blue.id, alt: 'Blue' }]),
      ],
    })
    const zip = join(dir, 'organs.deck.zip')
    writeFileSync(zip, writeDeckPackage(deck, [red, blue]))

    const plain = decks('import', zip)
    expect(plain.status).toBe(0)
    const [printed] = JSON.parse(plain.stdout.toString('utf8')) as Deck[]
    expect(printed!.cards.map((c) => c.pictures)).toEqual([
      { prompt: [{ id: red.id, alt: 'Red' }] },
      { explanation: [{ id: blue.id, alt: 'Blue' }] },
    ])
    expect(plain.stderr).toContain(
      `organs.deck.zip: 2 pictures, named by SHA-256 in the cards' "pictures"; --pictures <dir> writes their bytes`,
    )

    const out = join(dir, 'pictures-out')
    const run = decks('import', zip, '--pictures', out)
    expect(run.status).toBe(0)
    expect(run.stderr).toContain(`wrote 2 pictures to ${out}`)
    expect(readdirSync(out).sort()).toEqual([`${red.id}.png`, `${blue.id}.png`].sort())
    expect([...readFileSync(join(out, `${red.id}.png`))]).toEqual([...red.bytes])
    expect([...readFileSync(join(out, `${blue.id}.png`))]).toEqual([...blue.bytes])
  })

  it('writes no picture when a file cannot be imported', () => {
    const out = join(dir, 'none')
    const bad = write('broken.deck.zip', 'PK\u0003\u0004 not really a zip')
    const run = decks('import', bad, '--pictures', out)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('broken.deck.zip cannot be opened as a zip')
    expect(existsSync(out)).toBe(false)
  })

  it('says on export that a deck file names its pictures but does not carry them', async () => {
    const { withPictures } = await import('@/core/pictures')
    const { makeCard } = await import('../fixtures/decks')
    const file = write(
      'pictured.json',
      serializeDeck(
        makeDeck({
          id: 'pictured',
          cards: [
            withPictures(makeCard({ id: 'a' }), 'prompt', [{ id: 'a'.repeat(64), alt: 'A' }]),
          ],
        }),
      ),
    )
    const run = decks('export', file, '--format', 'deck')
    expect(run.status).toBe(0)
    expect(run.stderr).toContain(
      'The deck file names its 1 picture but does not carry it: export the deck with its pictures (.zip) to keep them',
    )
    expect(run.stdout.toString('utf8')).toContain(`"id": "${'a'.repeat(64)}"`)
  })
})
