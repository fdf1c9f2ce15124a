// The media of an Anki package: the map from zip entries ("0", "1", …) to file names, as legacy
// JSON or as Anki 23.10+'s zstd-compressed protobuf (MediaEntries), and the pictures the notes
// show. Files are read only when a note names them; a picture is kept only when its bytes are a
// picture format (core/pictures.ts), whatever its name says.
import { Decompress } from 'fzstd'
import { MAX_PICTURE_BYTES, type PictureBlob } from '../pictures'
import { readPicture } from '../pictureBytes'
import { protoFields } from './protobuf'

const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd]
const isZstd = (bytes: Uint8Array) => ZSTD_MAGIC.every((b, i) => bytes[i] === b)

/**
 * Decompresses zstd, stopping as soon as the output passes `max` bytes (a frame can claim any
 * size, and a small file can unpack to gigabytes).
 */
export function unzstdAtMost(bytes: Uint8Array, max: number): Uint8Array | undefined {
  const chunks: Uint8Array[] = []
  let total = 0
  const stream = new Decompress((chunk) => {
    total += chunk.length
    if (total > max) throw new RangeError('too large')
    chunks.push(chunk)
  })
  try {
    stream.push(bytes, true)
  } catch {
    return undefined
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

const utf8 = new TextDecoder()

/**
 * The package's media map, file name → zip entry name; `undefined` when the map is there but
 * cannot be read (then the notes' pictures are reported missing, and the rest imports).
 */
export function readMediaMap(bytes: Uint8Array | undefined): Map<string, string> | undefined {
  const map = new Map<string, string>()
  if (!bytes || !bytes.length) return map
  try {
    if (isZstd(bytes)) {
      const raw = unzstdAtMost(bytes, 64 * 1024 * 1024)
      if (!raw) return undefined
      let index = 0
      // MediaEntries: entry (1); a MediaEntry: name (1) and legacy_zip_filename (255)
      for (const [field, value] of protoFields(raw)) {
        if (field !== 1 || !(value instanceof Uint8Array)) continue
        let name = ''
        let zipName = String(index)
        for (const [f, v] of protoFields(value)) {
          if (f === 1 && v instanceof Uint8Array) name = utf8.decode(v)
          if (f === 255 && typeof v === 'number') zipName = String(v)
        }
        if (name) map.set(name, zipName)
        index++
      }
      return map
    }
    const json = JSON.parse(utf8.decode(bytes)) as unknown
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
    for (const [zipName, name] of Object.entries(json))
      if (typeof name === 'string') map.set(name, zipName)
    return map
  } catch {
    return undefined
  }
}

/** True when an `<img src>` points outside the package (a web address, data:, file:…): never loaded. */
export function isRemoteSrc(src: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')
}

/** The media map's name for an `<img src>` (Anki writes some names percent-encoded). */
export function mediaName(src: string, map: ReadonlyMap<string, string>): string | undefined {
  if (map.has(src)) return src
  try {
    const decoded = decodeURIComponent(src)
    if (map.has(decoded)) return decoded
  } catch {
    // not percent-encoding: the name as written was the only candidate
  }
  return undefined
}

/** Pictures read from the package by file name, and the files that could not be pictures. */
export interface PackagePictures {
  byName: Map<string, PictureBlob>
  /** File names with why each was left out ("is not a PNG…", "is larger than 5 MB"). */
  refused: [string, string][]
}

/**
 * Turns the zip entries of the wanted files into pictures. `entries` maps zip entry name → bytes
 * (as unzipped); `wanted` maps file name → zip entry name.
 */
export function readPackagePictures(
  wanted: ReadonlyMap<string, string>,
  entries: Readonly<Record<string, Uint8Array>>,
): PackagePictures {
  const byName = new Map<string, PictureBlob>()
  const refused: [string, string][] = []
  for (const [name, zipName] of wanted) {
    let bytes = entries[zipName]
    if (!bytes) {
      refused.push([name, 'is not in the package'])
      continue
    }
    if (isZstd(bytes)) {
      const raw = unzstdAtMost(bytes, MAX_PICTURE_BYTES)
      if (!raw) {
        refused.push([name, `is damaged or larger than ${MAX_PICTURE_BYTES / 1024 / 1024} MB`])
        continue
      }
      bytes = raw
    }
    const read = readPicture(bytes)
    if (read.ok) byName.set(name, read.picture)
    else refused.push([name, read.reason])
  }
  return { byName, refused }
}
