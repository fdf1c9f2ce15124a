// Seeded randomness. Core never calls Math.random: callers pass an Rng, so quizzes and option
// orders are reproducible from a seed.

/** A source of numbers in [0, 1). */
export type Rng = () => number

/** A 32-bit FNV-1a hash of a string: turns any seed text into a number. */
export function hashString(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/**
 * A small, fast seeded generator (mulberry32). Not for cryptography; for shuffles that must
 * come out the same on every device given the same seed.
 * @example const rng = createRng('quiz-42'); rng() // same value on every run
 */
export function createRng(seed: string | number): Rng {
  let a = typeof seed === 'number' ? seed >>> 0 : hashString(seed)
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n)
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(items: readonly T[], rng: Rng): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** Up to `k` distinct items, in random order. */
export function sample<T>(items: readonly T[], k: number, rng: Rng): T[] {
  return shuffle(items, rng).slice(0, Math.max(0, k))
}

/**
 * A quiz seed from random words (the shell passes `crypto.getRandomValues(new Uint32Array(2))`):
 * 40 bits in base 36, at most 8 characters. Plenty to tell a class's quizzes apart, and the seed
 * is most of a quiz code: 64 bits made the code six characters longer.
 * @example quizSeed(new Uint32Array([0xffffffff, 0xff])) // 'e13wu1of' (the largest: 40 bits)
 */
export function quizSeed(words: ArrayLike<number>): string {
  return ((words[0]! >>> 0) * 256 + ((words[1] ?? 0) & 0xff)).toString(36)
}
