// Real files made by Anki and Moodle live outside the repository, in `shared/fixtures` beside
// the clone (CI) or a few folders up (worktrees). They are read where they are, never copied in.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

function findFixtures(): string {
  let dir = resolve(import.meta.dirname, '..')
  for (;;) {
    const candidate = join(dir, 'shared', 'fixtures')
    if (existsSync(join(candidate, 'README.md'))) return candidate
    const up = dirname(dir)
    if (up === dir)
      throw new Error(
        'shared/fixtures not found: it must sit beside the clone (or in a folder above it)',
      )
    dir = up
  }
}

/** The path of a shared fixture, e.g. `sharedFixture('gift', 'moodle-questions.gift.txt')`. */
export function sharedFixture(...parts: string[]): string {
  return join(findFixtures(), ...parts)
}

/** A shared fixture's text. */
export function sharedText(...parts: string[]): string {
  return readFileSync(sharedFixture(...parts), 'utf8')
}

/** A shared fixture's bytes. */
export function sharedBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(sharedFixture(...parts)))
}
