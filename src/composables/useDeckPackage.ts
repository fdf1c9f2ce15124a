// A deck with its pictures as one file (core/deckPackage.ts), downloaded: the bytes come from the
// picture source a view provides (storage). The zip writer and the hash load when first used.
import { shallowRef } from 'vue'
import type { Deck } from '@/core/deck'
import { pictureIdsOf, type PictureBlob } from '@/core/pictures'
import { plural, agree } from '@/core/plural'
import { injectPictureSource, type PictureSource } from './usePictureUrl'

/** Downloads a deck with its pictures; the bytes come from `source` (by default the one provided above). */
export function useDeckPackage(source: PictureSource | undefined = injectPictureSource()) {
  const busy = shallowRef(false)
  /** Why the last download could not be made, or ''. */
  const error = shallowRef('')

  /**
   * Downloads `deck` with its pictures as `<id>.deck.zip`. Refused, with `error` saying why, when
   * a picture the deck shows is not on this device (a file without it could not be imported).
   */
  async function download(deck: Deck): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    error.value = ''
    try {
      const ids = [...pictureIdsOf(deck.cards)]
      const [{ writeDeckPackage, deckPackageName }, { downloadFile }, found] = await Promise.all([
        import('@/core/deckPackage'),
        import('@/platform/files'),
        Promise.all(ids.map((id) => (source ? source(id).catch(() => undefined) : undefined))),
      ])
      const pictures: PictureBlob[] = []
      let missing = 0
      ids.forEach((id, i) => {
        const picture = found[i]
        if (picture) pictures.push({ id, type: picture.type, bytes: picture.bytes })
        else missing++
      })
      if (missing) {
        error.value = `${plural(missing, 'picture')} of this deck ${agree(missing, 'is', 'are')} not on this device, so the file cannot carry ${agree(missing, 'it', 'them')}: export it from the device the deck was made on.`
        return false
      }
      downloadFile(deckPackageName(deck), writeDeckPackage(deck, pictures), 'application/zip')
      return true
    } finally {
      busy.value = false
    }
  }

  return { busy, error, download }
}
