// A pending answer: work in progress on a quiz question, as the answer forms report it (their
// `pending` event) before it is submitted. An exam saves what is typed, ticked, ordered or matched
// as it changes, so the clock running out never loses it. These decide whether one is worth saving.
// (Not the editor's draft of a deck, core/deckEdit.ts, nor a question being made, quiz/generate.)
import type { Question, Response } from './questions'

/** A pending answer with nothing in it yet: no text, nothing ticked or matched, the order as first shown. */
export function isBlankAnswer(answer: Response, question: Question): boolean {
  switch (answer.form) {
    case 'typed':
    case 'numeric':
      return !answer.text.trim()
    case 'cloze':
      return answer.texts.every((t) => !t.trim())
    case 'multi':
      return answer.choices.length === 0
    case 'ordering':
      return (
        question.form === 'ordering' && answer.order.every((item, i) => item === question.items[i])
      )
    case 'matching':
      return Object.keys(answer.matches).length === 0
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
