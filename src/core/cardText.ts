// Cards in words, for lists and exports.
import { clozeFilled } from './cloze'
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

/** "New", "Learning", "Review" or "Relearning". */
export function cardStateLabel(memory: MemoryState | undefined): string {
  const state = memory?.state ?? 'new'
  return state[0]!.toUpperCase() + state.slice(1)
}
