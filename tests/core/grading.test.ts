import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  gradeMulti,
  gradeNumeric,
  gradeOrdering,
  gradeTyped,
  parseNumeric,
  recallFor,
  SPEED_THRESHOLDS,
} from '@/core/grading'
import { countryNames } from '@/core/countries'
import { shuffle, createRng } from '@/core/random'

const countries = { rejects: countryNames() }

describe('gradeTyped', () => {
  it('accepts listed alternatives and known aliases', () => {
    expect(gradeTyped(['United Arab Emirates'], 'UAE').correct).toBe(true)
    expect(gradeTyped(['South Korea'], 'Republic of Korea').correct).toBe(true)
    expect(gradeTyped(['SM-3'], 'Standard Missile-3').correct).toBe(true)
    expect(gradeTyped(['Ground-Based Midcourse Defense'], 'gmd').correct).toBe(true)
    // the article speaks of Patriot missiles, systems and batteries alike
    expect(gradeTyped(['Patriot'], 'Patriot batteries').correct).toBe(true)
    expect(gradeTyped(['Patriot'], 'Patriot systems').correct).toBe(true)
  })

  it('forgives one typo on a longer answer and says so', () => {
    expect(gradeTyped(['Romania'], 'Romnia', countries)).toEqual({
      correct: true,
      score: 1,
      typo: true,
    })
  })

  it('gives no typo tolerance on short answers', () => {
    expect(gradeTyped(['Iran'], 'Iraq').correct).toBe(false)
    expect(gradeTyped(['Oman'], 'Omen').correct).toBe(false)
  })

  it('never accepts a known name of the same kind', () => {
    expect(gradeTyped(['Austria'], 'Australia', countries).correct).toBe(false)
    expect(gradeTyped(['Niger'], 'Nigera', countries).correct).toBe(false) // as close to Nigeria
    expect(gradeTyped(['Kuwait'], 'Kuwait').correct).toBe(true)
  })

  it('never accepts another listed answer', () => {
    expect(gradeTyped(['Poland'], 'Holland', { rejects: ['Holland'] }).correct).toBe(false)
  })

  // Regression: "Arrow 2" and "Arrow 4" passed for "Arrow 3", "SM-6 interceptors" for
  // "SM-3 interceptors", as one-letter typos.
  it('never takes a changed, added or removed digit for a typo', () => {
    expect(gradeTyped(['Arrow 3'], 'Arrow 2').correct).toBe(false)
    expect(gradeTyped(['Arrow 3'], 'Arrow 4').correct).toBe(false)
    expect(gradeTyped(['Arrow 3'], 'Arrow 33').correct).toBe(false)
    expect(gradeTyped(['Arrow 3'], 'Arrow').correct).toBe(false)
    expect(gradeTyped(['SM-3 interceptors'], 'SM-6 interceptors').correct).toBe(false)
    expect(gradeTyped(['Block 12'], 'Block 21').correct).toBe(false)
    // a typo in the letters is still forgiven
    expect(gradeTyped(['Arrow 3'], 'Arow 3')).toEqual({ correct: true, score: 1, typo: true })
  })

  it('rejects every one-edit change to a digit of any answer', () => {
    const answer = fc
      .tuple(fc.stringMatching(/^[a-z]{3,8}$/), fc.stringMatching(/^[0-9]{1,3}$/))
      .map(([word, number]) => `${word} ${number}`)
    const edit = fc.tuple(
      fc.constantFrom('change', 'add', 'remove'),
      fc.nat(),
      fc.integer({ min: 0, max: 9 }),
    )
    fc.assert(
      fc.property(answer, edit, (text, [kind, at, digit]) => {
        const places = [...text].flatMap((c, i) => (/\d/.test(c) ? [i] : []))
        const i = places[at % places.length]!
        const d = String(digit)
        const given =
          kind === 'remove'
            ? text.slice(0, i) + text.slice(i + 1)
            : kind === 'add'
              ? text.slice(0, i) + d + text.slice(i)
              : text.slice(0, i) +
                (d === text[i] ? String((digit + 1) % 10) : d) +
                text.slice(i + 1)
        return !gradeTyped([text], given).correct
      }),
    )
  })

  it('rejects empty input', () => {
    expect(gradeTyped(['Romania'], '   ').correct).toBe(false)
  })

  it('accepts the answer however it is cased, spaced or punctuated', () => {
    const decorate = fc.tuple(
      fc.constantFrom('', ' ', '  '),
      fc.constantFrom('', '.', '!', ' '),
      fc.boolean(),
    )
    fc.assert(
      fc.property(
        fc.constantFrom('Romania', 'Saudi Arabia', 'AN/TPY-2', 'David’s Sling'),
        decorate,
        (answer, [pre, post, upper]) => {
          const given = pre + (upper ? answer.toUpperCase() : answer.toLowerCase()) + post
          return gradeTyped([answer], given, countries).correct
        },
      ),
    )
  })
})

describe('gradeMulti', () => {
  const options = ['Kuwait', 'Saudi Arabia', 'UAE', 'Qatar', 'Oman']
  const right = ['Kuwait', 'Saudi Arabia', 'UAE']

  it('credits only the exact set', () => {
    expect(gradeMulti(right, options, ['UAE', 'Kuwait', 'Saudi Arabia'])).toEqual({
      correct: true,
      score: 1,
    })
    expect(gradeMulti(right, options, ['UAE', 'Kuwait']).correct).toBe(false)
  })

  // Regression: a chosen value outside the options was ignored, so it still counted as exact.
  it('counts a chosen value that is not an option as a wrong tick', () => {
    expect(gradeMulti(['a', 'b'], ['a', 'b', 'c', 'd'], ['a', 'b', 'zzz'])).toEqual({
      correct: false,
      score: 4 / 5,
    })
  })

  it('reports a partial score that does not reward ticking everything', () => {
    expect(gradeMulti(right, options, ['UAE', 'Kuwait']).score).toBeCloseTo(4 / 5)
    expect(gradeMulti(right, options, options).score).toBeCloseTo(3 / 5)
  })

  it('scores between 0 and 1 and is exact only for the right set', () => {
    fc.assert(
      fc.property(fc.subarray(options), (chosen) => {
        const { correct, score } = gradeMulti(right, options, chosen)
        const exact = chosen.length === right.length && right.every((r) => chosen.includes(r))
        return score >= 0 && score <= 1 && correct === exact && (score === 1) === exact
      }),
    )
  })
})

