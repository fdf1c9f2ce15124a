// A picture's bytes: its name (the SHA-256, by @noble/hashes), the check of bytes from outside, and
// base64 for backups. Apart from core/pictures.ts so that what only reads cards (the library, the
// first load) does not bring in the hash.
import { sha256 } from '@noble/hashes/sha2.js'
import { PICTURE_FORMAT_NAMES } from './pictureFiles'
import { MAX_PICTURE_BYTES, sniffPictureType, type PictureBlob } from './pictures'

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** The id a picture gets: the SHA-256 of its bytes in hex. */
export function pictureId(bytes: Uint8Array): string {
  const digest = sha256(bytes)
  let out = ''
  for (const byte of digest) out += HEX[byte]
  return out
}

/** Why some bytes cannot be a picture, or the picture they make. */
export type PictureRead = { ok: true; picture: PictureBlob } | { ok: false; reason: string }

/** Checks bytes from outside (a file, the clipboard, a package) and names them. */
export function readPicture(bytes: Uint8Array): PictureRead {
  if (bytes.length > MAX_PICTURE_BYTES)
    return {
      ok: false,
      reason: `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; pictures may be at most ${MAX_PICTURE_BYTES / 1024 / 1024} MB`,
    }
  const type = sniffPictureType(bytes)
  if (!type) return { ok: false, reason: `is not a ${PICTURE_FORMAT_NAMES} picture` }
  return { ok: true, picture: { id: pictureId(bytes), type, bytes } }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_VALUE = new Map([...B64].map((ch, i) => [ch, i]))

/** Standard base64 (with padding), for pictures inside a backup's JSON. */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!
    const b = bytes[i + 1]
    const c = bytes[i + 2]
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0)
    out +=
      B64[(n >> 18) & 63]! +
      B64[(n >> 12) & 63]! +
      (b === undefined ? '=' : B64[(n >> 6) & 63]!) +
      (c === undefined ? '=' : B64[n & 63]!)
    if (out.length > 65_536) {
      parts.push(out)
      out = ''
    }
  }
  parts.push(out)
  return parts.join('')
}

/** Decodes standard base64; undefined when the text is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0
  const out = new Uint8Array((text.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < text.length; i += 4) {
    let n = 0
    for (let k = 0; k < 4; k++) {
      const ch = text[i + k]!
      const last = i + 4 === text.length
      if (ch === '=' && last && k >= 4 - pad) {
        n <<= 6
        continue
      }
      const value = B64_VALUE.get(ch)
      if (value === undefined) return undefined
      n = (n << 6) | value
    }
    out[o++] = (n >> 16) & 255
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}
