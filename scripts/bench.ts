// npm run bench: core speed, one line per benchmark: `bench <name> median_ms=<x>`, with a
// same-run baseline where one makes sense. Budgets are printed as comments, never asserted.
import { fsrs, createEmptyCard, GenSeedStrategyWithCardId, Rating, StrategyMode } from 'ts-fsrs'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { clozeAnswers } from '../src/core/cloze'
import { countryNames } from '../src/core/countries'
import { parseDeckText } from '../src/core/deck'
import { gradeTyped } from '../src/core/grading'
import { buildPools, rejectsFor } from '../src/core/questions'
import { buildQueue, type QueueEntry } from '../src/core/queue'
import { createRng } from '../src/core/random'
import {
  createScheduler,
  DEFAULT_SCHEDULER,
  newMemory,
  type MemoryState,
} from '../src/core/scheduler'
import { DAY_MS } from '../src/core/time'

function deckFiles(): string[] {
  const dir = join(import.meta.dirname, '..', 'decks')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json')
    .map((f) => join(dir, f))
}

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

// 3. Grading 10,000 typed answers. Each run grades 10,000 answers never graded before (distinct
// strings, none repeated across runs), so no cache can answer for the grader: the answers are the
// shipped decks' typed and cloze answers and every country name, as learners type them (case,
// accents, articles, punctuation), a third with one typo, a fifth another answer, some garbled.
// Each question's answers and reject list are built once, as a question is.
const names = countryNames()
const decks = deckFiles().map((file) => {
  const parsed = parseDeckText(readFileSync(file, 'utf8'))
  if (!parsed.ok) throw new Error(`${file} does not parse: npm run decks -- check`)
  return parsed.value
})
const pools = buildPools(decks)
interface GradeItem {
  expected: readonly string[]
  rejects: readonly string[]
}
const gradeItems: GradeItem[] = [
  ...names.map((name) => ({ expected: [name], rejects: names })),
  ...decks.flatMap((deck) =>
    deck.cards.flatMap((card) => {
      const rejects = rejectsFor(card, pools)
      if (card.type === 'typed') return [{ expected: card.answers, rejects }]
      if (card.type === 'cloze')
        return clozeAnswers(card.text).map((a) => ({ expected: [a], rejects }))
      return []
    }),
  ),
]
const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' }
const pick = <T>(list: readonly T[]): T => list[Math.floor(gradeRng() * list.length)]!
const gradeRng = createRng('grade')
function typo(text: string): string {
  const i = Math.floor(gradeRng() * text.length)
  const letter = String.fromCharCode(97 + Math.floor(gradeRng() * 26))
  switch (Math.floor(gradeRng() * 4)) {
    case 0:
      return text.slice(0, i) + letter + text.slice(i + 1)
    case 1:
      return text.slice(0, i) + letter + text.slice(i)
    case 2:
      return text.slice(0, i) + text.slice(i + 1)
    default:
      return text.slice(0, i) + text.slice(i + 1, i + 2) + text.slice(i, i + 1) + text.slice(i + 2)
  }
}
// As a learner types it. Joined from its characters, so the string is flat, as an input field's is.
function typed(text: string): string {
  const chars = [pick(['', '', '', ' ', 'the ', 'The '])]
  const casing = gradeRng()
  for (const c of casing < 0.2 ? text.toLowerCase() : casing < 0.25 ? text.toUpperCase() : text) {
    const r = gradeRng()
    chars.push(
      r < 0.05 ? c.toUpperCase() : r < 0.1 ? c.toLowerCase() : r < 0.13 ? (ACCENTS[c] ?? c) : c,
    )
  }
  chars.push(pick(['', '', '', ' ', '.', '!', '?']))
  return chars.join('')
}
type Kind = 'exact' | 'typo' | 'other' | 'garbled'
const seen = new Set<string>()
const mix: Record<Kind, number> = { exact: 0, typo: 0, other: 0, garbled: 0 }
function gradeSet(): { item: GradeItem; given: string }[] {
  const out: { item: GradeItem; given: string }[] = []
  let kind: Kind = 'exact'
  let fresh = true
  while (out.length < 10_000) {
    // a repeat redraws the question and wording, never the kind, so the mix stays as stated
    if (fresh) {
      const roll = gradeRng()
      kind = roll < 0.45 ? 'exact' : roll < 0.75 ? 'typo' : roll < 0.95 ? 'other' : 'garbled'
    }
    const item = pick(gradeItems)
    const answer = pick(item.expected)
    const base =
      kind === 'exact'
        ? answer
        : kind === 'typo'
          ? typo(answer)
          : kind === 'other'
            ? pick(pick(gradeItems).expected)
            : typo(typo(answer)) + ' ' + pick(['maybe', 'system', 'I think', 'ok'])
    const given = typed(base)
    fresh = !seen.has(given) // distinct: a repeat could be answered from a cache
    if (!fresh) continue
    seen.add(given)
    mix[kind]++
    out.push({ item, given })
  }
  return out
}
const GRADE_RUNS = 15
const gradeSets = Array.from({ length: GRADE_RUNS + 3 }, gradeSet)
let gradeSetAt = 0
let gradeBatch = gradeSets[0]!
let accepted = 0
report(
  'grade-typed-10k',
  measure(
    GRADE_RUNS,
    () => {
      for (const { item, given } of gradeBatch)
        if (gradeTyped(item.expected, given, { rejects: item.rejects }).correct) accepted++
    },
    () => (gradeBatch = gradeSets[gradeSetAt++]!),
  ),
)
const gradedTotal = gradeSets.length * 10_000
const share = (n: number) => `${Math.round((100 * n) / gradedTotal)}%`

const get = (name: string) =>
  Number(lines.find((l) => l.startsWith(`bench ${name} `))?.split('=')[1])
console.log(`# queue-100k: ${get('queue-100k').toFixed(1)} ms (budget 30 ms)`)
console.log(
  `# review overhead: ${(get('review-x2000') / get('review-x2000:baseline')).toFixed(2)}x bare ts-fsrs (budget 1.5x)`,
)
console.log(
  `# grade-typed-10k: ${get('grade-typed-10k').toFixed(1)} ms (budget 20 ms) for 10,000 distinct` +
    ` answers never graded before, against ${gradeItems.length} questions (${names.length} known` +
    ` country names as rejects): ${share(mix.exact)} exact, ${share(mix.typo)} one typo,` +
    ` ${share(mix.other)} another answer, ${share(mix.garbled)} garbled; ${share(accepted)} accepted`,
)
