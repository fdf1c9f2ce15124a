import { describe, expect, it } from 'vitest'
import { count, plural } from '@/core/plural'

describe('plural', () => {
  it('uses the singular for exactly one and the plural otherwise', () => {
    expect(plural(1, 'card')).toBe('1 card')
    expect(plural(0, 'card')).toBe('0 cards')
    expect(plural(2, 'quiz', 'quizzes')).toBe('2 quizzes')
  })

  it('groups thousands the English way', () => {
    expect(count(12345)).toBe('12,345')
    expect(plural(1000, 'review')).toBe('1,000 reviews')
  })
})
