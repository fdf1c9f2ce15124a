// A deck with its pictures as one zip: written by core/deckPackage, read back by
// core/importers/deckPackage through the importers' one entry (importBytes, runImportJob), and
// refused whole, with a located message, when it is damaged or hostile.
import { strToU8, zipSync } from 'fflate'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { normalizeDeck, parseDeck, type Deck } from '@/core/deck'
import { deckPackageName, missingPictures, writeDeckPackage } from '@/core/deckPackage'
import { pictureFileName } from '@/core/deckPackageFormat'
import { exportDeckFile } from '@/core/exporters'
import { describeExportPlan, planExport } from '@/core/exportFormats'
import { isDeckPackage, readDeckPackage, zipEntryNames } from '@/core/importers/deckPackage'
import { importBytes } from '@/core/importers/file'
import { runImportJob } from '@/core/importers/job'
import { MAX_PICTURE_BYTES, withPictures, type PictureBlob } from '@/core/pictures'
import { pictureId } from '@/core/pictureBytes'
import { makeCard, makeDeck } from '../../fixtures/decks'
import { makePicture } from '../../fixtures/pictures'

const red = makePicture([200, 0, 0], 30)
const blue = makePicture([0, 0, 200], 20)
const green = makePicture([0, 160, 0], 10)

function deckWith(): Deck {
  const parsed = parseDeck(
    makeDeck({
      id: 'organs',
      title: 'Organs',
      cards: [
        withPictures(makeCard({ id: 'heart' }), 'prompt', [{ id: red.id, alt: 'A red square' }]),
        withPictures(
          withPictures(makeCard({ id: 'lung' }), 'answer', [{ id: blue.id, alt: 'Blue' }]),
          'explanation',
          [{ id: red.id, alt: 'The red one again' }],
        ),
        makeCard({ id: 'plain' }),
      ],
    }),
  )
  if (!parsed.ok) throw new Error('fixture deck is invalid')
  return parsed.value
}

const DECK = deckWith()
const picturePath = (p: PictureBlob) => `pictures/${pictureFileName(p)}`
const messages = (r: { ok: boolean; issues?: { message: string }[] }) =>
  r.ok ? [] : (r.issues ?? []).map((i) => i.message)

/** The zip with `entries` written as they are (a hostile or hand-made package). */
function zipOf(entries: Record<string, Uint8Array | string>): Uint8Array {
  const files: Record<string, Uint8Array> = {}
  for (const [name, data] of Object.entries(entries))
    files[name] = typeof data === 'string' ? strToU8(data) : data
  return zipSync(files, { level: 0 })
}

/** Rewrites the size an entry claims (in its local header and the central directory). */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice()
  const view = new DataView(out.buffer)
  const encoded = strToU8(name)
  for (let at = 0; at < out.length - 46; at++) {
    const sig = view.getUint32(at, true)
    const [nameAt, sizeAt] =
      sig === 0x04034b50 ? [30, 22] : sig === 0x02014b50 ? [46, 24] : [-1, -1]
    if (nameAt < 0) continue
    const nameLength = view.getUint16(at + (sig === 0x04034b50 ? 26 : 28), true)
    const here = out.subarray(at + nameAt, at + nameAt + nameLength)
    if (here.length === encoded.length && here.every((b, i) => b === encoded[i]))
      view.setUint32(at + sizeAt, size, true)
  }
  return out
}

/** Renames an entry in the central directory (same length), as a hand-edited zip might. */
function rename(zip: Uint8Array, from: string, to: string): Uint8Array {
  const out = zip.slice()
  const a = strToU8(from)
  const b = strToU8(to)
  for (let at = 0; at + a.length <= out.length; at++)
    if (a.every((byte, i) => out[at + i] === byte)) out.set(b, at)
  return out
}

/** A deck read from a package is valid, and has every picture it names, each matching its name. */
function sound(deck: Deck, pictures: readonly PictureBlob[]): boolean {
  const ids = new Set(pictures.map((p) => p.id))
  return (
    parseDeck(deck).ok &&
    deck.cards.every((card) =>
      Object.values(card.pictures ?? {})
        .flat()
        .every((p) => ids.has(p.id)),
    ) &&
    pictures.every((p) => pictureId(p.bytes) === p.id)
  )
}

