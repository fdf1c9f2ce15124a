// Text too large to lay out in a text box. A box wraps its text on every change: a few hundred KB
// on one line (no spaces to break at), or megabytes of lines, block the page for seconds per
// keystroke in Chromium. Such text is held as a source, like a chosen file, and summarised.
import { plural } from '@/core/plural'

/** Past this many characters, pasted text is held instead of put in the box. */
export const LARGE_TEXT_CHARS = 100_000
/** A line longer than this is held too, whatever the total: wrapping it is what is slow. */
export const LONG_LINE_CHARS = 5_000

/** Whether `text` is too large to show in a text box. Linear, no copies. */
export function isLargeText(text: string): boolean {
  if (text.length > LARGE_TEXT_CHARS) return true
  if (text.length <= LONG_LINE_CHARS) return false
  let start = 0
  for (;;) {
    const end = text.indexOf('\n', start)
    if ((end === -1 ? text.length : end) - start > LONG_LINE_CHARS) return true
    if (end === -1) return false
    start = end + 1
  }
}

/**
 * For a paste event on a text box holding `current`: when the box would end up too large, stops
 * the browser from putting the text in the box and returns the text the box would have held
 * (the paste replacing the selection); otherwise returns null and the paste goes ahead as usual.
 */
export function takeLargePaste(event: ClipboardEvent, current: string): string | null {
  const pasted = event.clipboardData?.getData('text/plain') ?? ''
  const box = event.target as HTMLTextAreaElement | null
  const start = box?.selectionStart ?? current.length
  const end = box?.selectionEnd ?? current.length
  const next = current.slice(0, start) + pasted + current.slice(end)
  if (!isLargeText(next)) return null
  event.preventDefault()
  return next
}

/** "312,000 characters on 1 line", for the summary of held text. */
export function describeText(text: string): string {
  let lines = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++
  return `${plural(text.length, 'character')} on ${plural(lines, 'line')}`
}
