import { describe, expect, it } from 'vitest'
import { backupPicture, makeBackup, readBackup, restoredPicture } from '@/core/backup'
import { pictureId, toBase64 } from '@/core/pictureBytes'
import { makePicture } from '../fixtures/pictures'
import { DEFAULT_SETTINGS } from '@/core/settings'
import { newMemory } from '@/core/scheduler'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const memory = newMemory(NOW)
const valid = makeBackup({
  exportedAt: NOW,
  settings: { ...DEFAULT_SETTINGS, newPerDay: 7 },
  decks: [{ id: 'test-deck', origin: 'user', deck: makeDeck(), installedAt: NOW, updatedAt: NOW }],
  progress: [
    {
      id: 'test-deck/c1',
      deckId: 'test-deck',
      cardId: 'c1',
      fact: 'test-deck/c1',
      memory,
      retired: false,
      updatedAt: NOW,
      rev: 1,
    },
  ],
  reviews: [
    {
      id: '01JZ0000000000000000000001',
      itemId: 'test-deck/c1',
      deckId: 'test-deck',
      at: NOW,
      recall: 'good',
      durationMs: 1200,
      before: memory,
      after: memory,
      source: 'study',
    },
  ],
  quizResults: [],
})

describe('readBackup', () => {
  it('accepts its own export and summarizes it', () => {
    const result = readBackup(JSON.stringify(valid))
    expect(result).toMatchObject({
      ok: true,
      summary: { decks: 1, userDecks: 1, progress: 1, reviews: 1, quizResults: 0 },
    })
    expect(result.ok && result.backup).toEqual(valid)
  })

  it('gives the numbered reviews of an old backup the same ids each time it is read', () => {
    const old = {
      ...valid,
      reviews: [
        { ...valid.reviews[0], id: 7 },
        { ...valid.reviews[0], at: NOW + 1 },
      ],
    }
    const first = readBackup(JSON.stringify(old))
    const again = readBackup(JSON.stringify(old))
    const ids = first.ok ? first.backup.reviews.map((r) => r.id) : []
    expect(ids).toHaveLength(2)
    for (const id of ids) expect(id).toMatch(/^[0-9A-Z]{26}$/)
    expect(new Set(ids).size).toBe(2)
    expect(again.ok && again.backup.reviews.map((r) => r.id)).toEqual(ids)
  })

  it('refuses a file that is not JSON, with the line and column', () => {
    const result = readBackup('{"app": "intercept",\n  oops }')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.errors[0]).toMatch(/line 2, column 3/)
  })

  it('refuses a foreign file in plain words', () => {
    expect(readBackup(JSON.stringify({ id: 'a deck', cards: [] }))).toEqual({
      ok: false,
      errors: ['This file is not an Intercept backup. Choose a file made with “Export backup”.'],
    })
  })

  it('refuses a backup from a newer version', () => {
    const result = readBackup(JSON.stringify({ ...valid, format: 99 }))
    expect(!result.ok && result.errors[0]).toMatch(/newer version/)
  })

  it('locates corrupt rows and reports them all', () => {
    const corrupt = {
      ...valid,
      settings: { ...valid.settings, retention: 3 },
      progress: [{ ...valid.progress[0], memory: { ...memory, state: 'forgotten' } }],
      reviews: [{ ...valid.reviews[0], recall: 'maybe' }],
      decks: [
        {
          ...valid.decks[0],
          deck: { ...makeDeck(), cards: [{ id: 'x', type: 'typed', prompt: 'Q', answers: [] }] },
        },
      ],
    }
    const result = readBackup(JSON.stringify(corrupt))
    expect(result.ok).toBe(false)
    const errors = result.ok ? [] : result.errors
    expect(errors).toContain('settings.retention must be a number from 0.7 to 0.99')
    expect(
      errors.some((e) => e.startsWith('progress row 1, field "memory.state": should be')),
    ).toBe(true)
    expect(errors.some((e) => e.startsWith('review 1, field "recall"'))).toBe(true)
    expect(
      errors.some((e) => e.startsWith('deck 1 (test-deck): card "x" (#1), field "answers"')),
    ).toBe(true)
  })

  it('refuses duplicate rows', () => {
    const result = readBackup(
      JSON.stringify({ ...valid, progress: [valid.progress[0], valid.progress[0]] }),
    )
    expect(!result.ok && result.errors[0]).toMatch(/appears twice/)
  })
})

describe('pictures in a backup', () => {
  const red = makePicture([200, 0, 0])
  const blue = makePicture([0, 0, 200])
  const deck = makeDeck({
    cards: [
      makeCard({
        pictures: { prompt: [{ id: red.id, alt: 'Red' }], answer: [{ id: blue.id, alt: 'Blue' }] },
      }),
    ],
  })
  const withPictures = makeBackup({
    ...valid,
    decks: [{ id: 'test-deck', origin: 'user', deck, installedAt: NOW, updatedAt: NOW }],
    pictures: [backupPicture(red), backupPicture(blue)],
  })

  it('carries the pictures the decks show, as format 2, and gives them back byte for byte', () => {
    expect(valid.format).toBe(1)
    expect(withPictures.format).toBe(2)
    const result = readBackup(JSON.stringify(withPictures))
    expect(result).toMatchObject({ ok: true, summary: { pictures: 2 } })
    if (!result.ok) return
    expect(result.backup.pictures.map(restoredPicture)).toEqual([red, blue])
  })

  it('refuses the whole backup when a picture is damaged, missing or not a picture', () => {
    const damaged = structuredClone(withPictures)
    const data = damaged.pictures[0]!.data
    damaged.pictures[0]!.data = (data[0] === 'A' ? 'B' : 'A') + data.slice(1)
    expect(readBackup(JSON.stringify(damaged))).toMatchObject({
      ok: false,
      errors: [
        'picture 1: its bytes are damaged (they do not match its id)',
        expect.stringContaining('a card shows a picture the backup does not hold'),
      ],
    })
    const missing = { ...withPictures, pictures: [withPictures.pictures[0]] }
    expect(readBackup(JSON.stringify(missing))).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('a card shows a picture the backup does not hold')],
    })
    const script = new TextEncoder().encode('<svg onload="alert(1)"/>')
    const svg = {
      ...withPictures,
      pictures: [
        ...withPictures.pictures,
        { id: pictureId(script), type: 'image/png', data: toBase64(script) },
      ],
    }
    expect(readBackup(JSON.stringify(svg))).toMatchObject({ ok: false })
    const notBase64 = {
      ...withPictures,
      pictures: [{ ...withPictures.pictures[0], data: '%%%%' }, withPictures.pictures[1]],
    }
    expect(readBackup(JSON.stringify(notBase64))).toMatchObject({
      ok: false,
      errors: ['picture 1: its data is not base64', expect.any(String)],
    })
  })
})
