// The names and limits of a deck with its pictures as one zip, shared by its writer
// (core/deckPackage.ts, which brings the deck file writer) and its reader
// (core/importers/deckPackage.ts, in the import worker), so neither loads the other.
import type { PictureBlob, PictureType } from './pictures'

/** The deck file's name inside the zip. */
export const DECK_PACKAGE_DECK = 'deck.json'
/** The folder of the pictures inside the zip. */
export const DECK_PACKAGE_PICTURES = 'pictures/'
/** The largest deck package read: 200 MB (as an Anki package). */
export const MAX_DECK_PACKAGE_BYTES = 200 * 1024 * 1024

/** The file extension each picture format is written with. */
export const PICTURE_EXTENSIONS: Record<PictureType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
}

/** A picture's name in the zip (and on disk for `decks import --pictures`): `<sha256>.<ext>`. */
export function pictureFileName(picture: Pick<PictureBlob, 'id' | 'type'>): string {
  return `${picture.id}.${PICTURE_EXTENSIONS[picture.type]}`
}