describe('deck packages', () => {
  it('round-trips a deck with two pictures: the same deck, the same picture bytes', async () => {
    const zip = writeDeckPackage(DECK, [red, blue, green])
    expect(zipEntryNames(zip).sort()).toEqual(
      ['deck.json', picturePath(red), picturePath(blue)].sort(),
    )
    expect(isDeckPackage(zip)).toBe(true)
    const read = await importBytes(zip, { fileName: deckPackageName(DECK) })
    if (!read.ok) throw new Error(messages(read).join('\n'))
    expect(normalizeDeck(read.deck)).toEqual(normalizeDeck(DECK))
    expect(read.warnings).toEqual([])
    const byId = new Map(read.pictures!.map((p) => [p.id, p]))
    expect([...byId.keys()].sort()).toEqual([red.id, blue.id].sort())
    for (const original of [red, blue]) {
      const back = byId.get(original.id)!
      expect(back.type).toBe('image/png')
      expect([...back.bytes]).toEqual([...original.bytes])
      expect(pictureId(back.bytes)).toBe(original.id)
    }
  })

  it('writes the same bytes for the same deck, and refuses to write without a picture it names', () => {
    expect(writeDeckPackage(DECK, [blue, red])).toEqual(writeDeckPackage(DECK, [red, blue]))
    expect(missingPictures(DECK, [red])).toEqual([blue.id])
    expect(() => writeDeckPackage(DECK, [red])).toThrow(/1 picture missing/)
  })

  it('is what the import job reads a zip holding deck.json as, with its pictures', async () => {
    const zip = writeDeckPackage(DECK, [red, blue])
    const phases: string[] = []
    const out = await runImportJob({ text: '', bytes: zip, fileName: 'organs.deck.zip' }, (p) =>
      phases.push(p.phase),
    )
    expect(out.format).toBe('deck-zip')
    expect(out.detected).toBe('deck-zip')
    expect(out.result.ok).toBe(true)
    expect(out.pictures?.map((p) => p.id).sort()).toEqual([red.id, blue.id].sort())
    expect(phases.at(-1)).toBe('ready')
  })

  it('reads a deck without pictures from a zip, and leaves out pictures no card shows', async () => {
    const zip = zipOf({
      'deck.json': exportDeckFile(makeDeck({ id: 'plain', cards: [makeCard()] })),
      [picturePath(green)]: green.bytes,
      '__MACOSX/._deck.json': 'resource fork',
    })
    const read = readDeckPackage(zip)
    expect(read.ok && read.pictures).toEqual([])
    expect(read.ok && read.warnings.map((w) => w.message)).toEqual([
      '1 picture in the zip that no card shows: left out',
    ])
  })

  it('names every card whose picture is missing, and stores nothing', () => {
    const zip = zipOf({ 'deck.json': exportDeckFile(DECK), [picturePath(red)]: red.bytes })
    const read = readDeckPackage(zip, { fileName: 'organs.deck.zip' })
    expect(read.ok).toBe(false)
    expect(read.ok || read.issues).toEqual([
      {
        field: 'pictures.answer[0]',
        message: `card "lung" (#2) shows the picture ${blue.id.slice(0, 12)}… (“Blue”), which is not in organs.deck.zip`,
      },
    ])
    expect('pictures' in read).toBe(false)
  })

  it('refuses a picture whose bytes do not match its name, and one that is not a picture', () => {
    const swapped = zipOf({
      'deck.json': exportDeckFile(DECK),
      [picturePath(red)]: red.bytes,
      [picturePath(blue)]: green.bytes,
    })
    expect(messages(readDeckPackage(swapped))).toEqual([
      `${picturePath(blue)}: its bytes do not match its name (the picture was changed or damaged)`,
    ])
    const script = strToU8('<svg onload="alert(1)"/>')
    const svgDeck = {
      ...DECK,
      cards: [withPictures(DECK.cards[2]!, 'prompt', [{ id: pictureId(script), alt: 'x' }])],
    }
    const svg = zipOf({
      'deck.json': exportDeckFile(svgDeck),
      [`pictures/${pictureId(script)}.svg`]: script,
    })
    expect(messages(readDeckPackage(svg))).toEqual([
      `pictures/${pictureId(script)}.svg is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture`,
    ])
  })

  it('refuses entries that claim huge sizes before unpacking them', () => {
    const zip = writeDeckPackage(DECK, [red, blue])
    const huge = claimSize(zip, picturePath(red), 2 ** 31)
    expect(messages(readDeckPackage(huge))).toEqual([
      `the entry “${picturePath(red)}” claims to unpack to 2048.0 MB; a picture may be at most 5 MB`,
    ])
    const bigDeck = claimSize(zip, 'deck.json', 4000 * 1024 * 1024)
    expect(messages(readDeckPackage(bigDeck))[0]).toMatch(
      /^the entry “deck.json” claims to unpack to 4000.0 MB; a deck file may be at most 20 MB$/,
    )
    // just over the picture limit, and really that big
    const big = new Uint8Array(MAX_PICTURE_BYTES + 1)
    big.set(red.bytes)
    const bigZip = zipOf({ 'deck.json': exportDeckFile(DECK), [picturePath(red)]: big })
    expect(messages(readDeckPackage(bigZip))).toEqual([
      `the entry “${picturePath(red)}” claims to unpack to 5.0 MB; a picture may be at most 5 MB`,
    ])
  })

  it('refuses path tricks and duplicate entries, naming them', () => {
    for (const name of ['../deck.json', '/etc/passwd', 'pictures/..\\..\\evil.png', 'C:/x.png']) {
      const zip = zipOf({ 'deck.json': exportDeckFile(DECK), [name]: 'x' })
      expect(messages(readDeckPackage(zip)), name).toEqual([
        `the entry “${name}” has a path outside the archive: this is not a deck file Intercept wrote`,
      ])
    }
    const two = writeDeckPackage(DECK, [red, blue])
    const twice = rename(two, picturePath(blue), picturePath(red))
    expect(messages(readDeckPackage(twice))).toEqual([
      `the entry “${picturePath(red)}” is in the zip twice: which one is meant cannot be told`,
    ])
  })

  it('refuses a cut-short zip, a broken deck file and a zip that is not a deck, each in words', async () => {
    const zip = writeDeckPackage(DECK, [red, blue])
    expect(
      messages(readDeckPackage(zip.subarray(0, zip.length - 30), { fileName: 'o.zip' })),
    ).toEqual([
      'o.zip cannot be opened as a zip: it may be cut short or damaged; export the deck again',
    ])
    const broken = readDeckPackage(zipOf({ 'deck.json': '{ "id": "x", "cards": [' }))
    expect(messages(broken)[0]).toMatch(/^deck\.json: /)
    const garbage = new Uint8Array(600).map((_, i) => (i * 37) % 256)
    garbage.set([0x50, 0x4b, 0x03, 0x04])
    expect(messages(await importBytes(garbage, { fileName: 'flashcards.zip' }))).toEqual([
      'flashcards.zip cannot be opened as a zip: it may be cut short or damaged; export it again',
    ])
    expect(
      messages(await importBytes(zipOf({ 'notes.txt': 'hello' }), { fileName: 'notes.zip' })),
    ).toEqual([
      'notes.zip is a zip archive holding neither an Intercept deck (deck.json with its pictures) nor an Anki collection: Intercept imports a deck exported with its pictures (.zip), an Anki package (.apkg) or a text export',
    ])
  })

  it('refuses or reads any damaged deck package without throwing, and only with every picture it names', () => {
    const zip = writeDeckPackage(DECK, [red, blue])
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.nat(zip.length),
        (flips, cut) => {
          const damaged = zip.slice(0, Math.max(cut, zip.length - 64))
          for (const [at, value] of flips) if (at < damaged.length) damaged[at] = value
          const read = readDeckPackage(damaged)
          expect(read.ok ? sound(read.deck, read.pictures ?? []) : read.issues.length > 0).toBe(
            true,
          )
        },
      ),
      { numRuns: 300 },
    )
  })

  it('is the one format that carries pictures: the others say they leave them out', () => {
    expect(describeExportPlan(planExport(DECK, 'gift'))).toContain(
      "This export leaves out the deck's 2 pictures (only the deck file with its pictures, a .zip, carries them)",
    )
    expect(describeExportPlan(planExport(DECK, 'deck'))).toContain(
      'The deck file names its 2 pictures but does not carry them: export the deck with its pictures (.zip) to keep them',
    )
    expect(
      describeExportPlan(planExport({ ...DECK, cards: [DECK.cards[2]!] }, 'gift')).join('\n'),
    ).not.toMatch(/picture/)
  })
})
