// Work in progress on a quiz question, as the answer forms report it (their `draft` event): an
// exam saves what is typed, ticked, ordered or matched as it changes, so the clock running out
// never loses it. These decide whether a draft is worth saving.
import type { Question, Response } from './questions'

/** A draft with nothing in it yet: no text, nothing ticked or matched, the order as first shown. */
export function isBlankDraft(draft: Response, question: Question): boolean {
  switch (draft.form) {
    case 'typed':
    case 'numeric':
      return !draft.text.trim()
    case 'cloze':
      return draft.texts.every((t) => !t.trim())
    case 'multi':
      return draft.choices.length === 0
    case 'ordering':
      return (
        question.form === 'ordering' && draft.order.every((item, i) => item === question.items[i])
      )
    case 'matching':
      return Object.keys(draft.matches).length === 0
    default:
      return false
  }
}

/** Whether two responses say the same (choice order in a multiple select does not matter). */
export function sameResponse(a: Response | null, b: Response | null): boolean {
  if (a === null || b === null) return a === b
  if (a.form === 'multi' && b.form === 'multi')
    return a.choices.length === b.choices.length && a.choices.every((c) => b.choices.includes(c))
  if (a.form === 'matching' && b.form === 'matching') {
    const ka = Object.keys(a.matches)
    return (
      ka.length === Object.keys(b.matches).length && ka.every((k) => a.matches[k] === b.matches[k])
    )
  }
  return JSON.stringify(a) === JSON.stringify(b)
}
