// A deck with its pictures as one file: a zip (fflate) of the deck file, `deck.json`, and each
// picture it names as `pictures/<sha256>.<ext>`. The deck file is the one `exportDeckFile` writes,
// so unzipped it reads as any deck file; the pictures are named by the hash the cards use, so the
// reader can tell a damaged or swapped picture from the right one (core/importers/deckPackage.ts).
// The names and limits both share are in core/deckPackageFormat.ts.
import { zipSync, type Zippable } from 'fflate'
import type { Deck } from './deck'
import { exportDeckFile } from './exporters'
import { DECK_PACKAGE_DECK, DECK_PACKAGE_PICTURES, pictureFileName } from './deckPackageFormat'
import { pictureIdsOf, type PictureBlob } from './pictures'
import { plural } from './plural'

/** The download name of a deck's package: `<deck id>.deck.zip`. */
export function deckPackageName(deck: Pick<Deck, 'id'>): string {
  return `${deck.id}.deck.zip`
}

/** The pictures a deck names that `pictures` lacks (none when the package can be made). */
export function missingPictures(
  deck: Deck,
  pictures: readonly Pick<PictureBlob, 'id'>[],
): string[] {
  const have = new Set(pictures.map((p) => p.id))
  return [...pictureIdsOf(deck.cards)].filter((id) => !have.has(id))
}

/**
 * The deck and the pictures it names as one zip. Pictures it does not name are left out; every
 * one it names must be given (see `missingPictures`), or this throws. The pictures are stored as
 * they are (they are compressed already); the deck file is deflated. `mtime` fixes the entries'
 * dates, so the same deck gives the same bytes.
 */
export function writeDeckPackage(
  deck: Deck,
  pictures: readonly PictureBlob[],
  mtime = new Date(Date.UTC(2026, 0, 1)),
): Uint8Array {
  const missing = missingPictures(deck, pictures)
  if (missing.length)
    throw new Error(`writeDeckPackage: ${plural(missing.length, 'picture')} missing`)
  const named = pictureIdsOf(deck.cards)
  const files: Zippable = {
    [DECK_PACKAGE_DECK]: [new TextEncoder().encode(exportDeckFile(deck)), { level: 6, mtime }],
  }
  const written = new Set<string>()
  // in the order of their names, so the same deck gives the same bytes whatever the order given
  const sorted = [...pictures].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (const picture of sorted) {
    if (!named.has(picture.id) || written.has(picture.id)) continue
    written.add(picture.id)
    files[DECK_PACKAGE_PICTURES + pictureFileName(picture)] = [picture.bytes, { level: 0, mtime }]
  }
  return zipSync(files)
}
