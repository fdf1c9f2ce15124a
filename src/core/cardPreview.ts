// What the editor's preview shows of a card still being written: the card itself once it is
// valid; before that, the card with its empty fields standing in as "Question" and "Answer", so
// the instructor sees the card take shape as they type instead of an error. Deck-format
// knowledge (which fields `parseCard` needs filled), so it lives next to `deck.ts`.
import { parseCard, type Card, type DeckIssue } from './deck'

/**
 * A card ready to preview (`placeholders` says whether empty fields were filled in to get there),
 * or why no preview is possible.
 */
export type PreviewCard =
  | { ok: true; card: Card; placeholders: boolean }
  /** Not previewable even with placeholders (no number yet, no blank, no country…): why. */
  | { ok: false; issue: DeckIssue | undefined }

const blank = (text: string) => text.trim() === ''
const fill = (text: string, placeholder: string) => (blank(text) ? placeholder : text)
/** Empty items become "Answer 1", "Answer 2"… (numbered, so they are not duplicates of each other). */
function fillList(items: readonly string[], name: string, min: number): string[] {
  const out = items.slice()
  while (out.length < min) out.push('')
  const numbered = out.length > 1
  return out.map((item, i) => fill(item, numbered ? `${name} ${i + 1}` : name))
}

/**
 * `card` with each empty (or blank) text field replaced by a placeholder: "Question", "Answer",
 * numbered "Answer 1", "Answer 2"… in lists, padded to the fewest items the type needs. Numbers and
 * countries are not made up, so such a card can stay invalid. Pure; `card` is not changed.
 * @example withPlaceholders({ ...basic, front: '' }).front === 'Question'
 */
export function withPlaceholders(card: Card): Card {
  switch (card.type) {
    case 'basic':
      return { ...card, front: fill(card.front, 'Question'), back: fill(card.back, 'Answer') }
    case 'cloze':
      return { ...card, text: fill(card.text, 'Text with a {{c1::blank}}') }
    case 'typed':
      return {
        ...card,
        prompt: fill(card.prompt, 'Question'),
        answers: fillList(card.answers, 'Answer', 1),
      }
    case 'single':
      return {
        ...card,
        prompt: fill(card.prompt, 'Question'),
        answer: fill(card.answer, 'Answer'),
        distractors: fillList(card.distractors, 'Wrong answer', 0),
      }
    case 'multi':
      return {
        ...card,
        prompt: fill(card.prompt, 'Question'),
        answers: fillList(card.answers, 'Answer', 1),
        distractors: fillList(card.distractors, 'Wrong answer', 1),
      }
    case 'ordering':
      return {
        ...card,
        prompt: fill(card.prompt, 'Question'),
        items: fillList(card.items, 'Item', 2),
      }
    case 'numeric':
    case 'map':
      return { ...card, prompt: fill(card.prompt, 'Question') }
  }
}

/**
 * The card to preview: `card` as `parseCard` returns it when valid, else `withPlaceholders(card)`
 * when that makes it valid, else the first issue that placeholders could not fix.
 * @example previewCard({ ...basic, back: '' }) // { ok: true, card: { …, back: 'Answer' }, placeholders: true }
 */
export function previewCard(card: Card): PreviewCard {
  const exact = parseCard(card)
  if (exact.ok) return { ok: true, card: exact.value, placeholders: false }
  const filled = parseCard(withPlaceholders(card))
  if (filled.ok) return { ok: true, card: filled.value, placeholders: true }
  return { ok: false, issue: filled.issues[0] }
}
