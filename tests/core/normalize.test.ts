import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { answerKey, normalizeAnswer, sameAnswer, withinOneEdit } from '@/core/normalize'

describe('normalizeAnswer', () => {
  it('ignores case, accents, punctuation, spacing and leading articles', () => {
    expect(normalizeAnswer('  The Républic-of   KOREA! ')).toBe(
      normalizeAnswer('republic of korea'),
    )
    expect(sameAnswer('SM-3', 'sm3')).toBe(true)
    expect(sameAnswer('U.S.', 'US')).toBe(true)
    expect(sameAnswer('An AN/TPY-2 radar', 'AN/TPY-2 radar')).toBe(true)
  })

  it('treats British and American spellings as one', () => {
    expect(
      sameAnswer('Theatre Ballistic Missile Defence', 'theater ballistic missile defense'),
    ).toBe(true)
  })

  it('keeps a lone article that is the whole answer', () => {
    expect(normalizeAnswer('A')).toBe('a')
  })

  // The ASCII fast path must give what the plain Unicode definition gives, for any text.
  it('agrees with its definition on any text, cached or not', () => {
    const spelling: Record<string, string> = {
      defence: 'defense',
      theatre: 'theater',
      organisation: 'organization',
      programme: 'program',
      centre: 'center',
    }
    const reference = (text: string) => {
      const tokens = text
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/&/g, ' and ')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
      while (tokens.length > 1 && ['the', 'a', 'an'].includes(tokens[0]!)) tokens.shift()
      return tokens.map((t) => (Object.hasOwn(spelling, t) ? spelling[t] : t)).join('')
    }
    const unit = fc.constantFrom(
      ...'aAbZ09 -.&/\t\u00e9\u00c9\u00f1\u00fc\u0301\u2009\u00df\u0130\u4e2d\u00bd\u2162',
      'the ',
      'An ',
      'Defence',
      'centre ',
      'constructor',
    )
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit, maxLength: 12 })), (text) => {
        const want = reference(text)
        return answerKey(text) === want && normalizeAnswer(text) === want
      }),
      { numRuns: 2000 },
    )
  })

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => normalizeAnswer(normalizeAnswer(s)) === normalizeAnswer(s)),
    )
  })
})

function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      d[i]![j] = v
    }
  return d[a.length]![b.length]!
}

describe('withinOneEdit', () => {
  it('accepts one substitution, insertion, deletion or swap', () => {
    expect(withinOneEdit('romania', 'romana')).toBe(true)
    expect(withinOneEdit('romania', 'rommania')).toBe(true)
    expect(withinOneEdit('romania', 'rmoania')).toBe(true)
    expect(withinOneEdit('romania', 'romanya')).toBe(true)
    expect(withinOneEdit('austria', 'australia')).toBe(false)
  })

  it('agrees with the full edit distance', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 })
    fc.assert(fc.property(word, word, (a, b) => withinOneEdit(a, b) === osa(a, b) <= 1))
  })
})
