import { describe, expect, it } from 'vitest'
import type { CardOf, Deck } from '@/core/deck'
import { exportGift } from '@/core/exportGift'
import { detectFormat } from '@/core/importers'
import type { ImportResult } from '@/core/importers/common'
import { importFile } from '@/core/importers/file'
import { importGift, splitGiftBlocks } from '@/core/importers/gift'
import { sharedText } from '../../fixtures/shared'

function deckOf(result: ImportResult): Deck {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.deck
}
function card<T extends Deck['cards'][number]['type']>(deck: Deck, id: string, type: T) {
  const found = deck.cards.find((c) => c.id === id)
  expect(found?.type).toBe(type)
  return found as CardOf<T>
}

describe('importGift on Moodle’s own test file', () => {
  // gift-pegjs rejects this file as a whole (a numerical answer without "=" before "~#feedback");
  // Moodle reads it, and so must we
  const result = importGift(sharedText('gift', 'moodle-questions.gift.txt'))
  const deck = deckOf(result)

  it('reads every question Moodle reads, the lenient numerical one included', () => {
    const q5 = card(deck, 'q5', 'numeric')
    expect(q5.answer).toEqual({ min: 1, max: 5 })
    expect(q5.explanation).toBe('Any other answer: Completely wrong')
  })

  it('turns weighted choices into a multiple-select card', () => {
    const colours = card(deck, 'colours', 'multi')
    expect(colours.answers).toEqual(['yellow', 'off-beige'])
    expect(colours.distractors).toEqual(['red', 'blue'])
  })

  it('turns one right choice into a single-choice card with per-answer feedback', () => {
    const q2 = card(deck, 'q2', 'single')
    expect(q2.answer).toBe('yellow')
    expect(q2.distractors).toEqual(['red', 'blue'])
    expect(q2.explanation).toContain("red: wrong, it's yellow")
  })

  it('reads true/false with Moodle’s order of feedback (wrong answer first)', () => {
    const q1 = card(deck, 'q1', 'single')
    expect(q1.answer).toBe('False')
    expect(q1.distractors).toEqual(['True'])
    expect(q1.explanation).toContain('True: 42 is the Ultimate Answer.')
    expect(q1.explanation).toContain('False: You gave the right answer.')
    expect(card(deck, '2-08-tsl', 'single').answer).toBe('True')
    expect(card(deck, '2-08-tsl-2', 'single').answer).toBe('True')
  })

  it('keeps full-credit short answers and says which partial ones were not kept', () => {
    expect(card(deck, 'shortanswer', 'typed').answers).toEqual(['Frog'])
    expect(result.ok && result.warnings).toContainEqual({
      line: 33,
      message:
        '"Shortanswer" gives partial credit for "Cat"; Intercept accepts only full-credit answers',
    })
  })

  it('makes a flashcard of each matching pair, HTML read as text, grouped by a tag', () => {
    const pairs = deck.cards.filter((c) => c.tags.includes('Moodle activities'))
    expect(pairs.map((c) => (c as CardOf<'basic'>).back)).toEqual([
      'Forum',
      'Choice',
      'Database',
      'Wiki',
    ])
    expect((pairs[0] as CardOf<'basic'>).front).toBe(
      'An activity supporting asynchronous discussions.',
    )
  })

  it('reports the essay it leaves out at its line', () => {
    expect(result.ok && result.warnings[0]).toEqual({
      line: 1,
      message: '"Q8" is an essay question with no answer to check, so it was left out',
    })
  })
})

