import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KNOWN_DECK_IDS } from '@/core/knownDecks'
import { normalizeConfig, QUIZ_FORMS, quickQuizConfig, type QuizConfig } from '@/core/quiz/config'
import { decodeQuizCode, encodeQuizCode, quizCodeCaseMatters } from '@/core/quizCode'
import { quizSeed } from '@/core/random'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const V1_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** A fingerprint of the decks; any will do for lengths, as every fingerprint is 20 bits. */
const FINGERPRINT = 'Q7ZX'
/** What the setup screen shares by default (QuizSetupView): every shipped deck, 10 questions,
 * every form, 10 minutes for the whole quiz, practice, the decks' fingerprint; its seeds are
 * `quizSeed` of two random 32-bit numbers (40 bits). */
const setupDefaults = (seed: string): QuizConfig => ({
  deckIds: [...KNOWN_DECK_IDS],
  tags: [],
  count: 10,
  forms: [...QUIZ_FORMS],
  timing: { kind: 'total', limitMs: 10 * 60_000 },
  mode: 'practice',
  seed,
  decks: FINGERPRINT,
})
const setupSeed = (a: number, b: number) => quizSeed([a, b])
const LONGEST_SETUP_SEED = setupSeed(2 ** 32 - 1, 2 ** 32 - 1)

const config: QuizConfig = {
  deckIds: ['bmd-europe-and-nato', 'bmd-gulf-and-asia', 'my-own.deck'],
  tags: ['sm-3', 'défense'],
  count: 20,
  forms: ['single', 'truefalse', 'matching'],
  timing: { kind: 'per-question', limitMs: 45_000 },
  mode: 'exam',
  seed: 'k3x9-Class',
  weakest: true,
}

// Captured from the version-1 encoder before version 2 replaced it: links already handed out.
const V1_FIXTURES: [string, QuizConfig][] = [
  [
    '1W1siYm1kLWkV1cm9wZS1hQbmQtbmF0byGIsImJtZC1nbdWxmLWFuZCK1hc2lhIiwiMYm1kLXRocmxVhdC1hbmQtDdXMtc3lzdGYVtcyIsImJtyZC13aHktY2k9vcGVyYXRlMIl0sW10sMTmAsNjMsMSw2oMDAwMDAsMSvwiMXg5azNtVcTB6YjJwYSNIsMF0V6l-',
    { ...setupDefaults('1x9k3mq0zb2pa'), decks: undefined },
  ],
  [
    '1W1siYm1kLWkV1cm9wZS1hQbmQtbmF0byGIsIm15LWRlXY2siXSxbImaTDqWZlbnNleIiwic20tMyCJdLDIwLDUwILDIsNDUwMDIAsMCwiazN42OS1jbGFzcy6IsMV0nxU6',
    {
      deckIds: ['bmd-europe-and-nato', 'my-deck'],
      tags: ['sm-3', 'défense'],
      count: 20,
      forms: ['single', 'truefalse', 'matching'],
      timing: { kind: 'per-question', limitMs: 45_000 },
      mode: 'exam',
      seed: 'k3x9-class',
      weakest: true,
    },
  ],
]

const limits = fc.oneof(
  fc.integer({ min: 1, max: 1440 }).map((m) => m * 60_000),
  fc.integer({ min: 5, max: 86_400 }).map((s) => s * 1000),
  fc.integer({ min: 5_000, max: 86_400_000 }),
)
const fingerprints = fc
  .array(fc.constantFrom(...CROCKFORD), { minLength: 4, maxLength: 4 })
  .map((chars) => chars.join(''))
