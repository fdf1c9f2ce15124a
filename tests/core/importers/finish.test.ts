import { describe, expect, it } from 'vitest'
import { finishImport } from '@/core/importers/common'
import { makeCard } from '../../fixtures/decks'

describe('finishImport', () => {
  const left = { line: 3, message: 'the card has no answer, so it was left out' }

  it('says no card was made first, then why each was left out', () => {
    const result = finishImport(
      { cards: [], warnings: [left], lines: [] },
      {},
      {
        fallbackTitle: 'Imported',
        none: 'no cards found',
      },
    )
    expect(result).toEqual({ ok: false, issues: [{ message: 'no cards found' }, left] })
  })

  it('names the deck from the options, then the file, then the fallback', () => {
    const read = { cards: [makeCard()], warnings: [left], lines: [1] }
    const named = (options: { title?: string }, fromFile?: string) => {
      const result = finishImport(read, options, { fromFile, fallbackTitle: 'Imported', none: '' })
      return result.ok ? result.deck.title : undefined
    }
    expect(named({ title: 'Mine' }, 'From file')).toBe('Mine')
    expect(named({}, 'From file')).toBe('From file')
    expect(named({})).toBe('Imported')
    const result = finishImport(read, {}, { fallbackTitle: 'Imported', none: '' })
    expect(result.ok && result.warnings).toEqual([left])
  })
})
