import { describe, expect, it } from 'vitest'
import { makeBackup, readBackup } from '@/core/backup'
import { DEFAULT_SETTINGS } from '@/core/settings'
import { newMemory } from '@/core/scheduler'
import { makeDeck, NOW } from '../fixtures/decks'

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
