// Pictures in cards. A card names its pictures by the SHA-256 of their bytes, with alt text; the
// bytes live apart (storage keeps them in IndexedDB, a deck file carries them in a zip, a backup
// as base64), so the same picture in two cards or two decks is kept once, and a picture whose
// bytes do not match its name is known to be damaged.
import type { Card, CardPicture, CardPictures, PictureSide } from './deck'

export type { CardPicture, CardPictures, PictureSide } from './deck'

/** The sides of a card a picture can belong to, in the order they are shown. */
export const PICTURE_SIDES = ['prompt', 'answer', 'explanation'] as const

/** Picture formats kept, recognised by their first bytes (never by a file name). SVG is not one: it can hold scripts. */
export const PICTURE_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
] as const
export type PictureType = (typeof PICTURE_TYPES)[number]

/** The largest picture kept: 5 MB. A phone photo is 2–4 MB; anything bigger is refused, not shrunk. */
export const MAX_PICTURE_BYTES = 5 * 1024 * 1024
/** Most pictures on one side of a card. */
export const MAX_PICTURES_PER_SIDE = 4

/** A picture's bytes with its name and format, as stored and carried. */
export interface PictureBlob {
  /** SHA-256 of `bytes`, 64 lowercase hex digits. */
  id: string
  type: PictureType
  bytes: Uint8Array
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b)

/**
 * The picture format of some bytes, from their signature, or undefined when they are not a picture
 * format Intercept shows (SVG, a text file renamed .png, a truncated header).
 */
export function sniffPictureType(bytes: Uint8Array): PictureType | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif'
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    return 'image/webp'
  if (
    startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4) &&
    (startsWith(bytes, [0x61, 0x76, 0x69, 0x66], 8) ||
      startsWith(bytes, [0x61, 0x76, 0x69, 0x73], 8))
  )
    return 'image/avif'
  if (startsWith(bytes, [0x42, 0x4d]) && bytes.length > 26) return 'image/bmp'
  return undefined
}

/** Every picture of a card, side by side. */
export function cardPictures(card: Pick<Card, 'pictures'>): CardPicture[] {
  const sides = card.pictures
  if (!sides) return []
  return PICTURE_SIDES.flatMap((side) => sides[side] ?? [])
}

/** The ids of every picture the cards name, once each. */
export function pictureIdsOf(cards: readonly Pick<Card, 'pictures'>[]): Set<string> {
  const ids = new Set<string>()
  for (const card of cards) for (const picture of cardPictures(card)) ids.add(picture.id)
  return ids
}

/** The pictures of one side of a card (none when it has none). */
export function picturesOn(card: Pick<Card, 'pictures'>, side: PictureSide): CardPicture[] {
  return card.pictures?.[side] ?? []
}

/**
 * The card with `pictures` as the pictures of `side` (none removes the side, and the field when no
 * side is left), so a card without pictures looks exactly as before pictures existed.
 */
export function withPictures<C extends Card>(
  card: C,
  side: PictureSide,
  pictures: readonly CardPicture[],
): C {
  const next: CardPictures = { ...card.pictures }
  if (pictures.length) next[side] = [...pictures]
  else delete next[side]
  const { pictures: _old, ...rest } = card
  return (Object.keys(next).length ? { ...rest, pictures: next } : rest) as C
}

/** A default alt text from a file name: "heart_diagram-2.png" → "heart diagram 2". */
export function altFromFileName(name: string): string {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '')
  return base
    .replace(/[_\-.+]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
}