describe('importGift', () => {
  it('decodes every escaped control character', () => {
    const deck = deckOf(importGift(sharedText('gift', 'pegjs-escapeAll.gift')))
    const q = card(deck, 'gift-control-characters', 'single')
    expect(q.answer).toBe('\\')
    expect(q.distractors).toEqual(['~', '=', '#', '{', '}', ':'])
  })

  it('reads tolerances and ranges as numeric ranges, exact numbers as numbers', () => {
    const deck = deckOf(importGift(sharedText('gift', 'pegjs-numerical1.gift')))
    const answers = deck.cards.map((c) => (c as CardOf<'numeric'>).answer)
    expect(answers.slice(0, 8)).toEqual([
      1822,
      -1,
      { min: 3.1415 - 0.0005, max: 3.1415 + 0.0005 },
      { min: -3.142 - 0.001, max: -3.142 + 0.001 },
      { min: 3.141, max: 3.142 },
      { min: -3.142, max: -3.141 },
      { min: 1, max: 5 },
      { min: -5, max: 5 },
    ])
    // the full-credit answer wins over the partial one
    expect(answers[8]).toBe(1822)
  })

  it('reads the GIFT documentation’s examples: missing word, short answer, matching', () => {
    const deck = deckOf(importGift(sharedText('gift', 'pegjs-giftFormatPhpExamples.gift')))
    const missing = deck.cards.find((c) => c.type === 'single' && c.answer === 'entombed')
    expect(missing && 'prompt' in missing && missing.prompt).toBe("Grant is _____ in Grant's tomb.")
    const short = deck.cards.find((c) => c.type === 'typed') as CardOf<'typed'>
    expect(short.answers).toEqual(['no one', 'nobody'])
    expect(
      deck.cards.filter((c) => c.type === 'basic').map((c) => (c as CardOf<'basic'>).back),
    ).toEqual(['Ottawa', 'Rome', 'Tokyo'])
  })

  it('turns categories and [tag:] comments into tags', () => {
    const deck = deckOf(
      importGift(
        '$CATEGORY: $course$/top/Defense/Radars\n\n// [tag:x-band]\n::r1:: Where is AN/TPY-2 deployed? {=Turkey ~Japan}',
      ),
    )
    expect(deck.cards[0]!.tags).toEqual(['x-band', 'Defense::Radars'])
  })

  it('reports a question the grammar cannot read at its line and imports the rest', () => {
    const result = importGift('::a:: One? {=1 ~2}\n\n::b:: Broken {=x\n\n::c:: Two? {=2 ~3}')
    expect(deckOf(result).cards.map((c) => c.id)).toEqual(['a', 'c'])
    expect(result.ok && result.warnings).toHaveLength(1)
    expect(result.ok && result.warnings[0]!.line).toBe(3)
    expect(result.ok && result.warnings[0]!.message).toMatch(/could not be read/)
  })

  it('splits at blank lines as Moodle does, even inside answers', () => {
    expect(
      splitGiftBlocks('// c\nQ? {\n=a\n\n~b}\n\n// only\n\nR? {T}').map((b) => b.line),
    ).toEqual([1, 5, 9])
    const result = importGift('Q? {\n=a\n\n~b}\n\nR? {T}')
    expect(deckOf(result).cards.map((c) => c.type)).toEqual(['single'])
    expect(result.ok && result.warnings.map((w) => w.line)).toEqual([2, 4])
  })

  it('fails with a located message when nothing is usable', () => {
    const result = importGift('::e:: Write an essay {}')
    expect(result.ok).toBe(false)
    expect(!result.ok && result.issues[1]).toMatchObject({ line: 1 })
  })

  it('reads HTML questions as plain text and never keeps a tag', () => {
    const deck = deckOf(
      importGift('[html]<b>Bold</b> <img src\\="http\\://x/y.png"> question? {=yes ~no}'),
    )
    expect(card(deck, deck.cards[0]!.id, 'single').prompt).toBe('Bold question?')
  })
})

describe('GIFT round trip', () => {
  it.each([
    'moodle-questions.gift.txt',
    'pegjs-giftFormatPhpExamples.gift',
    'pegjs-escapeAll.gift',
    'pegjs-numerical1.gift',
  ])('keeps every question of %s through deck → GIFT → deck', (name) => {
    const first = deckOf(importGift(sharedText('gift', name)))
    const again = deckOf(importGift(exportGift(first)))
    // flashcards made from matching pairs come back as short-answer questions: same content
    expect(again.cards.length).toBe(first.cards.length)
    const expected = first.cards.map((c) => {
      if (c.type !== 'basic') return c
      const { front, back, reversible: _r, type: _t, ...rest } = c
      return { ...rest, type: 'typed', prompt: front, answers: [back] }
    })
    expect(again.cards).toEqual(expected)
  })
})

describe('detectFormat and importFile', () => {
  it('recognises GIFT and loads its parser on demand', async () => {
    const text = sharedText('gift', 'moodle-questions.gift.txt')
    expect(detectFormat(text)).toBe('gift')
    const result = await importFile(text, { fileName: 'questions.gift.txt' })
    expect(result.ok && result.deck.cards.length).toBe(11)
  })
})
