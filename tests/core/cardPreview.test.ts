import { describe, expect, it } from 'vitest'
import { previewCard, withPlaceholders } from '@/core/cardPreview'
import type { Card } from '@/core/deck'
import { makeCard } from '../fixtures/decks'

const basic: Card = {
  id: 'b',
  type: 'basic',
  kind: 'other',
  front: 'EPAA',
  back: 'European Phased Adaptive Approach',
  reversible: false,
  paragraphs: [],
  tags: [],
}

describe('previewCard', () => {
  it('previews a valid card as it is', () => {
    expect(previewCard(basic)).toEqual({ ok: true, card: basic, placeholders: false })
  })

  it('fills the empty fields of a card still being written', () => {
    const preview = previewCard({ ...basic, front: '', back: ' ' })
    expect(preview).toMatchObject({
      ok: true,
      placeholders: true,
      card: { front: 'Question', back: 'Answer' },
    })
  })

  it('numbers placeholders in lists so they are not duplicates of each other', () => {
    // cards being written in the editor, not valid yet
    const card = withPlaceholders({ ...makeCard(), prompt: '', answers: ['', ''] } as Card)
    expect(card).toMatchObject({ prompt: 'Question', answers: ['Answer 1', 'Answer 2'] })
    expect(previewCard({ ...makeCard(), answers: [''] } as Card)).toMatchObject({
      ok: true,
      card: { answers: ['Answer'] },
    })
  })

  it('makes up no numbers: a numeric card without one has no preview, and says why', () => {
    const numeric: Card = {
      id: 'n',
      type: 'numeric',
      kind: 'number',
      prompt: '',
      answer: Number.NaN,
      paragraphs: [],
      tags: [],
    }
    expect(previewCard(numeric)).toMatchObject({ ok: false, issue: expect.anything() })
  })
})
