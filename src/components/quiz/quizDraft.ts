// Work in progress on a quiz question, read from the answer form on screen. The question
// components keep their state to themselves until the learner submits; an exam saves what is
// typed, ticked, ordered or matched as it changes, so the clock running out never loses it.
// TODO: QuestionCard could emit a `draft` event instead, and this DOM reading would go.
import type { Question, Response } from '@/core/questions'

/** The answer the form inside `card` holds now, for the forms submitted with a button; else null. */
export function readDraft(card: ParentNode, question: Question): Response | null {
  switch (question.form) {
    case 'typed':
    case 'numeric': {
      const input = card.querySelector<HTMLInputElement>('[data-testid="typed-input"]')
      if (!input) return null
      return question.form === 'typed'
        ? { form: 'typed', text: input.value }
        : { form: 'numeric', text: input.value }
    }
    case 'cloze': {
      const inputs = [...card.querySelectorAll<HTMLInputElement>('form.cloze input')]
      return inputs.length === question.blanks.length
        ? { form: 'cloze', texts: inputs.map((i) => i.value) }
        : null
    }
    case 'multi': {
      const boxes = [...card.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
      if (boxes.length !== question.options.length) return null
      return { form: 'multi', choices: question.options.filter((_, i) => boxes[i]!.checked) }
    }
    case 'ordering': {
      const labels = [...card.querySelectorAll('[data-order-item] .label')].map(
        (el) => el.textContent ?? '',
      )
      const known = new Set(question.items)
      if (labels.length !== question.items.length || !labels.every((l) => known.has(l))) return null
      return { form: 'ordering', order: labels }
    }
    case 'matching': {
      const matches: Record<string, string> = {}
      for (const [i, pair] of question.pairs.entries()) {
        const select = card.querySelector<HTMLSelectElement>(`[data-testid="match-${i + 1}"]`)
        if (!select) return null
        if (select.value) matches[pair.left] = select.value
      }
      return { form: 'matching', matches }
    }
    default:
      return null
  }
}

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
