// Reading a deck with its pictures (core/deckPackage.ts writes it): everything is checked before
// anything is returned, so a hostile or damaged zip stores nothing. Checked, in order: the size of
// the file, that it opens as a zip, each entry's path (no `..`, no absolute path, no duplicate)
// and the size it claims before it is unpacked, the deck file as any deck file, each picture's
// format and that its bytes hash to its name, and that every picture a card names is there.
import { unzipSync } from 'fflate'
import { DECK_PACKAGE_DECK, MAX_DECK_PACKAGE_BYTES } from '../deckPackageFormat'
import { pictureId } from '../pictureBytes'
import { PICTURE_FORMAT_NAMES } from '../pictureFiles'
import { MAX_PICTURE_BYTES, PICTURE_SIDES, sniffPictureType, type PictureBlob } from '../pictures'
import { MAX_IMPORT_CHARS, type ImportIssue, type ImportOptions, type ImportResult } from './common'
import { importText } from './index'
import { plural } from '../plural'

/** What reading a deck package gives: an import result, with the pictures when it succeeded. */
export type DeckPackageResult = ImportResult & { pictures?: PictureBlob[] }

const MB = 1024 * 1024
// the deck file is text of at most MAX_IMPORT_CHARS characters, each at most 4 bytes in UTF-8
const MAX_DECK_FILE_BYTES = 4 * MAX_IMPORT_CHARS
// the pictures a deck names, together (as an Anki package's collection may be)
const MAX_UNPACKED_BYTES = 400 * MB
const PICTURE_ENTRY = /^pictures\/([0-9a-f]{64})\.([a-z0-9]{1,5})$/

const refuse = (...messages: string[]): DeckPackageResult => ({
  ok: false,
  issues: messages.map((message) => ({ message })),
})

/** True when a zip entry's path could leave a folder it is unpacked into, or names no file. */
function unsafePath(name: string): boolean {
  return (
    name === '' ||
    name.includes('\\') ||
    name.includes('\0') ||
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((part) => part === '..')
  )
}

/** The names of a zip's entries (from its central directory, nothing unpacked); throws when it is no zip. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = []
  unzipSync(bytes, {
    filter: (file) => {
      names.push(file.name)
      return false
    },
  })
  return names
}

/** True when bytes are a zip holding a deck file at its root: a deck with its pictures. */
export function isDeckPackage(bytes: Uint8Array): boolean {
  if (!(bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b)) return false
  try {
    return zipEntryNames(bytes).includes(DECK_PACKAGE_DECK)
  } catch {
    return false
  }
}

const short = (id: string) => `${id.slice(0, 12)}…`

/**
 * Reads a deck package: the deck (validated as any deck file) and the pictures its cards name,
 * each checked. The zip is read twice: its deck file first, then only the pictures the deck names
 * (a zip stuffed with entries no card shows costs nothing). Never throws; on any problem, every
 * problem found and nothing else.
 */
