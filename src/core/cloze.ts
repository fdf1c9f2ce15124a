// Cloze text in Anki's syntax: `{{c1::answer}}` or `{{c1::answer::hint}}`.

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g

export type ClozeSegment =
  | { kind: 'text'; text: string }
  | { kind: 'blank'; index: number; answer: string; hint?: string; hidden: boolean }

/**
 * A blank's hint as exports write it after the blank, ` (hint)`, or nothing: formats without a
 * place for hints still give the learner what the card gives.
 * @example blankHint({ kind: 'blank', index: 1, answer: 'Rota', hint: 'a port', hidden: true }) // ' (a port)'
 */
export function blankHint(segment: ClozeSegment): string {
  return segment.kind === 'blank' && segment.hint ? ` (${segment.hint})` : ''
}

/**
 * The text that follows a blank in formats that write the blank apart (GIFT's missing word): the
 * blank's hint, if any, then `rest`, spaced as prose ("(a port) and …", "(a port).").
 */
export function afterBlank(segment: ClozeSegment, rest: string): string {
  const hint = blankHint(segment).trimStart()
  if (!hint) return rest
  return !rest || /^[.,;:!?)\]]/.test(rest) ? hint + rest : `${hint} ${rest}`
}

/** The distinct cloze numbers in a text, ascending (`{{c2::…}} {{c1::…}}` → `[1, 2]`). */
export function clozeIndexes(text: string): number[] {
  const found = new Set<number>()
  for (const match of text.matchAll(CLOZE)) found.add(Number(match[1]))
  return [...found].sort((a, b) => a - b)
}

/** The answers of the blanks numbered `index` (all blanks when omitted), in reading order. */
export function clozeAnswers(text: string, index?: number): string[] {
  const out: string[] = []
  for (const match of text.matchAll(CLOZE))
    if (index === undefined || Number(match[1]) === index) out.push(match[2] ?? '')
  return out
}

/**
 * Splits cloze text into plain text and blanks; blanks numbered `index` are `hidden`,
 * the others are shown filled in, as Anki does.
 */
export function clozeSegments(text: string, index: number): ClozeSegment[] {
  const out: ClozeSegment[] = []
  let last = 0
  for (const match of text.matchAll(CLOZE)) {
    if (match.index > last) out.push({ kind: 'text', text: text.slice(last, match.index) })
    const n = Number(match[1])
    out.push({
      kind: 'blank',
      index: n,
      answer: match[2] ?? '',
      ...(match[3] ? { hint: match[3] } : {}),
      hidden: n === index,
    })
    last = match.index + match[0].length
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) })
  return out
}

/** The text with every blank filled in: what the card says once answered. */
export function clozeFilled(text: string): string {
  return text.replace(CLOZE, (_m, _n, answer: string) => answer)
}
