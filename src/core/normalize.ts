// How typed answers are compared. Pure string work; no knowledge of cards.

const ARTICLES = new Set(['the', 'a', 'an'])

// British and American spellings of words that recur in the field are the same answer. A Map, so
// a token such as "constructor" is never looked up on Object.prototype.
const SPELLING = new Map<string, string>([
  ['defence', 'defense'],
  ['theatre', 'theater'],
  ['organisation', 'organization'],
  ['programme', 'program'],
  ['centre', 'center'],
])

const cache = new Map<string, string>()
const CACHE_LIMIT = 10_000
/** The combining accents NFKD splits off Latin letters (all of them marks, so `\p{M}`). */
const LATIN_ACCENTS = /[\u0300-\u036f]+/g

/**
 * The comparison key of an answer: case, accents, punctuation, spacing, British spellings and
 * leading articles ("the", "a", "an") do not count.
 * @example normalizeAnswer('The  Républic-of Korea!') === normalizeAnswer('republic of korea')
 */
export function normalizeAnswer(text: string): string {
  const hit = cache.get(text)
  if (hit !== undefined) return hit
  const key = answerKey(text)
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(text, key)
  return key
}

/**
 * `normalizeAnswer` without its cache, for text seen once, such as what a learner typed: caching
 * it would cost time and push out the names that recur (deck answers, known names).
 */
export function answerKey(text: string): string {
  const tokens = tokensOf(text)
  let first = 0
  while (tokens.length - first > 1 && ARTICLES.has(tokens[first]!)) first++
  let key = ''
  for (let i = first; i < tokens.length; i++) key += SPELLING.get(tokens[i]!) ?? tokens[i]!
  return key
}

// Most typed answers are plain ASCII, or ASCII once accents are taken off: one scan of char codes
// then gives the same tokens as the Unicode regular expressions at a fraction of their cost, which
// counts because grading sees each answer once (the cache rarely hits).
function tokensOf(text: string): string[] {
  const plain = asciiTokens(text)
  if (plain) return plain
  const folded = text.normalize('NFKD').replace(LATIN_ACCENTS, '')
  return asciiTokens(folded) ?? unicodeTokens(folded)
}

/** Tokens of any text; `text` is in NFKD form. */
function unicodeTokens(text: string): string[] {
  return text
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}

/**
 * `unicodeTokens` for ASCII text, where letters are A–Z and numbers 0–9; undefined as soon as a
 * character outside ASCII shows up.
 */
function asciiTokens(text: string): string[] | undefined {
  const tokens: string[] = []
  let start = -1
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    if (c > 126) return undefined
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    if (word) {
      if (start < 0) start = i
      continue
    }
    if (start >= 0) tokens.push(text.slice(start, i).toLowerCase())
    start = -1
    if (c === 38) tokens.push('and') // &
  }
  return tokens
}

/** True when two answers have the same comparison key. */
export function sameAnswer(a: string, b: string): boolean {
  const key = normalizeAnswer(a)
  // answers of punctuation alone ("~", "=", "#": a GIFT quiz on its own syntax) have no key: they
  // are the same only as written
  return key === normalizeAnswer(b) && (key !== '' || a.trim() === b.trim())
}

/**
 * True when `a` becomes `b` by at most one edit: one substitution, insertion, deletion or
 * swap of two neighbouring letters (optimal string alignment distance ≤ 1). Runs in O(n).
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true
  const la = a.length
  const lb = b.length
  if (la - lb > 1 || lb - la > 1) return false
  // Strip the common prefix and suffix; what is left must be one change or one swap. Char codes
  // and indices only: grading runs this against every known name of the answer's length.
  let i = 0
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++
  let ea = la
  let eb = lb
  while (ea > i && eb > i && a.charCodeAt(ea - 1) === b.charCodeAt(eb - 1)) {
    ea--
    eb--
  }
  const restA = ea - i
  const restB = eb - i
  if (restA <= 1 && restB <= 1) return true
  return (
    restA === 2 &&
    restB === 2 &&
    a.charCodeAt(i) === b.charCodeAt(i + 1) &&
    a.charCodeAt(i + 1) === b.charCodeAt(i)
  )
}
