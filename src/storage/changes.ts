// Tells other open tabs that stored data changed, so each shows the same state.
// BroadcastChannel delivers to every other same-origin context, never to the sender.

export type Change =
  | { kind: 'progress'; deckIds: string[] }
  | { kind: 'decks' }
  | { kind: 'settings' }
  | { kind: 'quiz' }
  | { kind: 'all' }

const CHANNEL = 'intercept-changes'
let channel: BroadcastChannel | undefined

function open(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined
  channel ??= new BroadcastChannel(CHANNEL)
  return channel
}

/** Announces a committed change to the other tabs. */
export function announce(change: Change): void {
  open()?.postMessage(change)
}

/** Calls `listener` for each change committed in another tab; returns an unsubscribe function. */
export function onChange(listener: (change: Change) => void): () => void {
  const ch = open()
  if (!ch) return () => {}
  const handler = (event: MessageEvent<Change>) => listener(event.data)
  ch.addEventListener('message', handler)
  return () => ch.removeEventListener('message', handler)
}