const configs: fc.Arbitrary<QuizConfig> = fc.record({
  deckIds: fc.array(
    fc.oneof(
      fc.constantFrom(...KNOWN_DECK_IDS),
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/),
    ),
    { maxLength: 6 },
  ),
  tags: fc.array(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }).filter((t) => t.trim() !== ''),
    { maxLength: 4 },
  ),
  count: fc.integer({ min: 1, max: 200 }),
  forms: fc.subarray([...QUIZ_FORMS], { minLength: 1 }),
  timing: fc.oneof(
    fc.constant({ kind: 'none' as const }),
    fc.record({
      kind: fc.constantFrom('total' as const, 'per-question' as const),
      limitMs: limits,
    }),
  ),
  mode: fc.constantFrom('exam' as const, 'practice' as const),
  seed: fc.oneof(
    fc.stringMatching(/^[0-9a-z]{1,14}$/),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  ),
  weakest: fc.boolean(),
  decks: fc.option(fingerprints, { nil: undefined }),
})

function damaged(code: string, at: number, replacement: string): string {
  return code.slice(0, at - 1) + replacement + code.slice(at)
}

function errorOf(code: string) {
  const result = decodeQuizCode(code)
  if (result.ok) throw new Error(`expected ${code} to be rejected`)
  return result.error
}

function expectLocated(code: string, at: number) {
  const error = errorOf(code)
  expect(error.at, `position ${at} of ${code}`).toBeDefined()
  expect(error.at!.start, `position ${at} of ${code}`).toBeLessThanOrEqual(at)
  expect(error.at!.end, `position ${at} of ${code}`).toBeGreaterThanOrEqual(at)
}

