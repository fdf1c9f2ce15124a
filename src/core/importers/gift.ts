// Moodle GIFT files, parsed by gift-pegjs and read the way Moodle reads them: Moodle splits the file
// into questions at blank lines and is lenient where the grammar is strict (Moodle's own
// questions.gift.txt has a numerical answer followed by `~#feedback` with no `=`, which the grammar
// rejects, so the whole file would fail). Here each question is parsed on its own, with Moodle's
// leniencies rewritten into the grammar's form first, so one bad question is reported at its line
// and the others are imported. This module loads gift-pegjs: import it lazily (see `importFile`).
import {
  parse as parseGiftText,
  type GIFTQuestion,
  type NumericalChoice,
  type NumericalFormat,
  type TextChoice,
  type TextFormat,
} from 'gift-pegjs'
import {
  cardIssues,
  finishImport,
  isId,
  LIMITS,
  MAX_IMPORT_CARDS,
  normalizeText,
  parseCard,
  agree,
  plural,
  sizeIssue,
  tooManyCardsIssue,
  type Card,
  type CardInput,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
  plainText,
} from './common'
import { createIdAllocator, slugId, stableHash } from '../ids'
import { htmlToText, looksLikeHtml } from './html'

/** The blank gift-pegjs puts where a "missing word" question had its answers. */
export const GIFT_BLANK = '_____'

/** One question block of a GIFT file: its text and the line (from 1) where it starts. */
export interface GiftBlock {
  text: string
  line: number
}

/**
 * Splits GIFT text into question blocks as Moodle does: a line holding only spaces ends a
 * question. Blocks of comments alone are dropped.
 */
export function splitGiftBlocks(text: string): GiftBlock[] {
  const lines = normalizeText(text).split('\n')
  const blocks: GiftBlock[] = []
  let current: string[] = []
  let start = 0
  const flush = () => {
    if (current.some((l) => l.trim() && !l.trim().startsWith('//')))
      blocks.push({ text: current.join('\n'), line: start + 1 })
    current = []
  }
  lines.forEach((line, i) => {
    if (!line.trim()) return flush()
    if (!current.length) start = i
    current.push(line)
  })
  flush()
  return blocks
}

// Moodle reads `{#3:2 ~#wrong}` (a numerical answer without "=", then feedback for every other
// answer) as `{#=3:2 ~#wrong}`; the grammar wants the "=".
const NUMERIC_WITHOUT_EQUALS = /\{#(\s*)(?![=\s])([^{}~]*?)(\s*)~/g

/** Moodle's leniencies rewritten into what gift-pegjs accepts; the text when none applies. */
function repairForGrammar(text: string): string {
  return text.replace(NUMERIC_WITHOUT_EQUALS, '{#$1=$2$3 ~')
}

type Parsed = { ok: true; questions: GIFTQuestion[] } | { ok: false; issue: ImportIssue }

interface PegError {
  message: string
  location?: { start: { line: number; column: number } }
}

/** Parses one block: as written, then with Moodle's leniencies rewritten. Errors at file lines. */
export function parseGiftBlock(block: GiftBlock): Parsed {
  try {
    return { ok: true, questions: parseGiftText(block.text) }
  } catch (error) {
    const repaired = repairForGrammar(block.text)
    if (repaired !== block.text) {
      try {
        return { ok: true, questions: parseGiftText(repaired) }
      } catch {
        // report the error in the text as written
      }
    }
    const peg = error as PegError
    const at = peg.location?.start
    return {
      ok: false,
      issue: {
        line: block.line + (at ? at.line - 1 : 0),
        ...(at ? { column: at.column } : {}),
        message: `this question could not be read (${peg.message.replace(/\.$/, '')}), so it was left out`,
      },
    }
  }
}

// Category path parts that are Moodle's own, not the teacher's.
const CATEGORY_NOISE = /^\$[a-z]+\$$|^top$/i

function categoryTag(path: string): string | undefined {
  const parts = path
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p && !CATEGORY_NOISE.test(p))
  const tag = parts.join('::').slice(0, 40).trim()
  return tag || undefined
}

/** A tag of at most 40 characters, cut at a word with "…" when longer. */
function shortTag(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim()
  if (one.length <= 40) return one
  const cut = one.slice(0, 39)
  const space = cut.lastIndexOf(' ')
  return `${(space > 20 ? cut.slice(0, space) : cut).trimEnd()}…`
}

function weightOf(choice: { isCorrect: boolean; weight: number | null }): number {
  return choice.weight ?? (choice.isCorrect ? 100 : 0)
}

function numericAnswer(format: NumericalFormat): number | { min: number; max: number } | undefined {
  if (format.type === 'high-low') {
    const low = format.numberLow
    const high = format.numberHigh
    if (low === undefined || high === undefined) return undefined
    return { min: Math.min(low, high), max: Math.max(low, high) }
  }
  const n = format.number
  if (n === undefined) return undefined
  const r = Math.abs(format.range ?? 0)
  return r ? { min: n - r, max: n + r } : n
}

