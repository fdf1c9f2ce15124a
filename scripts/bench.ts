// npm run bench: core speed, one line per benchmark: `bench <name> median_ms=<x>`, with a
// same-run baseline where one makes sense. Budgets are printed as comments, never asserted.
import { fsrs, createEmptyCard, GenSeedStrategyWithCardId, Rating, StrategyMode } from 'ts-fsrs'
import { gradeTyped } from '../src/core/grading'
import { countryNames } from '../src/core/countries'
import { buildQueue, type QueueEntry } from '../src/core/queue'
import { createRng } from '../src/core/random'
import {
  createScheduler,
  DEFAULT_SCHEDULER,
  newMemory,
  type MemoryState,
} from '../src/core/scheduler'
import { DAY_MS } from '../src/core/time'

function median(samples: number[]): number {
  const s = samples.slice().sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function measure(runs: number, fn: () => unknown, setup?: () => void): number {
  for (let i = 0; i < Math.min(3, runs); i++) {
    setup?.()
    fn()
  }
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    setup?.()
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  return median(times)
}

const lines: string[] = []
const report = (name: string, ms: number) => {
  const line = `bench ${name} median_ms=${ms.toFixed(3)}`
  lines.push(line)
  console.log(line)
}

// 1. Study queue from 100,000 card states.
const NOW = Date.UTC(2026, 0, 15, 9)
const rng = createRng('bench')
// Rows are built field by field, in one shape, as the storage layer builds them.
const entries: QueueEntry[] = Array.from({ length: 100_000 }, (_, i) => {
  const roll = rng()
  const memory: MemoryState | undefined =
    roll < 0.3
      ? undefined
      : {
          state: roll < 0.35 ? 'learning' : roll < 0.38 ? 'relearning' : 'review',
          due: NOW + Math.floor((rng() - 0.5) * 60) * DAY_MS,
          stability: 0.5 + rng() * 200,
          difficulty: 1 + rng() * 9,
          scheduledDays: 1 + Math.floor(rng() * 30),
          learningSteps: 0,
          reps: 1 + Math.floor(rng() * 20),
          lapses: 0,
          lastReview: NOW - Math.floor(rng() * 200) * DAY_MS,
        }
  return { id: `d/${i}`, fact: `d/f${i >> 1}`, memory, retired: false }
})
const day = { dayStartHour: 4, utcOffsetMinutes: 0 }
const numbers = Array.from({ length: 100_000 }, () => rng())
let copy: number[] = []
report(
  'queue-100k',
  measure(15, () =>
    buildQueue(entries, { nowMs: NOW, day, newPerDay: 20, newToday: 0, reviewsPerDay: 200 }),
  ),
)
report(
  'queue-100k:baseline',
  measure(
    15,
    () => copy.sort((a, b) => a - b),
    () => (copy = numbers.slice()),
  ),
)

// 2. One review through our engine vs a bare ts-fsrs `next`, same parameters.
const scheduler = createScheduler(DEFAULT_SCHEDULER)
// same parameters and seed strategy, so the difference is our wrapper alone
const bare = fsrs({
  request_retention: 0.9,
  enable_fuzz: true,
  learning_steps: ['1m', '10m'],
  relearning_steps: ['10m'],
}).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('item_id'))
let memory = newMemory(NOW)
for (let i = 0; i < 5; i++) memory = scheduler.review(memory, 'good', memory.due, 'd/x').after
let card = { ...createEmptyCard(new Date(NOW)), item_id: 'd/x' }
for (let i = 0; i < 5; i++)
  card = { ...bare.next(card, card.due, Rating.Good).card, item_id: 'd/x' }
const REVIEWS = 2_000
const at = memory.due
const atDate = new Date(card.due)
report(
  'review-x2000',
  measure(15, () => {
    for (let i = 0; i < REVIEWS; i++) scheduler.review(memory, 'good', at, 'd/x')
  }),
)
report(
  'review-x2000:baseline',
  measure(15, () => {
    for (let i = 0; i < REVIEWS; i++) bare.next(card, atDate, Rating.Good)
  }),
)

// 3. Grading 10,000 typed answers, country answers against every known country name.
const names = countryNames()
const answers = Array.from({ length: 10_000 }, (_, i) => {
  const name = names[i % names.length]!
  return i % 3 === 0 ? name.toUpperCase() : i % 3 === 1 ? name.slice(0, -1) + 'x' : 'the ' + name
})
const rejects = names
report(
  'grade-typed-10k',
  measure(15, () => {
    for (let i = 0; i < answers.length; i++)
      gradeTyped([names[i % names.length]!], answers[i]!, { rejects })
  }),
)

const get = (name: string) =>
  Number(lines.find((l) => l.startsWith(`bench ${name} `))?.split('=')[1])
console.log(`# queue-100k: ${get('queue-100k').toFixed(1)} ms (budget 30 ms)`)
console.log(
  `# review overhead: ${(get('review-x2000') / get('review-x2000:baseline')).toFixed(2)}x bare ts-fsrs (budget 1.5x)`,
)
console.log(`# grade-typed-10k: ${get('grade-typed-10k').toFixed(1)} ms (budget 20 ms)`)
