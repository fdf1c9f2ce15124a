// Whether a text is a deck link: the one rule the import screen (a paste, the route's hash or
// query) and a share target use. Tiny on purpose: decoding (core/share.ts, with its inflater)
// loads only once a link is read.

/**
 * `d=` at the start or after `#`, `?` or `&` begins a deck link's payload, which runs to the next
 * space or parameter.
 */
export const PAYLOAD_START = /(?:^|[#?&])d=([^\s&#]*)/

/**
 * The deck link a text holds, to hand to `decodeDeckLink`, or undefined when the text is to be read
 * as something else. A link is a URL, a fragment (`d=…`), a bare `?d=` value or a short message
 * holding one (`Study this: https://…/import#d=…`). A deck file (JSON) or a text of several
 * paragraphs is never a link, whatever it quotes; in a text of several lines the payload must look
 * like one (8 characters or more), so a card that merely says `d=5` stays a card. A damaged one-line
 * link is still a link, so reading it says what is wrong with it.
 */
export function findDeckLink(text: string | undefined): string | undefined {
  const trimmed = text?.trim()
  if (!trimmed || trimmed.startsWith('{') || /\n\s*\n/.test(trimmed)) return undefined
  const found = PAYLOAD_START.exec(trimmed)
  if (!found) return undefined
  if (trimmed.includes('\n') && !/^[A-Za-z0-9_%-]{8,}/.test(found[1]!)) return undefined
  return trimmed
}
