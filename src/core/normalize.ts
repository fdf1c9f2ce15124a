// How typed answers are compared. Pure string work; no knowledge of cards.

const ARTICLES = new Set(['the', 'a', 'an'])

// British and American spellings of words that recur in the field are the same answer.
const SPELLING: Record<string, string> = {
  defence: 'defense',
  theatre: 'theater',
  organisation: 'organization',
  programme: 'program',
  centre: 'center',
}

const cache = new Map<string, string>()
const CACHE_LIMIT = 10_000

/**
 * The comparison key of an answer: case, accents, punctuation, spacing, British spellings and
 * leading articles ("the", "a", "an") do not count.
 * @example normalizeAnswer('The  Républic-of Korea!') === normalizeAnswer('republic of korea')
 */
export function normalizeAnswer(text: string): string {
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const tokens = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
  while (tokens.length > 1 && ARTICLES.has(tokens[0]!)) tokens.shift()
  const key = tokens.map((t) => SPELLING[t] ?? t).join('')
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, key)
  return key
}

/** True when two answers have the same comparison key. */
export function sameAnswer(a: string, b: string): boolean {
  return normalizeAnswer(a) === normalizeAnswer(b)
}

/**
 * True when `a` becomes `b` by at most one edit: one substitution, insertion, deletion or
 * swap of two neighbouring letters (optimal string alignment distance ≤ 1). Runs in O(n).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > 1) return false
  let i = 0
  while (i < la && i < lb && a[i] === b[i]) i++
  if (la === lb) {
    // substitution, or transposition of i and i+1
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  // one insertion or deletion at i
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}
