import { describe, expect, it } from 'vitest'
import { createRng } from '@/core/random'
import {
  RETENTION_CHOICES,
  simulate,
  simulationSteps,
  syntheticRevlog,
  type SimulationInput,
} from '@/core/simulate'
import { LEARNER_START, LEARNER_WEIGHTS } from '../fixtures/learner'

const base = (retention: number, seed = 's'): SimulationInput => ({
  retention,
  days: 90,
  newPerDay: 10,
  reviewsPerDay: 9999,
  maximumIntervalDays: 36500,
  cards: [{ stability: 10, difficulty: 5, dueInDays: 0, elapsedDays: 10 }],
  newCards: 300,
  rng: createRng(seed),
})

describe('simulate', () => {
  it('gives the same result for the same seed', () => {
    expect(simulate(base(0.9))).toEqual(simulate(base(0.9)))
    expect(simulate(base(0.9, 'a'))).not.toEqual(simulate(base(0.9, 'b')))
  })

  it('costs more reviews and keeps more in memory at a higher retention', () => {
    const low = simulate(base(0.75))
    const high = simulate(base(0.95))
    expect(high.reviewsPerDay).toBeGreaterThan(low.reviewsPerDay)
    expect(high.minutesPerDay).toBeGreaterThan(low.minutesPerDay)
    expect(high.remembered).toBeGreaterThan(low.remembered)
    // every new card is introduced within 30 days; the total counts them
    expect(low.daily.slice(0, 30).every((n) => n >= 10)).toBe(true)
    expect(low.remembered).toBeLessThanOrEqual(301)
  })

  it('holds to the daily review limit', () => {
    const capped = simulate({ ...base(0.97), reviewsPerDay: 5, newPerDay: 0, newCards: 0 })
    expect(Math.max(...capped.daily)).toBeLessThanOrEqual(5)
  })

  it('offers retentions from 70% to 97%', () => {
    expect(RETENTION_CHOICES[0]).toBe(0.7)
    expect(RETENTION_CHOICES.at(-1)).toBe(0.97)
    expect(RETENTION_CHOICES).toHaveLength(28)
  })
})

describe('syntheticRevlog', () => {
  it('writes a seeded learner history in revlog form, oldest first', () => {
    const make = () =>
      syntheticRevlog({
        weights: LEARNER_WEIGHTS,
        cards: 50,
        days: 40,
        newPerDay: 5,
        startMs: LEARNER_START,
        rng: createRng('x'),
      })
    const log = make()
    expect(log).toEqual(make())
    expect(new Set(log.map((e) => e.cardId)).size).toBe(50)
    expect(log.every((e, i) => i === 0 || e.reviewTime >= log[i - 1]!.reviewTime)).toBe(true)
    const first = new Map<number, number>()
    for (const e of log) if (!first.has(e.cardId)) first.set(e.cardId, e.state)
    expect([...first.values()].every((s) => s === 0)).toBe(true)
    expect(log.some((e) => e.rating === 1 && e.state === 2)).toBe(true)
  })
})

describe('simulationSteps', () => {
  it('yields each day and ends with the same result as simulate', () => {
    const steps = simulationSteps(base(0.9))
    const days: number[] = []
    let step = steps.next()
    while (!step.done) {
      days.push(step.value)
      step = steps.next()
    }
    expect(days).toEqual(Array.from({ length: 90 }, (_, i) => i))
    expect(step.value).toEqual(simulate(base(0.9)))
  })
})
