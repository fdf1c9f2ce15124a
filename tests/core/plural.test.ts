import { describe, expect, it } from 'vitest'
import { agree, count, plural } from '@/core/plural'

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

  it('picks the word that agrees with the count', () => {
    expect(`${plural(1, 'tag')} ${agree(1, 'was', 'were')} shortened`).toBe('1 tag was shortened')
    expect(`${plural(0, 'tag')} ${agree(0, 'was', 'were')} shortened`).toBe('0 tags were shortened')
    expect(agree(3, 'it', 'them')).toBe('them')
  })
})