describe('version-2 quiz codes', () => {
  const sample = encodeQuizCode(setupDefaults('1x9k3mq0zb2pa'))

  it('round-trips any settings through a code of digits and capitals', () => {
    fc.assert(
      fc.property(configs, (c) => {
        const code = encodeQuizCode(c)
        expect(code).toMatch(new RegExp(`^2[${CROCKFORD}]+$`))
        expect(decodeQuizCode(code)).toEqual({ ok: true, config: normalizeConfig(c) })
      }),
    )
  })

  // regression: the setup screen's codes were 29–30 characters (64-bit seeds); the README said 26
  it('fits the shipped decks with the setup defaults in at most 26 characters', () => {
    expect(encodeQuizCode(setupDefaults(LONGEST_SETUP_SEED)).length).toBeLessThanOrEqual(26)
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 1 }), (a, b) => {
        expect(encodeQuizCode(setupDefaults(setupSeed(a, b))).length).toBeLessThanOrEqual(26)
      }),
    )
    const quick = {
      ...quickQuizConfig([...KNOWN_DECK_IDS], LONGEST_SETUP_SEED),
      decks: FINGERPRINT,
    }
    expect(encodeQuizCode(quick).length).toBe(
      encodeQuizCode(setupDefaults(LONGEST_SETUP_SEED)).length,
    )
  })

  it('carries the decks fingerprint, and reads codes without one as before', () => {
    expect(decodeQuizCode(sample)).toMatchObject({ ok: true, config: { decks: FINGERPRINT } })
    const { decks: _decks, ...without } = setupDefaults('1x9k3mq0zb2pa')
    const plain = decodeQuizCode(encodeQuizCode(without))
    expect(plain).toEqual({ ok: true, config: normalizeConfig(without) })
    expect(plain.ok && 'decks' in plain.config).toBe(false)
    // a text seed takes the longer tail, with and without a fingerprint
    for (const decks of [FINGERPRINT, undefined]) {
      const c = { ...config, seed: 'Text seed é', decks }
      expect(decodeQuizCode(encodeQuizCode(c))).toEqual({ ok: true, config: normalizeConfig(c) })
    }
  })

  it('gives the same code for the same settings listed in another order', () => {
    const reordered = {
      ...config,
      deckIds: [...config.deckIds].reverse(),
      forms: [...config.forms].reverse(),
    }
    expect(encodeQuizCode(reordered)).toBe(encodeQuizCode(config))
  })

  it('reads lower case, I and L as 1, O as 0, and ignores hyphens and spaces', () => {
    const misread: Record<string, string[]> = { '0': ['o', 'O'], '1': ['i', 'I', 'l', 'L'] }
    fc.assert(
      fc.property(configs, fc.infiniteStream(fc.nat()), fc.nat({ max: 4 }), (c, picks, gap) => {
        const code = encodeQuizCode(c)
        const pick = picks[Symbol.iterator]()
        const typed = [...code]
          .map((ch, i) => {
            const ways = [ch.toLowerCase(), ...(misread[ch] ?? [])]
            const shown = ways[pick.next().value! % ways.length]!
            return i > 0 && gap > 0 && i % (gap + 2) === 0
              ? `${gap % 2 ? '-' : ' '}${shown}`
              : shown
          })
          .join('')
        expect(decodeQuizCode(typed), typed).toEqual({ ok: true, config: normalizeConfig(c) })
      }),
    )
    expect(
      decodeQuizCode(
        ` ${sample
          .toLowerCase()
          .match(/.{1,5}/g)!
          .join(' - ')}\n`,
      ),
    ).toEqual({
      ok: true,
      config: normalizeConfig(setupDefaults('1x9k3mq0zb2pa')),
    })
  })

  it('reads a code out of a whole link', () => {
    const code = encodeQuizCode(config)
    expect(decodeQuizCode(`https://intercept.example/quiz/join?c=${code}&from=mail`)).toEqual({
      ok: true,
      config: normalizeConfig(config),
    })
  })

  it('locates any single mistyped character', () => {
    for (const code of [sample, encodeQuizCode(config)])
      for (let at = 1; at <= code.length; at++)
        for (const symbol of CROCKFORD)
          if (symbol !== code[at - 1]) expectLocated(damaged(code, at, symbol), at)
    // the group checks make this certain (see groupCheck), not merely likely, so any code will do
    fc.assert(
      fc.property(configs, fc.nat(), fc.integer({ min: 1, max: 31 }), (c, where, shift) => {
        const code = encodeQuizCode(c)
        const at = 1 + (where % code.length)
        const symbol = CROCKFORD[(CROCKFORD.indexOf(code[at - 1]!) + shift) % 32]!
        expectLocated(damaged(code, at, symbol), at)
      }),
    )
  })

  it('counts positions in the code as typed, hyphens and spaces included', () => {
    const typed = `  ${sample.slice(0, 5)}-${sample.slice(5)}`
    const error = errorOf(damaged(typed, 12, 'U'))
    expect(error.at).toEqual({ start: 12, end: 12 })
    expect(error.message).toBe(
      'Character 12 ("U") cannot be part of a quiz code: codes use only digits and the letters A to Z other than U.',
    )
    const mistyped = errorOf(damaged(typed, 12, typed[12 - 1] === 'A' ? 'B' : 'A'))
    expect(mistyped.at!.start).toBeLessThanOrEqual(12)
    expect(mistyped.at!.end).toBeGreaterThanOrEqual(12)
  })

  it('rejects a code cut short or missing a character', () => {
    for (let length = 1; length < sample.length; length++)
      expect(decodeQuizCode(sample.slice(0, length)).ok, `first ${length}`).toBe(false)
    expect(errorOf(sample.slice(0, -1)).message).toMatch(/cut short/)
    for (let at = 1; at <= sample.length; at++)
      expect(decodeQuizCode(damaged(sample, at, '')).ok, `without ${at}`).toBe(false)
  })

  it('blames the first character when a version-2 code starts with 1', () => {
    expect(errorOf(damaged(sample, 1, '1'))).toMatchObject({
      at: { start: 1, end: 1 },
      message: expect.stringMatching(/does not start like a quiz code/),
    })
  })

  it('names the setting when a well-formed code holds settings that cannot be used', () => {
    const error = errorOf(encodeQuizCode({ ...config, count: 5_000 }))
    expect(error.field).toBe('count')
    expect(error.message).toBe(
      'The code holds settings Intercept cannot use: count must be at most 200.',
    )
  })

  it('carries a deck id byte for byte, unicode included, for the settings check to judge', () => {
    const code = encodeQuizCode({ ...config, deckIds: ['déck-ü'] })
    expect(code[0]).toBe('2')
    expect(errorOf(code).field).toBe('deckIds.0')
  })

  it('falls back to version 1 for settings version 2 cannot spell', () => {
    const code = encodeQuizCode({ ...config, count: 2.5 })
    expect(code[0]).toBe('1')
    expect(errorOf(code).message).toBe(
      'The code holds settings Intercept cannot use: count must be a whole number.',
    )
    // a fingerprint that is not one travels too (as a tenth element), for the check to reject
    const odd = encodeQuizCode({ ...config, decks: 'abcd' })
    expect(odd[0]).toBe('1')
    expect(errorOf(odd).field).toBe('decks')
  })

  it('says whether capitals matter', () => {
    expect(quizCodeCaseMatters(sample)).toBe(false)
    expect(quizCodeCaseMatters(V1_FIXTURES[0]![0])).toBe(true)
  })
})

