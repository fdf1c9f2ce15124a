// Quizlet's export: each card is "term<term separator>definition", cards joined by a card
// separator (Quizlet offers Tab or comma, and new line or semicolon, or anything custom). There is
// no quoting or escaping, so a card is split at the first term separator only.
import { createIdAllocator, slugId, stableHash } from '../ids'
import { QUIZLET_CARD_SEPARATORS, QUIZLET_TERM_SEPARATORS } from './separators'
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
  plural,
} from './common'
import { separatorLabel } from './delimited'

/** How a Quizlet export separates a term from its definition, and one card from the next. */
export interface QuizletSeparators {
  termSeparator: string
  cardSeparator: string
}

/** The likeliest separators and how well they fit (0 to 1: the share of cards they split cleanly). */
export interface QuizletGuess extends QuizletSeparators {
  confidence: number
}

/** Options for `importQuizlet`; separators not given are guessed. */
export interface QuizletImportOptions extends ImportOptions, Partial<QuizletSeparators> {}

const TERM_CANDIDATES = QUIZLET_TERM_SEPARATORS.map((s) => s.value)
const CARD_CANDIDATES = QUIZLET_CARD_SEPARATORS.map((s) => s.value)
// enough cards to judge a separator; guessing never reads the whole of a huge paste
const SAMPLE_CHARS = 64 * 1024

function occurrences(text: string, part: string, cap = 3): number {
  let n = 0
  for (let i = text.indexOf(part); i !== -1 && n < cap; i = text.indexOf(part, i + part.length)) n++
  return n
}

/**
 * Guesses the separators of a Quizlet export by trying each pair of common term separators
 * (Tab, comma, " - ", " — ", ": ", " = ", "|", ";") and card separators (new line, semicolon,
 * blank line, "|") and scoring how consistently the cards split: a card with exactly one term
 * separator scores 1, one with several scores ½ (definitions may hold commas), none 0; a text
 * that is a single card scores at most 0.9. A card separator the text does not contain is never
 * chosen for text on several lines. Ties go to the reading with more cards, then to the earlier,
 * more common candidates. Reads at most the first 64 KB.
 * @example guessQuizletSeparators('SM-3\tinterceptor\nTHAAD\tbattery') // { termSeparator: '\t', cardSeparator: '\n', confidence: 1 }
 */
export function guessQuizletSeparators(input: string): QuizletGuess {
  const text = normalizeText(input.slice(0, SAMPLE_CHARS))
  const body = text.trim()
  // Text on several lines holds several cards: a card separator it never uses would read it all
  // as one card, which a single stray term separator (";" in "&nbsp;") scores as a good fit.
  const multiline = body.includes('\n')
  let best: QuizletGuess = { termSeparator: '\t', cardSeparator: '\n', confidence: 0 }
  let bestCards = 0
  for (const cardSeparator of CARD_CANDIDATES) {
    if (multiline && !body.includes(cardSeparator)) continue
    const cards = text
      .split(cardSeparator)
      .map((card) => card.trim())
      .filter(Boolean)
    // a sample cut mid-card would count against every candidate; drop the last card when cut
    if (input.length > SAMPLE_CHARS && cards.length > 1) cards.pop()
    if (!cards.length) continue
    for (const termSeparator of TERM_CANDIDATES) {
      if (cardSeparator.includes(termSeparator) || termSeparator.includes(cardSeparator)) continue
      let score = 0
      for (const card of cards) {
        const n = occurrences(card, termSeparator)
        score += n === 1 ? 1 : n > 1 ? 0.5 : 0
      }
      // one card is weak evidence for any reading; between equally good readings, the one that
      // explains more cards wins ("a, b; c, d" is two cards, not one card split at ";")
      const confidence = (score / cards.length) * (cards.length > 1 ? 1 : 0.9)
      if (
        confidence > best.confidence ||
        (confidence === best.confidence && confidence > 0 && cards.length > bestCards)
      ) {
        best = { termSeparator, cardSeparator, confidence }
        bestCards = cards.length
      }
    }
  }
  return best
}

function fieldLabel(field: string): string {
  return field === 'front'
    ? 'term'
    : field === 'back'
      ? 'definition'
      : field.startsWith('tags')
        ? 'a tag'
        : field
}

/**
 * Imports a Quizlet export as basic cards: term on the front, definition on the back. Each card
 * is split at the first term separator; surrounding spaces are trimmed. Cards without a term
 * separator, or with an empty side, are left out with a warning at their line. Ids come from the
 * term (readable, stable across re-imports).
 */
export function importQuizlet(input: string, options: QuizletImportOptions = {}): ImportResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const text = normalizeText(input)
  let guessed: QuizletGuess | undefined
  const guess = () => (guessed ??= guessQuizletSeparators(text))
  const termSeparator = normalizeText(options.termSeparator || guess().termSeparator)
  const cardSeparator = normalizeText(options.cardSeparator || guess().cardSeparator)
  if (termSeparator.includes(cardSeparator) || cardSeparator.includes(termSeparator))
    return {
      ok: false,
      issues: [
        {
          message:
            'the separator between term and definition must differ from the one between cards',
        },
      ],
    }

  const warnings: ImportIssue[] = []
  const allocate = createIdAllocator()
  const cards: Card[] = []
  const lines: number[] = []
  let line = 1
  let counted = 0
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1))
      line++
    counted = Math.max(counted, offset)
    return line
  }
  let pos = 0
  let seen = 0
  while (pos <= text.length) {
    const found = text.indexOf(cardSeparator, pos)
    const end = found === -1 ? text.length : found
    const chunk = text.slice(pos, end)
    const lead = chunk.length - chunk.trimStart().length
    if (lead < chunk.length) {
      const at = lineAt(pos + lead)
      const split = chunk.indexOf(termSeparator)
      if (++seen > MAX_IMPORT_CARDS) return { ok: false, issues: [tooManyCardsIssue()] }
      if (split === -1)
        warnings.push({
          line: at,
          message: `there is no ${separatorLabel(termSeparator)} between the term and the definition, so this card was left out`,
        })
      else {
        const term = plainText(chunk.slice(0, split)).trim()
        const definition = plainText(chunk.slice(split + termSeparator.length)).trim()
        if (!term || !definition)
          warnings.push({
            line: at,
            field: term ? 'definition' : 'term',
            message: `the ${term ? 'definition' : 'term'} is empty, so this card was left out`,
          })
        else {
          const parsed = parseCard({ id: 'x', type: 'basic', front: term, back: definition })
          if (!parsed.ok) warnings.push(...cardIssues(parsed.issues, at, fieldLabel))
          else {
            cards.push({
              ...parsed.value,
              id: allocate(slugId(term) ?? `quizlet-${stableHash(term)}`),
            })
            lines.push(at)
          }
        }
      }
    }
    if (found === -1) break
    pos = found + cardSeparator.length
  }
  // every card was left out for a reason: the reasons are the problem, not "no cards found"
  if (!cards.length && seen > 0 && warnings.some((w) => w.field))
    return {
      ok: false,
      issues: [
        ...warnings,
        {
          message:
            seen === 1
              ? 'the one card could not be imported'
              : `none of the ${plural(seen, 'card')} could be imported`,
        },
      ],
    }
  return finishImport({ cards, warnings, lines }, options, {
    fallbackTitle: 'Imported from Quizlet',
    none: `no cards found: each card needs a term, then ${separatorLabel(termSeparator)}, then the definition, with cards separated by ${separatorLabel(cardSeparator)}`,
  })
}