/** What a question became: cards (each still to be checked) and warnings about what was left out. */
interface Converted {
  cards: CardInput[]
  warnings: string[]
}

/**
 * Imports a Moodle GIFT file. Multiple choice with one right answer becomes a single-choice card
 * (partial-credit choices count as wrong, with a warning); multiple choice whose choices carry
 * weights and no single right answer (`~%50%…`) becomes a multiple-select card (positive weights
 * right); true/false becomes a single-choice card with the answer "True" or "False"; short answer
 * a typed card (full-credit answers accepted); numerical a numeric card (`n:tolerance` and `a..b`
 * become ranges); each pair of a matching question a flashcard tagged with the question's name;
 * a "missing word" question keeps its blank as `_____`. General feedback and per-answer feedback
 * become the explanation; `[html]` and Moodle-format HTML become plain text; `$CATEGORY:` paths
 * and `[tag:…]` comments become tags; `::title::` (or `[id:…]`) becomes the card id. Essays and
 * descriptions have nothing to check and are left out with a warning, as is every question the
 * grammar cannot read even after Moodle's leniencies, each at its line.
 */
export function importGift(input: string, options: ImportOptions = {}): ImportResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const warnings: ImportIssue[] = []
  const allocate = createIdAllocator()
  const cards: Card[] = []
  const lines: number[] = []
  let media = 0
  let category: string | undefined
  let questions = 0

  const text = (format: TextFormat | null | undefined): string => {
    if (!format) return ''
    let value = format.text
    if (format.format !== 'plain' && looksLikeHtml(value)) {
      const html = htmlToText(value)
      media += html.media
      value = html.text
    }
    return plainText(value).trim()
  }
  const feedbackLines = (choices: readonly (TextChoice | NumericalChoice)[]) =>
    choices
      .filter((c) => c.feedback && text(c.feedback))
      .map((c) => {
        const label = 'format' in c.text ? text(c.text) : numberLabel(c.text)
        return `${label === '*' ? 'Any other answer' : label}: ${text(c.feedback)}`
      })
  const explanationOf = (global: TextFormat | null, extra: string[] = []) => {
    const all = [text(global), ...extra].filter(Boolean).join('\n')
    return all.length > LIMITS.longText ? `${all.slice(0, LIMITS.longText - 1)}…` : all
  }

  function convert(q: Exclude<GIFTQuestion, { type: 'Category' }>): Converted {
    const tags = [...(q.tags ?? []).map(shortTag).filter(Boolean), ...(category ? [category] : [])]
    const base = (explanation: string) => ({
      ...(explanation ? { explanation } : {}),
      ...(tags.length ? { tags: [...new Set(tags)] } : {}),
    })
    // gift-pegjs puts a space after the blank even when punctuation followed the braces
    const prompt = text(q.stem).replace(/_____ (?=[.,;:!?)\]])/g, GIFT_BLANK)
    switch (q.type) {
      case 'Description':
        return { cards: [], warnings: ['is a description with no question, so it was left out'] }
      case 'Essay':
        return {
          cards: [],
          warnings: ['is an essay question with no answer to check, so it was left out'],
        }
      case 'TF': {
        const answer = q.isTrue ? 'True' : 'False'
        const wrong = q.isTrue ? 'False' : 'True'
        // Moodle shows the first feedback after a wrong answer and the second after a right one;
        // gift-pegjs calls them trueFeedback and falseFeedback in that order
        const extra = [
          ...(text(q.trueFeedback) ? [`${wrong}: ${text(q.trueFeedback)}`] : []),
          ...(text(q.falseFeedback) ? [`${answer}: ${text(q.falseFeedback)}`] : []),
        ]
        return {
          cards: [
            {
              ...base(explanationOf(q.globalFeedback, extra)),
              id: 'x',
              type: 'single',
              prompt,
              answer,
              distractors: [wrong],
            },
          ],
          warnings: [],
        }
      }
      case 'MC': {
        const choices = q.choices.map((c) => ({ text: text(c.text), weight: weightOf(c) }))
        const explanation = explanationOf(q.globalFeedback, feedbackLines(q.choices))
        const full = choices.filter((c) => c.weight >= 100)
        if (full.length === 1) {
          const partial = choices.filter((c) => c.weight > 0 && c.weight < 100)
          return {
            cards: [
              {
                ...base(explanation),
                id: 'x',
                type: 'single',
                prompt,
                answer: full[0]!.text,
                distractors: choices.filter((c) => c.weight < 100).map((c) => c.text),
              },
            ],
            warnings: partial.length
              ? [
                  `gives partial credit for ${partial.map((c) => `"${c.text}"`).join(', ')}; Intercept counts ${agree(partial.length, 'it', 'them')} as wrong`,
                ]
              : [],
          }
        }
        const right = choices.filter((c) => c.weight > 0)
        return {
          cards: [
            {
              ...base(explanation),
              id: 'x',
              type: 'multi',
              prompt,
              answers: right.map((c) => c.text),
              distractors: choices.filter((c) => c.weight <= 0).map((c) => c.text),
            },
          ],
          warnings: [],
        }
      }
      case 'Short': {
        const accepted = q.choices.filter((c) => weightOf(c) >= 100).map((c) => text(c.text))
        const partial = q.choices.filter((c) => {
          const w = weightOf(c)
          return w > 0 && w < 100
        })
        const explanation = explanationOf(q.globalFeedback, feedbackLines(q.choices))
        return {
          cards: [
            {
              ...base(explanation),
              id: 'x',
              type: 'typed',
              prompt,
              answers: accepted.filter((a) => a !== '*'),
            },
          ],
          warnings: partial.length
            ? [
                `gives partial credit for ${partial.map((c) => `"${text(c.text)}"`).join(', ')}; Intercept accepts only full-credit answers`,
              ]
            : [],
        }
      }
      case 'Numerical': {
        const list = Array.isArray(q.choices) ? q.choices : undefined
        const formats = list
          ? list
              .filter((c) => !('format' in c.text))
              .sort((a, b) => weightOf(b) - weightOf(a))
              .map((c) => ({ format: c.text, weight: weightOf(c) }))
          : [{ format: q.choices as NumericalFormat, weight: 100 }]
        const best = formats[0]
        const answer = best && best.weight > 0 ? numericAnswer(best.format) : undefined
        const others = formats.slice(1).filter((f) => f.weight > 0)
        if (answer === undefined)
          return { cards: [], warnings: ['has no right number, so it was left out'] }
        return {
          cards: [
            {
              ...base(explanationOf(q.globalFeedback, list ? feedbackLines(list) : [])),
              id: 'x',
              type: 'numeric',
              prompt,
              answer,
            },
          ],
          warnings: others.length
            ? [
                `also gives partial credit for ${others.map((f) => numberLabel(f.format)).join(', ')}; Intercept keeps only the best answer`,
              ]
            : [],
        }
      }
      case 'Matching': {
        const pairs = q.matchPairs
          .map((p) => ({ front: text(p.subquestion), back: plainText(p.subanswer).trim() }))
          .filter((p) => p.front && p.back)
        const groupTag = shortTag(q.title ? plainText(q.title).trim() : prompt)
        const extra = q.matchPairs.length - pairs.length
        return {
          cards: pairs.map((p) => ({
            ...base(explanationOf(q.globalFeedback)),
            ...(groupTag ? { tags: [...new Set([...tags, groupTag])] } : {}),
            id: 'x',
            type: 'basic',
            front: p.front,
            back: p.back,
          })),
          warnings: [
            `is a matching question: each of its ${plural(pairs.length, 'pair')} became a flashcard${groupTag ? ` tagged "${groupTag}"` : ''}${extra ? ` (${plural(extra, 'extra answer')} without a question left out)` : ''}`,
          ],
        }
      }
    }
  }

  const blocks = splitGiftBlocks(input)
  for (const block of blocks) {
    const parsed = parseGiftBlock(block)
    if (!parsed.ok) {
      warnings.push(parsed.issue)
      continue
    }
    for (const q of parsed.questions) {
      if (q.type === 'Category') {
        category = categoryTag(q.title)
        continue
      }
      if (++questions > MAX_IMPORT_CARDS)
        return { ok: false, issues: [tooManyCardsIssue('questions')] }
      const name = `"${shortTag(q.title ?? (q.type === 'Description' ? '' : text(q.stem))) || 'this question'}"`
      const result = convert(q)
      for (const message of result.warnings)
        warnings.push({ line: block.line, message: `${name} ${message}` })
      const idBase =
        (q.id && isId(q.id) ? q.id : undefined) ??
        (q.title ? slugId(q.title) : undefined) ??
        `gift-${stableHash(q.type === 'Description' ? '' : JSON.stringify(q.stem))}`
      result.cards.forEach((raw, i) => {
        const parsedCard = parseCard(raw)
        if (!parsedCard.ok) {
          warnings.push(...cardIssues(parsedCard.issues, block.line, (f) => f))
          return
        }
        const id = allocate(result.cards.length > 1 ? `${idBase}-${i + 1}` : idBase)
        cards.push({ ...parsedCard.value, id })
        lines.push(block.line)
      })
    }
  }
  if (media)
    warnings.push({
      message: `${plural(media, 'picture or sound', 'pictures or sounds')} in the questions ${agree(media, 'was', 'were')} left out`,
    })
  return finishImport({ cards, warnings, lines }, options, {
    fallbackTitle: 'Imported from GIFT',
    none: 'no questions found that Intercept can use: a GIFT question is text followed by its answers in braces, such as "Capital of France? {=Paris ~Lyon}"',
  })
}

function numberLabel(format: NumericalFormat): string {
  if (format.type === 'high-low') return `${format.numberLow}..${format.numberHigh}`
  return format.range ? `${format.number}:${format.range}` : String(format.number)
}
