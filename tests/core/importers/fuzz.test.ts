// @vitest-environment node
// Fuzzing what instructors drop on the import screen: damaged Anki packages and GIFT text. Every
// input ends in a deck that passes parseDeck or in located problems; none throws.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import { importApkg } from '@/core/importers/apkg'
import { importFile } from '@/core/importers/file'
import { loadSqlNode } from '../../../scripts/sqlNode'
import { makePackage } from '../../fixtures/ankiPackages'

const GIFT_PIECES = [
  '::',
  'Q',
  ' ',
  '{',
  '}',
  '=',
  '~',
  '#',
  '%50%',
  '%-100%',
  '\\',
  '\n',
  '\n\n',
  '->',
  ':',
  '..',
  'T',
  'FALSE',
  '[html]',
  '<b>',
  '</b>',
  '$CATEGORY: a/b',
  '// [tag:x]',
  '1822',
  '####',
  'é',
  '\t',
]

function checkResult(result: Awaited<ReturnType<typeof importFile>>) {
  if (result.ok) expect(parseDeck(result.deck).ok).toBe(true)
  else expect(result.issues.length).toBeGreaterThan(0)
}

describe('fuzz', () => {
  it('reads any GIFT-like text without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...GIFT_PIECES), { maxLength: 60 }),
        async (pieces) => {
          checkResult(await importFile(pieces.join(''), { format: 'gift' }))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('refuses or reads any damaged package without throwing', async () => {
    const good = await makePackage({
      generation: 'anki21b',
      notes: [
        {
          guid: 'a',
          model: 'basic',
          fields: ['EPAA', 'European Phased Adaptive Approach'],
          tags: 'x::y',
        },
        { guid: 'b', model: 'cloze', fields: ['{{c1::Aegis}} in {{c2::Romania}}', ''] },
        { guid: 'c', model: 'reversed', fields: ['Deveselu', 'Romania'] },
      ],
      reviews: [{ guid: 'a', at: Date.UTC(2025, 0, 1), ease: 3 }],
    })
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.nat({ max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.option(fc.nat({ max: good.length }), { nil: undefined }),
        async (flips, cut) => {
          const bytes = good.slice(0, cut ?? good.length)
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value
          checkResult(await importApkg(bytes, { loadSql: loadSqlNode }))
        },
      ),
      { numRuns: 150 },
    )
  }, 120_000)
})
