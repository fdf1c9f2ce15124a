// Moodle's Aiken format: a question (one or more lines), its options `A) …` or `A. …`, then
// `ANSWER: X`. Read as Moodle's qformat_aiken reads it: blank lines are ignored, a question that
// starts before the previous one got its ANSWER line is an error, and each error is reported at
// its line while the good questions are imported.
import {
  cardIssues,
  finishImport,
  MAX_IMPORT_CARDS,
  normalizeText,
  parseCard,
  sizeIssue,
  tooManyCardsIssue,
  type Card,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
  plainText,
} from './common'
import { createIdAllocator, slugId, stableHash } from '../ids'

const OPTION = /^([A-Z])[.)]\s*(.*)$/
const ANSWER = /^ANSWER\s*:\s*(.*)$/i

/** Recognises Aiken: an `ANSWER: X` line after option lines such as `A) …`. */
export function looksLikeAiken(text: string): boolean {
  return /^[ \t]*[A-Z][.)][ \t]*\S.*\n(?:[ \t]*[A-Z][.)].*\n)*[ \t]*ANSWER[ \t]*:[ \t]*[A-Z][ \t]*$/m.test(
    normalizeText(text),
  )
}

interface Pending {
  line: number
  text: string[]
  options: { letter: string; text: string }[]
}

/**
 * Imports Aiken text: each question becomes a single-choice card with the option named on its
 * `ANSWER:` line as the answer and the others as distractors. Errors (an option or ANSWER line
 * with no question, a question with fewer than two options, one without an ANSWER line, an
 * ANSWER naming no option) are warnings at their line; the import fails only when no question
 * is good.
 */
export function importAiken(input: string, options: ImportOptions = {}): ImportResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const warnings: ImportIssue[] = []
  const allocate = createIdAllocator()
  const cards: Card[] = []
  const lines: number[] = []
  let pending: Pending | undefined
  let count = 0

  const unfinished = (q: Pending) =>
    warnings.push({
      line: q.line,
      message: 'this question has no "ANSWER:" line, so it was left out',
    })

  const all = normalizeText(input).split('\n')
  for (let i = 0; i < all.length; i++) {
    const line = all[i]!.trim()
    const at = i + 1
    if (!line) continue
    const answer = ANSWER.exec(line)
    const option = OPTION.exec(line)
    if (answer) {
      if (!pending) {
        warnings.push({ line: at, message: 'an "ANSWER:" line with no question before it' })
        continue
      }
      const q = pending
      pending = undefined
      const letter = answer[1]!.trim().toUpperCase()
      if (q.options.length < 2) {
        warnings.push({
          line: q.line,
          message: `this question has ${q.options.length === 1 ? 'only one option' : 'no options'}; it needs at least two (A) and B)), so it was left out`,
        })
        continue
      }
      const right = q.options.find((o) => o.letter === letter)
      if (!right) {
        warnings.push({
          line: at,
          message: `"ANSWER: ${answer[1]!.trim()}" names no option of this question (${q.options.map((o) => o.letter).join(', ')}), so it was left out`,
        })
        continue
      }
      if (++count > MAX_IMPORT_CARDS) return { ok: false, issues: [tooManyCardsIssue('questions')] }
      const prompt = plainText(q.text.join('\n')).trim()
      const parsed = parseCard({
        id: 'x',
        type: 'single',
        prompt,
        answer: plainText(right.text).trim(),
        distractors: q.options.filter((o) => o !== right).map((o) => plainText(o.text).trim()),
      })
      if (!parsed.ok) warnings.push(...cardIssues(parsed.issues, q.line, (f) => f))
      else {
        cards.push({
          ...parsed.value,
          id: allocate(slugId(prompt) ?? `aiken-${stableHash(prompt)}`),
        })
        lines.push(q.line)
      }
      continue
    }
    if (option && pending && (pending.options.length || pending.text.length)) {
      pending.options.push({ letter: option[1]!, text: option[2]! })
      continue
    }
    if (option && !pending) {
      warnings.push({
        line: at,
        message: `the option "${line.slice(0, 40)}" comes before any question`,
      })
      continue
    }
    // question text
    if (pending?.options.length) {
      unfinished(pending)
      pending = undefined
    }
    if (pending) pending.text.push(line)
    else pending = { line: at, text: [line], options: [] }
  }
  if (pending) unfinished(pending)
  return finishImport({ cards, warnings, lines }, options, {
    fallbackTitle: 'Imported from Aiken',
    none: 'no Aiken questions found: each needs the question on a line, options such as "A) …" below it, then "ANSWER: A"',
  })
}
