import { describe, expect, it } from 'vitest'
import type { CardOf, Deck } from '@/core/deck'
import { exportAiken } from '@/core/exportAiken'
import { detectFormat, importText } from '@/core/importers'
import { importAiken } from '@/core/importers/aiken'
import type { ImportResult } from '@/core/importers/common'
import { sharedText } from '../../fixtures/shared'

function deckOf(result: ImportResult): Deck {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.deck
}

describe('importAiken', () => {
  it('reads Moodle’s Aiken test file as single-choice cards', () => {
    const text = sharedText('aiken', 'moodle-questions.aiken.txt')
    expect(detectFormat(text)).toBe('aiken')
    const cards = deckOf(importText(text)).cards as CardOf<'single'>[]
    expect(cards).toHaveLength(2)
    expect(cards[0]).toMatchObject({
      prompt: 'The Moodle project was started by:',
      answer: 'Martin Dougiamas',
      distractors: ['Petr Skoda', 'Eloy Lafuente', 'Tim Hunt'],
    })
    // the HTML in the question is text, kept as written: it is shown as text, so it stays inert
    expect(cards[1]!.prompt).toBe(
      `Moodle's abilities include handling user input that includes <html class="cool"> & images:`,
    )
    expect(cards[1]!.answer).toBe('True')
  })

  it('imports the good questions of Moodle’s error file and reports each bad one at its line', () => {
    const result = importAiken(sharedText('aiken', 'moodle-aiken_errors.txt'))
    const cards = deckOf(result).cards as CardOf<'single'>[]
    expect(cards.map((c) => [c.prompt, c.answer])).toEqual([
      ['A good question', 'Correct'],
      ['A second good question', 'Correct (No space)'],
    ])
    expect(result.ok && result.warnings.map((w) => [w.line, w.message])).toEqual([
      [1, expect.stringMatching(/only one option/)],
      [5, expect.stringMatching(/comes before any question/)],
      [7, expect.stringMatching(/"ANSWER:" line with no question/)],
      [14, expect.stringMatching(/no "ANSWER:" line/)],
    ])
  })

  it('refuses an answer letter that names no option', () => {
    const result = importAiken('Q?\nA) x\nB) y\nANSWER: D')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.issues[1]).toMatchObject({ line: 4 })
  })

  it('round-trips through Aiken keeping every question', () => {
    const first = deckOf(importAiken(sharedText('aiken', 'moodle-questions.aiken.txt')))
    const again = deckOf(importAiken(exportAiken(first)))
    expect(again.cards).toEqual(first.cards)
  })
})
