import { describe, expect, it } from 'vitest'
import type { Question } from '@/core/questions'
import { isBlankAnswer, sameResponse } from '@/core/pendingAnswer'

const ORDERING = {
  id: 'q',
  deckId: 'd',
  cardId: 'c',
  paragraphs: [],
  form: 'ordering',
  prompt: 'Put in order',
  items: ['B', 'A', 'C'],
  answer: ['A', 'B', 'C'],
} as unknown as Question

describe('isBlankAnswer', () => {
  it('counts only pending answers with something in them', () => {
    expect(isBlankAnswer({ form: 'typed', text: '   ' }, ORDERING)).toBe(true)
    expect(isBlankAnswer({ form: 'typed', text: 'Rom' }, ORDERING)).toBe(false)
    expect(isBlankAnswer({ form: 'cloze', texts: ['', ' '] }, ORDERING)).toBe(true)
    expect(isBlankAnswer({ form: 'multi', choices: [] }, ORDERING)).toBe(true)
    expect(isBlankAnswer({ form: 'matching', matches: {} }, ORDERING)).toBe(true)
    // the order as first shown is no answer yet; any move is one
    expect(isBlankAnswer({ form: 'ordering', order: ['B', 'A', 'C'] }, ORDERING)).toBe(true)
    expect(isBlankAnswer({ form: 'ordering', order: ['A', 'B', 'C'] }, ORDERING)).toBe(false)
  })
})

describe('sameResponse', () => {
  it('ignores the order of ticks and of matches, nothing else', () => {
    expect(
      sameResponse({ form: 'multi', choices: ['a', 'b'] }, { form: 'multi', choices: ['b', 'a'] }),
    ).toBe(true)
    expect(
      sameResponse({ form: 'multi', choices: ['a'] }, { form: 'multi', choices: ['a', 'b'] }),
    ).toBe(false)
    expect(
      sameResponse(
        { form: 'matching', matches: { x: '1', y: '2' } },
        { form: 'matching', matches: { y: '2', x: '1' } },
      ),
    ).toBe(true)
    expect(sameResponse({ form: 'typed', text: 'a' }, { form: 'typed', text: 'a ' })).toBe(false)
    expect(sameResponse(null, null)).toBe(true)
    expect(sameResponse({ form: 'typed', text: '' }, null)).toBe(false)
  })
})
