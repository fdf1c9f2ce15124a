// Decks as Moodle GIFT text. What a card type becomes is decided here, once, for both the report
// (exportFormats.planExport) and the file.
import { afterBlank, clozeIndexes, clozeSegments } from './cloze'
import type { Card, Deck } from './deck'
import {
  countryAnswers,
  MAP_AS_SHORT_ANSWER,
  ORDERING_AS_MATCHING,
  orderingAsMatching,
  scrambled,
  typedMapPrompt,
} from './exportCommon'
import type { CardFate } from './exportFormats'

// GIFT's control characters and the backslash; a backslash before one makes it literal
// (Moodle and gift-pegjs both read `\\` as a backslash).
const SPECIAL = /[\\~=#{}:]/g
// the blank gift-pegjs and Moodle show where a "missing word" question had its answers
const BLANK = '_____'

/** Text as GIFT writes it: control characters and backslashes escaped, line breaks as `\n`, `[plain]` when it looks like HTML. */
export function giftEscape(text: string): string {
  const escaped = escapeOnly(text)
  // Moodle's default format reads HTML; [plain] keeps "<b>" as the characters the author typed
  return /[<&]/.test(text) ? `[plain]${escaped}` : escaped
}

/** Text as GIFT writes it after an answer block: escaped, never marked `[plain]`. */
export function escapeOnly(text: string): string {
  return text.replace(SPECIAL, '\\$&').replace(/\r?\n/g, '\\n')
}

function percent(n: number): string {
  return String(Math.round(n * 100000) / 100000)
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '0'
}

/** The answer part of a question (inside the braces), or why the card cannot be one. */
interface GiftQuestion {
  fate: CardFate
  /** The questions in GIFT syntax: the text before the braces, inside them, and after them. */
  questions: { id: string; prompt: string; answers: string; after?: string }[]
}

function feedback(card: Card): string {
  return card.explanation ? ` ####${giftEscape(card.explanation)}` : ''
}

/**
 * What a card becomes in GIFT: single → multiple choice (True/False → `{T}`/`{F}`); multi →
 * multiple choice with weights (right answers share 100%, wrong ones −100%); typed → short
 * answer; numeric → numerical (`{#n}` or `{#min..max}`, a unit written after the prompt);
 * basic → short answer with the back as the answer; cloze → one missing-word question per blank
 * number; ordering (three items or more) → matching of each item, shuffled by the card id, to its
 * place; map → short answer on the country's names. Single-choice cards without distractors,
 * orderings of two items and cloze cards whose number repeats have no GIFT form.
 */
export function giftCard(card: Card): GiftQuestion {
  const one = (
    prompt: string,
    answers: string,
    fate: CardFate = { fate: 'kept' },
  ): GiftQuestion => ({
    fate,
    questions: [{ id: card.id, prompt: giftEscape(prompt), answers: answers + feedback(card) }],
  })
  switch (card.type) {
    case 'single': {
      const [only] = card.distractors
      if (card.distractors.length === 1 && only !== undefined) {
        const pair = [card.answer, only]
          .map((s) => s.toLowerCase())
          .sort()
          .join('/')
        if (pair === 'false/true')
          return one(card.prompt, card.answer.toLowerCase() === 'true' ? 'T' : 'F')
      }
      if (!card.distractors.length)
        return { fate: { fate: 'left', why: 'they have no written wrong choices' }, questions: [] }
      return one(
        card.prompt,
        [`=${giftEscape(card.answer)}`, ...card.distractors.map((d) => `~${giftEscape(d)}`)].join(
          ' ',
        ),
      )
    }
    case 'multi': {
      const right = percent(100 / card.answers.length)
      return one(
        card.prompt,
        [
          ...card.answers.map((a) => `~%${right}%${giftEscape(a)}`),
          ...card.distractors.map((d) => `~%-100%${giftEscape(d)}`),
        ].join(' '),
      )
    }
    case 'typed': {
      const answers = card.answers.map((a) => `=${giftEscape(a)}`).join(' ')
      const at = card.prompt.indexOf(BLANK)
      // a prompt with one blank is a missing-word question: the answers go where the blank is
      if (at !== -1 && card.prompt.indexOf(BLANK, at + 1) === -1)
        return {
          fate: { fate: 'kept' },
          questions: [
            {
              id: card.id,
              prompt: giftEscape(card.prompt.slice(0, at).trimEnd()),
              answers: answers + feedback(card),
              after: escapeOnly(card.prompt.slice(at + BLANK.length).trimStart()),
            },
          ],
        }
      return one(card.prompt, answers)
    }
    case 'numeric': {
      const answer =
        typeof card.answer === 'number'
          ? `#${numberText(card.answer)}`
          : `#${numberText(card.answer.min)}..${numberText(card.answer.max)}`
      return card.unit
        ? one(`${card.prompt} (in ${card.unit})`, answer, {
            fate: 'converted',
            how: 'written with the unit after the question',
          })
        : one(card.prompt, answer)
    }
    case 'basic':
      return one(card.front, `=${giftEscape(card.back)}`, {
        fate: 'converted',
        how: 'written as short answer, the back being the answer',
      })
    case 'cloze': {
      const indexes = clozeIndexes(card.text)
      const questions: GiftQuestion['questions'] = []
      for (const n of indexes) {
        const segments = clozeSegments(card.text, n)
        const hidden = segments.filter((s) => s.kind === 'blank' && s.hidden)
        if (hidden.length !== 1)
          return {
            fate: { fate: 'left', why: 'a blank number appears more than once' },
            questions: [],
          }
        const i = segments.findIndex((s) => s.kind === 'blank' && s.hidden)
        const show = (list: typeof segments) =>
          list.map((s) => (s.kind === 'text' ? s.text : s.answer)).join('')
        const blank = hidden[0]!
        const before = giftEscape(show(segments.slice(0, i)).trimEnd())
        // a hint goes right after the blank, as the card shows it
        const after = escapeOnly(afterBlank(blank, show(segments.slice(i + 1)).trimStart()))
        questions.push({
          id: indexes.length > 1 ? `${card.id}-c${n}` : card.id,
          prompt: before,
          answers: `=${giftEscape(blank.kind === 'blank' ? blank.answer : '')}${feedback(card)}`,
          after,
        })
      }
      return {
        fate: {
          fate: 'converted',
          how:
            indexes.length > 1
              ? 'written as missing word, one question per blank'
              : 'written as missing word',
        },
        questions,
      }
    }
    case 'ordering': {
      // Moodle's matching needs two questions and three answers: three items at least
      if (card.items.length < 3)
        return {
          fate: {
            fate: 'left',
            why: 'GIFT has no ordering question, and Moodle matching needs three items',
          },
          questions: [],
        }
      const { pairs } = orderingAsMatching(scrambled(card.id, card.items), card.items)
      return one(
        card.prompt,
        pairs.map((p) => `=${giftEscape(p.left)} -> ${giftEscape(p.right)}`).join(' '),
        { fate: 'converted', how: ORDERING_AS_MATCHING },
      )
    }
    case 'map':
      return one(
        typedMapPrompt(card.prompt),
        countryAnswers(card.answers)
          .map((name) => `=${giftEscape(name)}`)
          .join(' '),
        { fate: 'converted', how: MAP_AS_SHORT_ANSWER },
      )
  }
}

/**
 * The deck as a GIFT file: a comment naming the deck, then one question per card (see
 * `giftCard`), each as `::id:: prompt {answers ####explanation}`, its tags in a
 * `// [tag:…]` comment above it (Moodle 3.6+), questions separated by blank lines.
 * `importGift(exportGift(d))` gives back every question GIFT holds.
 */
export function exportGift(deck: Deck): string {
  const out = [giftHeader(deck.title), '']
  for (const card of deck.cards) {
    const { questions } = giftCard(card)
    const tags = card.tags.filter((t) => !/[\]\n[]/.test(t)).map((t) => `[tag:${t}]`)
    for (const q of questions) {
      if (tags.length) out.push(`// ${tags.join(' ')}`)
      out.push(giftLine(q), '')
    }
  }
  return out.join('\n')
}

/** The comment that opens an exported GIFT file. */
export function giftHeader(title: string): string {
  return `// ${title.replace(/\s+/g, ' ')} (exported from Intercept)`
}

/**
 * One question in GIFT syntax, `::id:: prompt {answers}` and, for a missing-word question, the
 * text after the blank. `prompt`, `answers` and `after` are GIFT already (escaped by the caller).
 */
export function giftLine(q: { id: string; prompt: string; answers: string; after?: string }) {
  // a missing-word question goes on after its answers
  const after = !q.after ? '' : /^[.,;:!?)\]]/.test(q.after) ? q.after : ` ${q.after}`
  return `::${q.id}:: ${q.prompt ? `${q.prompt} ` : ''}{${q.answers}}${after}`
}