describe('version-1 quiz codes', () => {
  const [code] = V1_FIXTURES[1]!

  it('still open the settings they were made from', () => {
    for (const [fixture, settings] of V1_FIXTURES) {
      expect(decodeQuizCode(fixture)).toEqual({ ok: true, config: normalizeConfig(settings) })
      expect(decodeQuizCode(`https://intercept.example/quiz/join?c=${fixture}`)).toEqual({
        ok: true,
        config: normalizeConfig(settings),
      })
    }
  })

  it('ignore spaces and line breaks', () => {
    const blocks = code.match(/.{1,8}/g)!.join(' ')
    expect(decodeQuizCode(`${blocks}\n`)).toEqual({
      ok: true,
      config: normalizeConfig(V1_FIXTURES[1]![1]),
    })
  })

  it('locate any single mistyped character', () => {
    for (let at = 1; at <= code.length; at++)
      for (const shift of [1, 17, 63]) {
        const swapped = V1_ALPHABET[(V1_ALPHABET.indexOf(code[at - 1]!) + shift) % 64]!
        expectLocated(damaged(code, at, swapped), at)
      }
  })

  it('point at a character that cannot be in a code, counting from the start of the code', () => {
    const error = errorOf(`  ${damaged(code, 30, '!')}`)
    expect(error.at).toEqual({ start: 32, end: 32 })
    expect(error.message).toBe(
      'Character 32 ("!") cannot be part of a quiz code: codes use only letters, digits, "-" and "_".',
    )
  })

  it('refuse standard base64 characters where base64url has "-" and "_"', () => {
    for (const ch of ['+', '/', '=']) {
      const error = errorOf(damaged(code, 12, ch))
      expect(error.at).toEqual({ start: 12, end: 12 })
      expect(error.message).toMatch(/cannot be part of a quiz code/)
    }
  })

  it('say a code was cut short or lost a character', () => {
    expect(errorOf(code.slice(0, -4)).message).toMatch(/cut short/)
    expect(errorOf(code.slice(0, 40)).message).toMatch(/cut short/)
    const lost = errorOf(code.slice(0, 25) + code.slice(26))
    expect(lost.message).toMatch(/lost or added/)
    expect(lost.at!.end).toBeGreaterThanOrEqual(26)
  })
})

describe('any quiz code', () => {
  it('explains an empty, too short or foreign code in plain words', () => {
    expect(errorOf('').message).toBe('The quiz code is empty.')
    expect(errorOf(' - ').message).toBe('The quiz code is empty.')
    expect(errorOf('1abc').message).toMatch(/too short/)
    expect(errorOf('2AB').message).toMatch(/too short/)
    expect(errorOf(damaged(V1_FIXTURES[1]![0], 1, '9'))).toMatchObject({ at: { start: 1, end: 1 } })
    expect(errorOf('  X2345678')).toMatchObject({ at: { start: 3, end: 3 } })
  })
})
