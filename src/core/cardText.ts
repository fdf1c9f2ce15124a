// Cards in words, for lists and exports.
import { clozeFilled, clozeSegments } from './cloze'
import { countryByCode } from './countries'
import type { Card } from './deck'
import type { MemoryState } from './scheduler'

/** One line that says what a card asks. */
export function cardSummary(card: Card): string {
  switch (card.type) {
    case 'basic':
      return `${card.front} → ${card.back}`
    case 'cloze':
      return clozeFilled(card.text)
    case 'typed':
      return `${card.prompt} → ${card.answers[0] ?? ''}`
    case 'single':
      return `${card.prompt} → ${card.answer}`
    case 'multi':
      return `${card.prompt} → ${card.answers.join(', ')}`
    case 'ordering':
      return `${card.prompt} → ${card.items.join(' · ')}`
    case 'numeric':
      return `${card.prompt} → ${typeof card.answer === 'number' ? card.answer : `${card.answer.min}–${card.answer.max}`}${card.unit ? ` ${card.unit}` : ''}`
    case 'map':
      return `${card.prompt} → ${card.answers.map((code) => countryByCode(code)?.name ?? code).join(', ')}`
  }
}

/** A piece of a card's summary; `blank` marks a cloze blank's answer, to be shown as a blank. */
export interface SummaryPart {
  text: string
  blank?: true
}

/**
 * `cardSummary` in pieces, so a list can show where a cloze card's blanks are (filled in, the
 * blanks would be invisible: the card would read like any sentence).
 * @example cardSummaryParts(cloze('{{c1::Aegis}} ships')) // [{ text: 'Aegis', blank: true }, { text: ' ships' }]
 */
export function cardSummaryParts(card: Card): SummaryPart[] {
  if (card.type !== 'cloze') return [{ text: cardSummary(card) }]
  return clozeSegments(card.text, 0).map((s) =>
    s.kind === 'text' ? { text: s.text } : { text: s.answer, blank: true },
  )
}

/** "New", "Learning", "Review" or "Relearning". */
export function cardStateLabel(memory: MemoryState | undefined): string {
  const state = memory?.state ?? 'new'
  return state[0]!.toUpperCase() + state.slice(1)
}
