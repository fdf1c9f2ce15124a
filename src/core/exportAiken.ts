// Decks as Moodle Aiken text: multiple-choice questions with one right answer, nothing else.
import type { Card, Deck } from './deck'
import type { CardFate } from './exportFormats'
import { countryByCode } from './countries'
import { typedMapPrompt } from './exportCommon'
import { stableHash } from './ids'

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** An Aiken question for a card, or why there is none. */
export interface AikenQuestion {
  fate: CardFate
  prompt?: string
  /** The options in order, and the index of the right one. */
  options?: string[]
  answer?: number
}

/** Text on one line: Aiken is one line per question and per option. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}

/**
 * What a card becomes in Aiken: single-choice cards with written wrong choices, and
 * multiple-select cards with exactly one right answer, are multiple-choice questions; the right
 * answer takes a place among the options that depends only on the card id (the same on every
 * export, not always "A"); so are map cards with one country and written wrong ones, as a choice
 * of country names. Every other card has no Aiken form.
 */
export function aikenCard(card: Card): AikenQuestion {
  let answer: string
  let wrong: readonly string[]
  if (card.type === 'single') {
    if (!card.distractors.length)
      return { fate: { fate: 'left', why: 'they have no written wrong choices' } }
    answer = card.answer
    wrong = card.distractors
  } else if (card.type === 'multi' && card.answers.length === 1) {
    answer = card.answers[0]!
    wrong = card.distractors
  } else if (card.type === 'map' && card.answers.length === 1 && card.distractors?.length) {
    // a map card with written wrong countries is a choice of names, as quizzes ask it
    const name = (code: string) => countryByCode(code)?.name ?? code
    answer = name(card.answers[0]!)
    wrong = card.distractors.map(name)
  } else
    return {
      fate: {
        fate: 'left',
        why:
          card.type === 'multi'
            ? 'Aiken questions have exactly one right answer'
            : card.type === 'map'
              ? 'Aiken has no map question; only map cards with one country and written wrong ones become choices'
              : 'Aiken has only multiple-choice questions',
      },
    }
  const at = parseInt(stableHash(card.id), 36) % (wrong.length + 1)
  const options = [...wrong.slice(0, at), answer, ...wrong.slice(at)].map(oneLine)
  return {
    fate:
      card.type === 'multi'
        ? { fate: 'converted', how: 'written as single choice (one right answer)' }
        : card.type === 'map'
          ? { fate: 'converted', how: 'written as a choice of country names' }
          : { fate: 'kept' },
    prompt: oneLine(card.type === 'map' ? typedMapPrompt(card.prompt, 'Choose') : card.prompt),
    options,
    answer: at,
  }
}

/**
 * The deck as an Aiken file: for each card Aiken can hold (see `aikenCard`) the question on one
 * line, its options as `A) …`, then `ANSWER: X`, and a blank line.
 */
export function exportAiken(deck: Deck): string {
  const out: string[] = []
  for (const card of deck.cards) {
    const q = aikenCard(card)
    if (!q.options || q.prompt === undefined || q.answer === undefined) continue
    out.push(...aikenLines(q.prompt, q.options, q.answer))
  }
  return out.join('\n')
}

/**
 * One Aiken question: the prompt, its options as `A) …`, `ANSWER: X` (the letter of option
 * `answer`) and a blank line. Prompt and options must be one line each (see `oneLine`).
 */
export function aikenLines(prompt: string, options: readonly string[], answer: number): string[] {
  return [prompt, ...options.map((o, i) => `${LETTERS[i]}) ${o}`), `ANSWER: ${LETTERS[answer]}`, '']
}