describe('gradeOrdering', () => {
  const order = ['2010', '2011', '2014', '2015', '2018']

  it('scores by pairs in the right order', () => {
    expect(gradeOrdering(order, order)).toEqual({ correct: true, score: 1 })
    expect(gradeOrdering(order, ['2011', '2010', '2014', '2015', '2018']).score).toBeCloseTo(9 / 10)
    expect(gradeOrdering(order, [...order].reverse()).score).toBe(0)
  })

  it('is correct exactly when the order is right', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const given = shuffle(order, createRng(seed))
        const { correct, score } = gradeOrdering(order, given)
        const same = given.every((x, i) => x === order[i])
        return correct === same && score >= 0 && score <= 1
      }),
    )
  })
})

describe('gradeNumeric', () => {
  it('matches exact numbers, with separators', () => {
    expect(gradeNumeric(2015, '2015').correct).toBe(true)
    expect(gradeNumeric(2015, 'in 2015').correct).toBe(true)
    expect(gradeNumeric(1500, '1,500').correct).toBe(true)
    expect(gradeNumeric(2015, '2016').correct).toBe(false)
    expect(gradeNumeric(2015, 'soon').correct).toBe(false)
  })

  it('accepts any year inside an inclusive range, or the range itself', () => {
    const range = { min: 2018, max: 2020 }
    expect(gradeNumeric(range, '2018').correct).toBe(true)
    expect(gradeNumeric(range, '2020').correct).toBe(true)
    expect(gradeNumeric(range, '2021').correct).toBe(false)
    expect(gradeNumeric(range, '2018-2020').correct).toBe(true)
    expect(gradeNumeric(range, '2018 – 2020').correct).toBe(true)
    expect(gradeNumeric(range, '2017-2020').correct).toBe(false)
  })

  it('reads ranges written with a dash as ranges, not negative numbers', () => {
    expect(parseNumeric('2018-2020')).toEqual({ min: 2018, max: 2020 })
    expect(parseNumeric('-5')).toEqual({ min: -5, max: -5 })
    expect(parseNumeric('2018 - 2020')).toEqual({ min: 2018, max: 2020 })
  })

  // Regression: "30 000" read as 30 and 0, "-5 to -3" as -5 to 3.
  it('reads digit groups split by commas or spaces as one number', () => {
    for (const text of ['30 000', '30,000', '30\u2009000', '30\u00a0000', '30\u202f000'])
      expect(parseNumeric(text)).toEqual({ min: 30000, max: 30000 })
    expect(parseNumeric('1 500 000')).toEqual({ min: 1500000, max: 1500000 })
    expect(gradeNumeric(30000, '30 000').correct).toBe(true)
    expect(parseNumeric('2018 2020')).toEqual({ min: 2018, max: 2020 })
  })

  it('reads a dash as a minus sign unless it follows a number', () => {
    expect(parseNumeric('-5 to -3')).toEqual({ min: -5, max: -3 })
    expect(parseNumeric('-5 - -3')).toEqual({ min: -5, max: -3 })
    expect(parseNumeric('\u22125')).toEqual({ min: -5, max: -5 })
    expect(gradeNumeric({ min: -5, max: -3 }, '-4').correct).toBe(true)
    expect(gradeNumeric({ min: -5, max: -3 }, '-5 to -3').correct).toBe(true)
    expect(gradeNumeric({ min: -5, max: -3 }, '-5 to 3').correct).toBe(false)
  })
})

describe('recallFor', () => {
  const right = { correct: true, score: 1 }
  const { quickMs, slowMs } = SPEED_THRESHOLDS.choice

  it('maps wrong to again', () => {
    expect(recallFor({ correct: false, score: 0 }, 'choice', 1000)).toBe('again')
  })

  it('maps quick to easy, slow to hard, the rest to good', () => {
    expect(recallFor(right, 'choice', quickMs)).toBe('easy')
    expect(recallFor(right, 'choice', quickMs + 1)).toBe('good')
    expect(recallFor(right, 'choice', slowMs - 1)).toBe('good')
    expect(recallFor(right, 'choice', slowMs)).toBe('hard')
  })

  it('uses the thresholds the README states', () => {
    // README "What it does" gives these values; change both together
    expect(SPEED_THRESHOLDS).toEqual({
      choice: { quickMs: 4_000, slowMs: 15_000 },
      typed: { quickMs: 6_000, slowMs: 20_000 },
      arrange: { quickMs: 8_000, slowMs: 30_000 },
    })
  })

  it('never rates a typo easy', () => {
    expect(recallFor({ ...right, typo: true }, 'typed', 100)).toBe('good')
  })

  it('gives typing more time than choosing', () => {
    expect(SPEED_THRESHOLDS.typed.quickMs).toBeGreaterThan(SPEED_THRESHOLDS.choice.quickMs)
    expect(recallFor(right, 'typed', 5_000)).toBe('easy')
    expect(recallFor(right, 'choice', 5_000)).toBe('good')
  })
})
