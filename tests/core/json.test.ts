import { describe, expect, it } from 'vitest'
import { parseJson } from '@/core/json'

describe('parseJson', () => {
  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, true, null, "x"]}')).toEqual({
      ok: true,
      value: { a: [1, true, null, 'x'] },
    })
  })

  it.each([
    ['{"a": 1,}', 1, 9, 'a comma before "}" is not allowed'],
    ['[1, 2', 1, 6, 'the text ends inside a list: a "]" is missing'],
    ["{'a': 1}", 1, 2, 'expected a field name in double quotes'],
    ['{"a": "x\n"}', 1, 9, 'a line break or control character inside a string'],
    ['{"a": 1} trailing', 1, 10, 'unexpected text after the end of the data'],
    ['', 1, 1, 'the text ends where a value was expected'],
  ])('locates the error in %j', (text, line, column, message) => {
    expect(parseJson(text)).toEqual({ ok: false, line, column, message })
  })
})
