// Counted words for messages: "1 card", "12,345 cards". Every message is in English, so numbers
// are grouped the en-US way whatever the device's locale.

/** 12345 → "12,345". */
export function count(n: number): string {
  return n.toLocaleString('en-US')
}

/**
 * The number and its noun, singular for exactly one.
 * @example plural(1, 'card') === '1 card'; plural(2, 'quiz', 'quizzes') === '2 quizzes'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`
}

/**
 * The word that agrees with `n`: a verb or pronoun beside a counted noun.
 * @example `${plural(n, 'tag')} ${agree(n, 'was', 'were')} shortened`
 */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many
}
