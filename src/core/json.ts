// JSON parsing with located errors. Engines word (and locate) JSON.parse errors differently, and
// often give no position at all, so on failure we rescan the text to find where it breaks.

export type JsonResult =
  { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string }

/**
 * Parses JSON text. On failure returns the line and column (from 1) of the first error and a
 * plain-words reason.
 * @example parseJson('{"a": }') // { ok: false, line: 1, column: 7, message: 'expected a value' }
 */
export function parseJson(text: string): JsonResult {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    const { offset, message } = scan(text)
    const before = text.slice(0, offset)
    const line = before.split('\n').length
    const column = offset - before.lastIndexOf('\n')
    return { ok: false, line, column, message }
  }
}

/** "line 3, column 7: expected a value": a JSON error as one line. */
export function jsonErrorText(error: { line: number; column: number; message: string }): string {
  return `line ${error.line}, column ${error.column}: ${error.message}`
}

function scan(text: string): { offset: number; message: string } {
  let i = 0
  class Stop extends Error {
    constructor(
      readonly offset: number,
      message: string,
    ) {
      super(message)
    }
  }
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message)
  }
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++
  }
  const value = (): void => {
    space()
    const c = text[i]
    if (c === undefined) fail('the text ends where a value was expected')
    if (c === '{') return object()
    if (c === '[') return array()
    if (c === '"') return string()
    if (c === '-' || (c! >= '0' && c! <= '9')) return number()
    for (const word of ['true', 'false', 'null'])
      if (text.startsWith(word, i)) {
        i += word.length
        return
      }
    fail(c === "'" ? 'strings must use double quotes' : `expected a value, found "${c}"`)
  }
  const object = () => {
    i++
    space()
    if (text[i] === '}') return void i++
    for (;;) {
      space()
      if (text[i] !== '"')
        fail(
          text[i] === '}'
            ? 'a comma before "}" is not allowed'
            : 'expected a field name in double quotes',
        )
      string()
      space()
      if (text[i] !== ':') fail('expected ":" after the field name')
      i++
      value()
      space()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') return void i++
      fail(
        text[i] === undefined
          ? 'the text ends inside an object: a "}" is missing'
          : 'expected "," or "}"',
      )
    }
  }
  const array = () => {
    i++
    space()
    if (text[i] === ']') return void i++
    for (;;) {
      space()
      if (text[i] === ']') fail('a comma before "]" is not allowed')
      value()
      space()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') return void i++
      fail(
        text[i] === undefined
          ? 'the text ends inside a list: a "]" is missing'
          : 'expected "," or "]"',
      )
    }
  }
  const string = () => {
    const start = i
    i++
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++
      else if (text[i]! < ' ') fail('a line break or control character inside a string')
      i++
    }
    if (i >= text.length) fail('a string is never closed', start)
    i++
  }
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match) fail('not a valid number')
    i += match![0].length
  }
  try {
    value()
    space()
    if (i < text.length) fail('unexpected text after the end of the data')
    return { offset: text.length, message: 'not valid JSON' }
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message }
    // a stack overflow from absurd nesting lands here
    return { offset: i, message: 'nested too deeply' }
  }
}
