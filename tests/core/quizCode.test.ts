import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeConfig, QUIZ_FORMS, type QuizConfig } from '@/core/quiz'
import { decodeQuizCode, encodeQuizCode } from '@/core/quizCode'

const config: QuizConfig = {
  deckIds: ['bmd-europe-and-nato', 'bmd-gulf-and-asia'],
  tags: ['sm-3'],
  count: 20,
  forms: ['single', 'truefalse', 'matching'],
  timing: { kind: 'total', limitMs: 10 * 60_000 },
  mode: 'exam',
  seed: 'k3x9-class',
}

const configs: fc.Arbitrary<QuizConfig> = fc.record({
  deckIds: fc.array(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/), { maxLength: 5 }),
  tags: fc.array(
    fc.string({ minLength: 1, maxLength: 20 }).filter((t) => t.trim() !== ''),
    { maxLength: 4 },
  ),
  count: fc.integer({ min: 1, max: 200 }),
  forms: fc.subarray([...QUIZ_FORMS], { minLength: 1 }),
  timing: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({
      kind: fc.constantFrom('total' as const, 'per-question' as const),
      limitMs: fc.integer({ min: 5_000, max: 86_400_000 }),
    }),
  ),
  mode: fc.constantFrom('exam' as const, 'practice' as const),
  seed: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  weakest: fc.boolean(),
})

function damaged(code: string, at: number, replacement: string): string {
  return code.slice(0, at - 1) + replacement + code.slice(at)
}

function errorOf(code: string) {
  const result = decodeQuizCode(code)
  if (result.ok) throw new Error(`expected ${code} to be rejected`)
  return result.error
}

describe('quiz codes', () => {
  it('round-trips any settings through a URL-safe code', () => {
    fc.assert(
      fc.property(configs, (c) => {
        const code = encodeQuizCode(c)
        expect(code).toMatch(/^[A-Za-z0-9_-]+$/)
        expect(decodeQuizCode(code)).toEqual({ ok: true, config: normalizeConfig(c) })
      }),
    )
  })

  it('stays short for a typical class quiz', () => {
    expect(encodeQuizCode(config).length).toBeLessThan(140)
  })

  it('gives the same code for the same settings listed in another order', () => {
    const reordered = {
      ...config,
      deckIds: [...config.deckIds].reverse(),
      forms: [...config.forms].reverse(),
    }
    expect(encodeQuizCode(reordered)).toBe(encodeQuizCode(config))
  })

  it('reads a code out of a whole link and ignores spaces and line breaks', () => {
    const code = encodeQuizCode(config)
    expect(decodeQuizCode(`https://intercept.example/quiz/join?c=${code}&from=mail`)).toEqual({
      ok: true,
      config: normalizeConfig(config),
    })
    const blocks = code.match(/.{1,8}/g)!.join(' ')
    expect(decodeQuizCode(`${blocks}\n`)).toEqual({ ok: true, config: normalizeConfig(config) })
  })

  it('locates any single mistyped character', () => {
    const code = encodeQuizCode(config)
    for (let at = 1; at <= code.length; at++)
      for (const shift of [1, 17, 63]) {
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
        const swapped = alphabet[(alphabet.indexOf(code[at - 1]!) + shift) % 64]!
        const error = errorOf(damaged(code, at, swapped))
        expect(error.at, `position ${at}`).toBeDefined()
        expect(error.at!.start).toBeLessThanOrEqual(at)
        expect(error.at!.end).toBeGreaterThanOrEqual(at)
      }
  })

  it('points at a character that cannot be in a code, counting from the start of the code', () => {
    const code = encodeQuizCode(config)
    const error = errorOf(`  ${damaged(code, 30, '!')}`)
    expect(error.at).toEqual({ start: 32, end: 32 })
    expect(error.message).toBe(
      'Character 32 ("!") cannot be part of a quiz code: codes use only letters, digits, "-" and "_".',
    )
  })

  it('says a code was cut short or lost a character', () => {
    const code = encodeQuizCode(config)
    expect(errorOf(code.slice(0, -4)).message).toMatch(/cut short/)
    expect(errorOf(code.slice(0, 40)).message).toMatch(/cut short/)
    const lost = errorOf(code.slice(0, 25) + code.slice(26))
    expect(lost.message).toMatch(/lost or added/)
    expect(lost.at!.end).toBeGreaterThanOrEqual(26)
  })

  it('explains an empty, too short or foreign code in plain words', () => {
    expect(errorOf('').message).toBe('The quiz code is empty.')
    expect(errorOf('1abc').message).toMatch(/too short/)
    expect(errorOf(damaged(encodeQuizCode(config), 1, '9'))).toMatchObject({
      at: { start: 1, end: 1 },
    })
  })

  it('names the setting when a well-formed code holds settings that cannot be used', () => {
    const error = errorOf(encodeQuizCode({ ...config, count: 5_000 }))
    expect(error.field).toBe('count')
    expect(error.message).toBe(
      'The code holds settings Intercept cannot use: count must be at most 200.',
    )
  })
})
