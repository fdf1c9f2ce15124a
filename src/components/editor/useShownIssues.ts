// Which problems the deck editor shows. A field's message appears once the field is touched (left
// after an edit); every problem of a card, or of the deck's own fields, appears once that part is
// revealed: it was loaded with the deck, or a save was attempted. So a card just added does not
// scold the instructor before they have typed anything (the "reward early, punish late" pattern).
import { shallowRef } from 'vue'
import type { DeckIssue } from '@/core/deck'

/** Where problems live: the deck's own fields, or one card (by id). */
export type IssueScope = 'deck' | `card:${string}`
export const cardScope = (cardId: string): IssueScope => `card:${cardId}`

// problems about several fields at once: shown when any of them is touched
const SPANS: Record<string, readonly string[]> = { choices: ['answers', 'distractors'] }

const within = (inner: string, outer: string) =>
  inner === outer || inner.startsWith(`${outer}[`) || inner.startsWith(`${outer}.`)

/**
 * Whether touching form field `touched` (a `data-field` path such as `answers[1]`) shows a problem
 * about `issueField`: the same field, a part of it (`event` → `event.year`), or the list it is in
 * (`answers[1]` → "needs at least 2 answers" on `answers`).
 */
export function touchShows(touched: string, issueField: string | undefined): boolean {
  if (!issueField) return false
  if (within(issueField, touched) || within(touched, issueField)) return true
  const top = issueField.split(/[.[]/)[0] ?? ''
  return SPANS[top]?.some((field) => within(touched, field)) ?? false
}

export function useShownIssues() {
  const touched = shallowRef<ReadonlyMap<IssueScope, readonly string[]>>(new Map())
  const revealed = shallowRef<ReadonlySet<IssueScope>>(new Set())

  /** Field `field` of `scope` was left after an edit: its problems show from now on. */
  function touch(scope: IssueScope, field: string) {
    const fields = touched.value.get(scope) ?? []
    if (fields.includes(field)) return
    touched.value = new Map(touched.value).set(scope, [...fields, field])
  }
  /** Every problem of `scopes` shows from now on (the deck was loaded, or a save attempted). */
  function reveal(scopes: Iterable<IssueScope>) {
    revealed.value = new Set([...revealed.value, ...scopes])
  }
  /** Back to nothing touched or revealed: a new editing session. */
  function reset() {
    touched.value = new Map()
    revealed.value = new Set()
  }
  /** The problems of `scope` the form shows now. */
  function shown(scope: IssueScope, issues: readonly DeckIssue[] | undefined): DeckIssue[] {
    if (!issues?.length) return []
    if (revealed.value.has(scope)) return [...issues]
    const fields = touched.value.get(scope)
    if (!fields) return []
    return issues.filter((issue) => fields.some((field) => touchShows(field, issue.field)))
  }
  return { touch, reveal, reset, shown }
}

/**
 * Reports fields left after an edit, for a form root: `@input` marks the control edited and
 * `@focusout` from it calls `onTouch` with its field (the nearest `data-field`).
 */
export function useTouchTracking(onTouch: (field: string) => void) {
  const edited = new WeakSet<EventTarget>()
  return {
    onInput(event: Event) {
      if (event.target) edited.add(event.target)
    },
    onFocusout(event: FocusEvent) {
      const target = event.target
      if (!(target instanceof Element) || !edited.has(target)) return
      edited.delete(target)
      const field = target.closest('[data-field]')?.getAttribute('data-field')
      if (field) onTouch(field)
    },
  }
}