export function readDeckPackage(bytes: Uint8Array, options: ImportOptions = {}): DeckPackageResult {
  const file = options.fileName || 'the file'
  if (bytes.length > MAX_DECK_PACKAGE_BYTES)
    return refuse(
      `${file} is ${(bytes.length / MB).toFixed(1)} MB; a deck with pictures may be at most ${MAX_DECK_PACKAGE_BYTES / MB} MB`,
    )
  const problems: string[] = []
  // picture entries by the id in their name, with the size they claim
  const pictureEntries = new Map<string, { name: string; size: number }>()
  const seen = new Set<string>()
  let deckBytes: Uint8Array | undefined
  try {
    deckBytes = unzipSync(bytes, {
      filter: (entry) => {
        const name = entry.name
        if (unsafePath(name)) {
          problems.push(
            `the entry “${name}” has a path outside the archive: this is not a deck file Intercept wrote`,
          )
          return false
        }
        if (seen.has(name)) {
          problems.push(
            `the entry “${name}” is in the zip twice: which one is meant cannot be told`,
          )
          return false
        }
        seen.add(name)
        const picture = PICTURE_ENTRY.exec(name)
        const max = picture ? MAX_PICTURE_BYTES : MAX_DECK_FILE_BYTES
        if ((picture || name === DECK_PACKAGE_DECK) && entry.originalSize > max) {
          problems.push(
            `the entry “${name}” claims to unpack to ${(entry.originalSize / MB).toFixed(1)} MB; ${picture ? 'a picture' : 'a deck file'} may be at most ${max / MB} MB`,
          )
          return false
        }
        if (picture) pictureEntries.set(picture[1]!, { name, size: entry.originalSize })
        // anything else (a folder a zip tool added, a stray .DS_Store) is not read
        return name === DECK_PACKAGE_DECK
      },
    })[DECK_PACKAGE_DECK]
  } catch {
    return refuse(
      `${file} cannot be opened as a zip: it may be cut short or damaged; export the deck again`,
    )
  }
  if (problems.length) return refuse(...problems)
  if (!deckBytes)
    return refuse(`${file} holds no ${DECK_PACKAGE_DECK}: it is not a deck with pictures`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(deckBytes)
  } catch {
    return refuse(`${DECK_PACKAGE_DECK} in ${file} is not UTF-8 text`)
  }
  const read = importText(text, { ...options, format: 'deck-json' })
  if (!read.ok)
    return {
      ok: false,
      issues: read.issues.map((issue) => ({
        ...issue,
        message: `${DECK_PACKAGE_DECK}: ${issue.message}`,
      })),
    }

  // every picture a card names must be in the zip
  const named = new Set<string>()
  const issues: ImportIssue[] = []
  read.deck.cards.forEach((card, index) => {
    for (const side of PICTURE_SIDES)
      card.pictures?.[side]?.forEach((picture, i) => {
        named.add(picture.id)
        if (!pictureEntries.has(picture.id))
          issues.push({
            field: `pictures.${side}[${i}]`,
            message: `card "${card.id}" (#${index + 1}) shows the picture ${short(picture.id)} (“${picture.alt}”), which is not in ${file}`,
          })
      })
  })
  if (issues.length) return { ok: false, issues }
  let claimed = 0
  for (const id of named) claimed += pictureEntries.get(id)!.size
  if (claimed > MAX_UNPACKED_BYTES)
    return refuse(
      `the pictures claim to unpack to ${(claimed / MB).toFixed(0)} MB; a deck's pictures may be at most ${MAX_UNPACKED_BYTES / MB} MB`,
    )
  const wanted = new Set([...named].map((id) => pictureEntries.get(id)!.name))
  let entries: Record<string, Uint8Array>
  try {
    entries = wanted.size ? unzipSync(bytes, { filter: (entry) => wanted.has(entry.name) }) : {}
  } catch {
    return refuse(
      `${file}: its pictures cannot be unpacked: the file may be damaged; export the deck again`,
    )
  }
  const pictures: PictureBlob[] = []
  for (const name of wanted) {
    const data = entries[name] ?? new Uint8Array()
    const type = sniffPictureType(data)
    if (!type) {
      issues.push({ field: name, message: `${name} is not a ${PICTURE_FORMAT_NAMES} picture` })
      continue
    }
    const id = pictureId(data)
    if (id !== PICTURE_ENTRY.exec(name)![1]) {
      issues.push({
        field: name,
        message: `${name}: its bytes do not match its name (the picture was changed or damaged)`,
      })
      continue
    }
    pictures.push({ id, type, bytes: data })
  }
  if (issues.length) return { ok: false, issues }
  const unused = [...pictureEntries.keys()].filter((id) => !named.has(id)).length
  return {
    ...read,
    warnings: [
      ...read.warnings,
      ...(unused
        ? [{ message: `${plural(unused, 'picture')} in the zip that no card shows: left out` }]
        : []),
    ],
    pictures,
  }
}
