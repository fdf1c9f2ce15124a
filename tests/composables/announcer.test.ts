import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, effectScope, h, nextTick } from 'vue'
import { useAnnouncer } from '@/composables/useAnnouncer'

const scopes: ReturnType<typeof effectScope>[] = []
afterEach(() => {
  for (const s of scopes.splice(0)) s.stop()
})
function start() {
  const scope = effectScope()
  scopes.push(scope)
  return scope.run(() => useAnnouncer())!
}

describe('useAnnouncer', () => {
  it('sets the message after a render', async () => {
    const { message, announce } = start()
    const done = announce('Saved.')
    expect(message.value).toBe('')
    await done
    expect(message.value).toBe('Saved.')
  })

  it('clears the same words before saying them again, so the region changes twice', async () => {
    const seen: string[] = []
    const Region = defineComponent({
      setup() {
        const announcer = useAnnouncer()
        return { ...announcer }
      },
      updated() {
        seen.push(this.$el.textContent)
      },
      render() {
        return h('p', { role: 'status' }, this.message)
      },
    })
    const w = mount(Region)
    const vm = w.vm as unknown as { announce: (t: string) => Promise<void> }
    await vm.announce('Undone.')
    await nextTick()
    await vm.announce('Undone.')
    await nextTick()
    expect(w.text()).toBe('Undone.')
    // the repeat rendered an empty region between the two, so a screen reader hears it again
    expect(seen).toEqual(['Undone.', '', 'Undone.'])
    w.unmount()
  })

  it('lets the latest of two quick announcements win', async () => {
    const { message, announce } = start()
    const first = announce('Card moved to position 2.')
    const second = announce('Card moved to position 3.')
    await Promise.all([first, second])
    expect(message.value).toBe('Card moved to position 3.')
  })

  it('sets nothing once its scope is gone', async () => {
    const scope = effectScope()
    const { message, announce } = scope.run(() => useAnnouncer())!
    const pending = announce('Saved.')
    scope.stop()
    await pending
    expect(message.value).toBe('')
  })
})
