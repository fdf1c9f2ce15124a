// The separators an import can be read with, named for people: Anki's field separators (by the
// names its `#separator:` header uses) and the ones Quizlet's export offers. One list each, for
// the readers and the import screen alike. Tiny on purpose: the screen loads it, not the readers.

/** Separators by the names Anki's `#separator:` header uses. */
export const SEPARATOR_NAMES = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  space: ' ',
  pipe: '|',
  colon: ':',
} as const

/** An Anki field separator's name (`tab`, `comma`…). */
export type AnkiSeparatorName = keyof typeof SEPARATOR_NAMES

/** A separator as a picker offers it. */
export interface SeparatorChoice<T = string> {
  value: T
  label: string
}

/** Anki's field separators, in the order a picker lists them. */
export const ANKI_SEPARATORS: readonly SeparatorChoice<AnkiSeparatorName>[] = [
  { value: 'tab', label: 'Tab' },
  { value: 'comma', label: 'Comma' },
  { value: 'semicolon', label: 'Semicolon' },
  { value: 'space', label: 'Space' },
  { value: 'pipe', label: 'Pipe (|)' },
  { value: 'colon', label: 'Colon' },
]

/**
 * Between a Quizlet term and its definition: what Quizlet offers and what exports commonly use,
 * in the order a guess prefers them.
 */
export const QUIZLET_TERM_SEPARATORS: readonly SeparatorChoice[] = [
  { value: '\t', label: 'Tab' },
  { value: ',', label: 'Comma' },
  { value: ' - ', label: 'Spaced hyphen ( - )' },
  { value: ' — ', label: 'Spaced dash ( — )' },
  { value: ': ', label: 'Colon' },
  { value: ' = ', label: 'Equals sign' },
  { value: '|', label: 'Pipe (|)' },
  { value: ';', label: 'Semicolon' },
]

/** Between Quizlet cards, in the order a guess prefers them. */
export const QUIZLET_CARD_SEPARATORS: readonly SeparatorChoice[] = [
  { value: '\n', label: 'New line' },
  { value: ';', label: 'Semicolon' },
  { value: '\n\n', label: 'Blank line' },
  { value: '|', label: 'Pipe (|)' },
]
