// Nothing is dropped silently: over the shipped decks and many quiz settings, every export writes
// exactly the questions its report counts as written, and the report accounts for every other one.
import { strFromU8, unzipSync } from 'fflate'
import fc from 'fast-check'
import { parse as parseGift } from 'gift-pegjs'
import { describe, expect, it } from 'vitest'
import { formatIssue, parseDeck } from '@/core/deck'
import { exportDeckAs, planExport } from '@/core/exportFormats'
import { exportQuizAs, QUIZ_EXPORT_FORMATS } from '@/core/exportQuiz'
import { importAiken } from '@/core/importers/aiken'
import { QUIZ_FORMS } from '@/core/quiz/config'
import { generateQuiz } from '@/core/quiz/generate'

const shipped = Object.entries(
  import.meta.glob<unknown>('/decks/*.json', { eager: true, import: 'default' }),
)
  .filter(([path]) => !path.endsWith('deck.schema.json'))
  .map(([path, raw]) => {
    const result = parseDeck(raw)
    if (!result.ok) throw new Error(result.issues.map((i) => formatIssue(i, path)).join('\n'))
    return result.value
  })

/** How many questions a file holds, read back the way its LMS would. */
function questionsIn(format: 'qti' | 'gift' | 'aiken', data: string | Uint8Array): number {
  if (format === 'qti') {
    const zip = unzipSync(data as Uint8Array)
    const href = /href="([^"]+)"/.exec(strFromU8(zip['imsmanifest.xml']!))![1]!
    const doc = new DOMParser().parseFromString(strFromU8(zip[href]!), 'application/xml')
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    return doc.getElementsByTagName('item').length
  }
  if (format === 'gift')
    return parseGift(data as string).filter((q) => q.type !== 'Category').length
  if (!(data as string).trim()) return 0
  const back = importAiken(data as string)
  if (!back.ok) throw new Error(JSON.stringify(back.issues))
  return back.deck.cards.length
}

describe('every quiz export accounts for every question', () => {
  it('writes what the report counts and reports the rest, in each format', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.subarray([...QUIZ_FORMS], { minLength: 1 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, forms, count) => {
          const config = {
            deckIds: shipped.map((d) => d.id),
            tags: [],
            count,
            forms,
            timing: { kind: 'none' } as const,
            mode: 'exam' as const,
            seed,
          }
          const quiz = generateQuiz(config, shipped).questions
          for (const format of QUIZ_EXPORT_FORMATS) {
            const file = exportQuizAs(format, 'Quiz', 'q', quiz, config)
            const left = file.plan.left.reduce((n, g) => n + g.count, 0)
            expect(file.plan.written + left).toBe(quiz.length)
            expect(questionsIn(format, file.data)).toBe(file.plan.written)
          }
        },
      ),
      { numRuns: 25 },
    )
  })
})

describe('every deck export accounts for every card', () => {
  it('writes each shipped deck’s cards as the report says, in each format', () => {
    for (const deck of shipped)
      for (const format of ['qti', 'gift', 'aiken'] as const) {
        const file = exportDeckAs(deck, format)
        const plan = planExport(deck, format)
        const left = plan.left.reduce((n, g) => n + g.count, 0)
        expect(plan.written + left).toBe(deck.cards.length)
        const written = questionsIn(format, file.data)
        // GIFT asks a cloze card once per blank number: at least one question per card written
        const exact = format !== 'gift'
        expect({
          deck: deck.id,
          format,
          fits: exact ? written === plan.written : written >= plan.written,
        }).toEqual({
          deck: deck.id,
          format,
          fits: true,
        })
      }
  })
})
