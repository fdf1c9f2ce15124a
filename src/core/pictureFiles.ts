// Pictures offered by the user (a chosen, pasted or dropped file) and named in messages: what the
// editor and the importers need, apart from core/pictures.ts so the first load does without it.
import { MAX_PICTURE_BYTES, PICTURE_TYPES, type PictureSide } from './pictures'

/** The `accept` list of a file picker for pictures: the formats kept, by media type. */
export const PICTURE_ACCEPT = PICTURE_TYPES.join(',')

/** The formats kept, named for people: "PNG, JPEG, GIF, WebP, AVIF or BMP". */
export const PICTURE_FORMAT_NAMES = 'PNG, JPEG, GIF, WebP, AVIF or BMP'

const MB = 1024 * 1024
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`

/**
 * Why a file offered as a picture (chosen, pasted or dropped) is refused before its bytes are
 * read, or undefined when they are worth reading: too big, or an SVG drawing (it can hold scripts
 * and web addresses, and a deck file can be opened outside the app). The bytes still decide the
 * format (`readPicture`): a name or a media type can lie.
 */
export function refusePictureFile(file: {
  name: string
  type: string
  size: number
}): string | undefined {
  const name = file.name ? `“${file.name}”` : 'The pasted picture'
  if (file.type === 'image/svg+xml' || /\.svgz?$/i.test(file.name))
    return `${name} is an SVG drawing, which can hold scripts: save it as PNG and add that.`
  if (file.size > MAX_PICTURE_BYTES)
    return `${name} is ${megabytes(file.size)}; a picture may be at most ${MAX_PICTURE_BYTES / MB} MB.`
  if (file.size === 0) return `${name} is empty.`
  return undefined
}

/** Where a picture path of a card points: `pictures.prompt[1].alt` → side prompt, index 1. */
export function picturePath(
  field: string | undefined,
): { side: PictureSide; index?: number; alt: boolean } | undefined {
  const match = /^pictures\.(prompt|answer|explanation)(?:\[(\d+)\](\.alt)?)?$/.exec(field ?? '')
  if (!match) return undefined
  return {
    side: match[1] as PictureSide,
    ...(match[2] !== undefined ? { index: Number(match[2]) } : {}),
    alt: !!match[3],
  }
}
