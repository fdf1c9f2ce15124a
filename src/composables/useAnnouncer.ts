// The text of a live region (role="status" / aria-live). A live region only speaks when its text
// changes, so the same words twice in a row ("Undone.", "Undone.") would be read once: announce
// clears the text, lets Vue render the empty region, then sets the words again.
import { getCurrentScope, nextTick, onScopeDispose, readonly, shallowRef } from 'vue'

export function useAnnouncer() {
  const message = shallowRef('')
  // only the latest call sets its text: an earlier one still waiting for its render gives way
  let turn = 0
  async function announce(text: string): Promise<void> {
    const mine = ++turn
    message.value = ''
    await nextTick()
    if (mine === turn) message.value = text
  }
  if (getCurrentScope())
    onScopeDispose(() => {
      turn++
    })
  return { message: readonly(message), announce }
}
