// Authoring from text: cloze blanks from a selection and cards from a pasted source.
import { clozeIndexes } from './cloze'
import { LIMITS, type Card, type CardOf } from './deck'
import { newCardId } from './ids'

/**
 * Turns `text[start, end)` into a new cloze blank `{{cN::…}}`, N one more than the highest blank
 * already there (Anki's "new cloze"). Spaces at the edges of the selection stay outside the
 * blank. Returns undefined for an empty selection or one that cuts into an existing blank.
 * @example wrapCloze('Aegis Ashore is in Romania', 19, 26) // 'Aegis Ashore is in {{c1::Romania}}'
 */
export function wrapCloze(text: string, start: number, end: number): string | undefined {
  let from = Math.max(0, Math.min(start, end))
  let to = Math.min(text.length, Math.max(start, end))
  while (from < to && /\s/.test(text[from]!)) from++
  while (to > from && /\s/.test(text[to - 1]!)) to--
  if (from === to) return undefined
  // a position is inside a blank when the last "{{" before it is not closed before it
  const inside = (at: number) => {
    const open = text.lastIndexOf('{{', at)
    if (open === -1) return false
    const close = text.indexOf('}}', open)
    return close === -1 || at < close + 2
  }
  const span = text.slice(from, to)
  if (span.includes('{{') || span.includes('}}') || inside(from) || inside(to - 1)) return undefined
  const n = Math.max(0, ...clozeIndexes(text)) + 1
  return `${text.slice(0, from)}{{c${n}::${span}}}${text.slice(to)}`
}

/** The longest source text the source-authoring panel takes: 200,000 characters. */
export const MAX_SOURCE_CHARS = 200_000

/**
 * Splits a pasted source into paragraphs, numbered from 1 by position in the result: paragraphs
 * are separated by blank lines, or by line breaks when the text has no blank line. Lines inside
 * a paragraph are joined with a space; runs of spaces become one. Text past `MAX_SOURCE_CHARS`
 * is ignored.
 */
export function splitParagraphs(text: string): string[] {
  const body = text.slice(0, MAX_SOURCE_CHARS).replace(/\r\n?/g, '\n').trim()
  const parts = /\n[ \t]*\n/.test(body) ? body.split(/\n[ \t]*\n+/) : body.split('\n')
  return parts.map((part) => part.replace(/\s+/g, ' ').trim()).filter(Boolean)
}

/** The sentence (or sentences) of `paragraph` around `[start, end)`, with their offsets. */
export function sentenceAround(
  paragraph: string,
  start: number,
  end: number,
): { text: string; start: number } {
  const ends = /[.!?…]["”’)\]]*\s+/g
  let from = 0
  let to = paragraph.length
  for (const match of paragraph.matchAll(ends)) {
    const after = match.index + match[0].length
    if (after <= start) from = after
    else if (match.index >= end - 1) {
      to = match.index + match[0].trimEnd().length
      break
    }
  }
  const text = paragraph.slice(from, to)
  const lead = text.length - text.trimStart().length
  return { text: text.trim(), start: from + lead }
}

/**
 * Where `words` first occur in `paragraph`, ignoring case and runs of spaces, or undefined.
 * For choosing a span by typing it instead of selecting it.
 */
export function findSpan(
  paragraph: string,
  words: string,
): { start: number; end: number } | undefined {
  const needle = words.trim().replace(/\s+/g, ' ')
  if (!needle) return undefined
  const at = paragraph.toLowerCase().indexOf(needle.toLowerCase())
  return at === -1 ? undefined : { start: at, end: at + needle.length }
}

/** What kind of card to make from a span of a source. */
export type SourceCardKind = 'cloze' | 'question'

/**
 * A card made from the span `[start, end)` of paragraph number `paragraphNumber` (counting from
 * 1): the sentence around the span, either as a cloze with the span blanked, or as a flashcard
 * whose front is the sentence with the span replaced by "_____" and whose back is the span.
 * The card refers to its paragraph; its id comes from the span and avoids `takenIds`.
 * Returns undefined for an empty span.
 */
export function cardFromSource(
  kind: SourceCardKind,
  paragraph: string,
  paragraphNumber: number,
  start: number,
  end: number,
  takenIds: Iterable<string>,
): Card | undefined {
  const span = paragraph.slice(Math.min(start, end), Math.max(start, end)).trim()
  if (!span) return undefined
  const from = paragraph.indexOf(span, Math.min(start, end))
  const sentence = sentenceAround(paragraph, from, from + span.length)
  const local = from - sentence.start
  const id = newCardId(takenIds, span)
  const base = { id, kind: 'other' as const, paragraphs: [paragraphNumber], tags: [] }
  // the text after the span is the same in the sentence and in the card made from it
  const after = sentence.text.length - (local + span.length)
  if (kind === 'cloze') {
    const wrapped = wrapCloze(sentence.text, local, local + span.length)
    const text = wrapped ?? `{{c1::${span}}}`
    const blankEnd = wrapped === undefined ? text.length : text.length - after
    return {
      ...base,
      type: 'cloze',
      text: clipAround(text, wrapped === undefined ? 0 : local, blankEnd, LIMITS.longText),
    } satisfies CardOf<'cloze'>
  }
  const front = `${sentence.text.slice(0, local)}_____${sentence.text.slice(local + span.length)}`
  return {
    ...base,
    type: 'basic',
    front: clipAround(front, local, local + 5, LIMITS.longText),
    back: span.slice(0, LIMITS.longText),
    reversible: false,
  } satisfies CardOf<'basic'>
}

/**
 * At most `max` characters of `text` that keep `[start, end)` (a blank) whole, cut at spaces
 * where there are any: a plain cut of a long sentence could fall inside `{{c1::…}}` and leave a
 * card with no blank. A blank longer than `max` is cut like any text.
 * @example clipAround('a b {{c1::x}}', 4, 13, 9) // '{{c1::x}}'
 */
export function clipAround(text: string, start: number, end: number, max: number): string {
  if (text.length <= max) return text
  if (end - start > max) return text.slice(0, max)
  // as much context before the blank as after it, then whatever room the other side leaves
  const room = max - (end - start)
  let from = Math.max(0, start - Math.ceil(room / 2))
  let to = Math.min(text.length, from + max)
  from = Math.max(0, to - max)
  // move each cut to a space, but never into the blank
  if (from > 0 && text[from - 1] !== ' ') {
    const space = text.indexOf(' ', from)
    if (space !== -1 && space < start) from = space + 1
  }
  if (to < text.length && text[to] !== ' ') {
    const space = text.lastIndexOf(' ', to)
    if (space >= end) to = space
  }
  return text.slice(from, to).trim()
}
