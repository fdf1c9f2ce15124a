import { describe, expect, it } from 'vitest'
import type { Card } from '@/core/deck'
import { planInstall } from '@/core/install'
import type { ProgressRow } from '@/core/records'
import { newMemory } from '@/core/scheduler'
import { makeCard, makeDeck, NOW } from '../fixtures/decks'

const row = (cardId: string, overrides: Partial<ProgressRow> = {}): ProgressRow => ({
  id: `test-deck/${cardId}`,
  deckId: 'test-deck',
  cardId,
  fact: `test-deck/${cardId}`,
  memory: newMemory(NOW - 1000),
  retired: false,
  updatedAt: NOW - 1000,
  rev: 3,
  ...overrides,
})
const a = makeCard({ id: 'a' })
const b = makeCard({ id: 'b', answers: ['Poland'] })
const c = makeCard({ id: 'c', answers: ['Spain'] })

describe('planInstall', () => {
  it('counts added and changed cards of a new version', () => {
    const old = makeDeck({ cards: [a, b] })
    const next = makeDeck({ cards: [a, { ...b, answers: ['Turkey'] } as Card, c] })
    expect(planInstall(old, next, [], NOW).summary).toEqual({
      added: 1,
      changed: 1,
      retired: 0,
      restored: 0,
    })
    expect(planInstall(undefined, next, [], NOW).summary.added).toBe(3)
  })

  it('retires the progress of cards that left, and restores cards that came back', () => {
    const plan = planInstall(
      makeDeck({ cards: [a, b] }),
      makeDeck({ cards: [a, c] }),
      [row('a'), row('b'), row('c', { retired: true, rev: 7 })],
      NOW,
    )
    expect(plan.summary).toMatchObject({ retired: 1, restored: 1 })
    expect(plan.put).toEqual([
      row('b', { retired: true, updatedAt: NOW, rev: 4 }),
      row('c', { retired: false, updatedAt: NOW, rev: 8 }),
    ])
    expect(plan.remove).toEqual([])
  })

  it('leaves an already retired row and an unchanged one alone', () => {
    const plan = planInstall(
      makeDeck({ cards: [a] }),
      makeDeck({ cards: [a] }),
      [row('a'), row('gone', { retired: true })],
      NOW,
    )
    expect(plan).toEqual({
      summary: { added: 0, changed: 0, retired: 0, restored: 0 },
      put: [],
      remove: [],
      reset: [],
    })
  })

  it('follows a card to its new fact, and removes the progress of cards asked to start over', () => {
    const plan = planInstall(
      makeDeck({ cards: [a, b] }),
      makeDeck({ cards: [{ ...a, fact: 'shared' } as Card, b] }),
      [row('a'), row('b')],
      NOW,
      ['b'],
    )
    expect(plan.put).toEqual([row('a', { fact: 'test-deck/shared', updatedAt: NOW, rev: 4 })])
    expect(plan.remove).toEqual(['test-deck/b'])
    expect(plan.reset).toEqual(['b'])
  })

  it('resets a card this device never studied (another device may have), never one new to the deck', () => {
    const c = makeCard({ id: 'c' })
    const plan = planInstall(makeDeck({ cards: [a, b] }), makeDeck({ cards: [a, b, c] }), [], NOW, [
      'b',
      'c',
      'gone',
    ])
    expect(plan.remove).toEqual([])
    expect(plan.reset).toEqual(['b'])
  })
})
