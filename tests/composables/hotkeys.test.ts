import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, ref, type EffectScope } from 'vue'
import { useHotkeys, type Hotkey } from '@/composables/useHotkeys'

let scope: EffectScope | undefined
afterEach(() => {
  scope?.stop()
  scope = undefined
  document.body.replaceChildren()
})

/** Binds `bindings` on the window for this test. */
function bind(bindings: Parameters<typeof useHotkeys>[0]) {
  scope = effectScope()
  scope.run(() => useHotkeys(bindings))
}

function press(
  key: string,
  target: EventTarget = window,
  init: KeyboardEventInit = {},
): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}

/** An element in the page, as focus would find it. */
function add<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value)
  document.body.append(el)
  el.focus()
  return el
}

describe('useHotkeys', () => {
  it('calls the handler bound to the key pressed', () => {
    const one = vi.fn()
    const two = vi.fn()
    bind([
      { keys: ['1'], handler: one },
      { keys: ['2'], handler: two },
    ])
    const event = press('2')
    expect(two).toHaveBeenCalledWith(event)
    expect(one).not.toHaveBeenCalled()
  })

  it('matches letters in either case', () => {
    const undo = vi.fn()
    bind([{ keys: ['u'], handler: undo }])
    press('u')
    press('U')
    expect(undo).toHaveBeenCalledTimes(2)
  })

  it('runs only the first binding that takes the key', () => {
    const first = vi.fn()
    const second = vi.fn()
    bind([
      { keys: ['Enter'], handler: first },
      { keys: ['Enter'], handler: second },
    ])
    press('Enter')
    expect(first).toHaveBeenCalledOnce()
    expect(second).not.toHaveBeenCalled()
  })

  it('skips a binding whose condition is false and offers the key to the next', () => {
    const enabled = ref(false)
    const reveal = vi.fn()
    const next = vi.fn()
    bind([
      { keys: [' '], when: enabled, handler: reveal },
      { keys: [' '], when: () => !enabled.value, handler: next },
    ])
    press(' ')
    enabled.value = true
    press(' ')
    expect(next).toHaveBeenCalledOnce()
    expect(reveal).toHaveBeenCalledOnce()
  })

  it('reads bindings from a getter on every key', () => {
    const keys = ref<string[]>(['1'])
    const handler = vi.fn()
    bind(() => [{ keys: keys.value, handler }])
    press('2')
    keys.value = ['1', '2']
    press('2')
    expect(handler).toHaveBeenCalledOnce()
  })

  it('ignores keys typed into text fields', () => {
    const handler = vi.fn()
    bind([{ keys: ['1', 'Enter'], handler }])
    press('1', add('input', { type: 'text' }))
    press('Enter', add('input'))
    press('1', add('textarea'))
    press('1', add('select'))
    expect(handler).not.toHaveBeenCalled()
  })

  it('leaves keys pressed inside an open dialog to the dialog', () => {
    const handler = vi.fn()
    bind([{ keys: ['1', 'u'], handler }])
    const dialog = add('dialog', { open: '' })
    const close = document.createElement('button')
    dialog.append(close)
    press('1', close)
    press('u', dialog)
    expect(handler).not.toHaveBeenCalled()
    dialog.removeAttribute('open')
    press('1', close)
    expect(handler).toHaveBeenCalledOnce()
  })

  it('fires in text fields for bindings that allow it', () => {
    const handler = vi.fn()
    bind([{ keys: ['Enter'], handler, inFields: true }])
    press('Enter', add('input', { type: 'text' }))
    expect(handler).toHaveBeenCalledOnce()
  })

  it('treats checkboxes and radio buttons as not text fields', () => {
    const handler = vi.fn()
    bind([{ keys: ['2'], handler }])
    press('2', add('input', { type: 'checkbox' }))
    press('2', add('input', { type: 'radio' }))
    expect(handler).toHaveBeenCalledTimes(2)
  })

  it('leaves Enter and Space on a focused button or link to the browser', () => {
    const handler = vi.fn()
    bind([{ keys: ['Enter', ' ', '1'], handler }])
    const button = add('button')
    press('Enter', button)
    press(' ', button)
    press('Enter', add('a', { href: '#x' }))
    expect(handler).not.toHaveBeenCalled()
    press('1', button)
    expect(handler).toHaveBeenCalledOnce()
  })

  it('ignores keys with a modifier, while composing, or already handled', () => {
    const handler = vi.fn()
    bind([{ keys: ['1', 'ArrowUp'], handler }])
    press('1', window, { ctrlKey: true })
    press('1', window, { metaKey: true })
    press('ArrowUp', window, { altKey: true })
    press('1', window, { isComposing: true })
    const input = add('input', { type: 'checkbox' })
    input.addEventListener('keydown', (e) => e.preventDefault())
    press('1', input)
    expect(handler).not.toHaveBeenCalled()
  })

  it('stops listening when its scope ends', () => {
    const handler = vi.fn()
    bind([{ keys: ['?'], handler } satisfies Hotkey])
    press('?')
    scope!.stop()
    press('?')
    expect(handler).toHaveBeenCalledOnce()
  })
})
