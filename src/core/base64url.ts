// Base64url (RFC 4648 §5) without padding: the alphabet of deck links and version-1 quiz codes.
// Both travel in URLs and chat messages, where "+", "/" and "=" get mangled.

/** The 64 digits in order: `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `_`. */
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const VALUE = new Map([...BASE64URL_ALPHABET].map((ch, i) => [ch, i]))

/**
 * Bytes as base64url with no padding: 1 byte gives 2 characters, 2 give 3, 3 give 4.
 * @example toBase64Url(new Uint8Array([0xfb, 0xff])) === '-_8'
 */
export function toBase64Url(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = Math.min(bytes.length - i, 3) + 1
    for (let k = 0; k < chars; k++) out += BASE64URL_ALPHABET[(n >>> (18 - 6 * k)) & 63]
  }
  return out
}

/**
 * The bytes of unpadded base64url text, or undefined when it cannot be any: a character outside
 * the alphabet (padding, spaces and standard base64's `+` and `/` included), or a length that
 * leaves one character over (`length % 4 === 1`). Bits left over after the last byte are ignored.
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined
  const out = new Uint8Array(Math.floor((text.length * 6) / 8))
  let bits = 0
  let value = 0
  let o = 0
  for (const ch of text) {
    const v = VALUE.get(ch)
    if (v === undefined) return undefined
    value = ((value << 6) | v) & 0xffffff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (value >> bits) & 0xff
    }
  }
  return out
}
