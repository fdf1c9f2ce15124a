// A text box for a value that is not plain text (a number, a list of tags): the box keeps what
// the user typed ("12." or "nato, ") while the parsed value goes out; it follows the value only
// when the value changes for another reason (undo, a restored draft).
import { shallowRef, watch } from 'vue'

export interface FieldTextCodec<T> {
  format: (value: T) => string
  parse: (text: string) => T
  same: (a: T, b: T) => boolean
}

/** The text shown for `value()`, and `input(text)`, which returns the parsed value to emit. */
export function useFieldText<T>(value: () => T, { format, parse, same }: FieldTextCodec<T>) {
  const text = shallowRef(format(value()))
  watch(value, (next) => {
    if (!same(parse(text.value), next)) text.value = format(next)
  })
  function input(typed: string): T {
    text.value = typed
    return parse(typed)
  }
  return { text, input }
}

/** Comma-separated text ↔ list of non-empty, trimmed items. */
export const LIST_CODEC: FieldTextCodec<string[]> = {
  format: (list) => list.join(', '),
  parse: (text) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  same: (a, b) => a.length === b.length && a.every((item, i) => item === b[i]),
}

/** Number text ↔ number; empty or unreadable text is `NaN` (which validation reports). */
export const NUMBER_CODEC: FieldTextCodec<number> = {
  format: (n) => (Number.isFinite(n) ? String(n) : ''),
  parse: (text) => (text.trim() === '' ? Number.NaN : Number(text.trim().replace(',', '.'))),
  same: (a, b) => Object.is(a, b),
}

/** Optional number text ↔ number or undefined when empty. */
export const OPTIONAL_NUMBER_CODEC: FieldTextCodec<number | undefined> = {
  format: (n) => (n === undefined || !Number.isFinite(n) ? '' : String(n)),
  parse: (text) => (text.trim() === '' ? undefined : Number(text.trim())),
  same: (a, b) => Object.is(a, b),
}

/** Comma-separated paragraph numbers ↔ list of numbers (unreadable ones are `NaN`). */
export const NUMBER_LIST_CODEC: FieldTextCodec<number[]> = {
  format: (list) => list.join(', '),
  parse: (text) =>
    text
      .split(/[,\s]+/)
      .filter(Boolean)
      .map(Number),
  same: (a, b) => a.length === b.length && a.every((n, i) => Object.is(n, b[i])),
}

/** The first message about `field` (or anything inside it, such as `answers[1]`), if any. */
export function messageFor(
  issues: readonly { field?: string; message: string }[],
  field: string,
): string | undefined {
  const found = issues.find(
    (i) =>
      i.field === field || i.field?.startsWith(`${field}[`) || i.field?.startsWith(`${field}.`),
  )
  return found?.message
}
