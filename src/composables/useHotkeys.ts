// Keyboard shortcuts for a view. Keys typed into a text field are left alone, except the ones
// a binding explicitly allows there.
import { onScopeDispose, toValue, type MaybeRefOrGetter } from 'vue'

export interface Hotkey {
  /** `KeyboardEvent.key` values, e.g. ' ', 'Enter', '1', 'u', '?'. Letters match either case. */
  keys: readonly string[]
  handler: (event: KeyboardEvent) => void
  /** Also fire while focus is in a text field. */
  inFields?: boolean
  when?: MaybeRefOrGetter<boolean>
}

function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'range'].includes(target.type)
  )
}

/** Listens on the window while the calling component (or effect scope) lives. */
export function useHotkeys(
  bindings: MaybeRefOrGetter<readonly Hotkey[]>,
  target: Window | undefined = typeof window === 'undefined' ? undefined : window,
) {
  function onKey(event: KeyboardEvent) {
    if (
      event.defaultPrevented ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey ||
      event.isComposing
    )
      return
    // A dialog (the shortcut help, a confirmation) has the keyboard: the screen behind must not
    // rate, pick or undo while it is open.
    if (event.target instanceof Element && event.target.closest('dialog[open]')) return
    const field = inField(event.target)
    // Enter and Space already activate a focused button or link; a shortcut would act twice
    const activator =
      event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement
    if (activator && (event.key === 'Enter' || event.key === ' ')) return
    for (const binding of toValue(bindings)) {
      if (binding.when !== undefined && !toValue(binding.when)) continue
      if (field && !binding.inFields) continue
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
      if (!binding.keys.some((k) => (k.length === 1 ? k.toLowerCase() : k) === key)) continue
      binding.handler(event)
      return
    }
  }
  target?.addEventListener('keydown', onKey)
  onScopeDispose(() => target?.removeEventListener('keydown', onKey))
}
