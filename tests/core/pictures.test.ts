import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseDeck } from '@/core/deck'
import {
  altFromFileName,
  cardPictures,
  pictureIdsOf,
  sniffPictureType,
  withPictures,
} from '@/core/pictures'
import { pictureId, readPicture, fromBase64, toBase64 } from '@/core/pictureBytes'
import { makeCard, makeDeck } from '../fixtures/decks'
import { makePicture, makePng } from '../fixtures/pictures'

describe('pictureId', () => {
  it('is the SHA-256 of the bytes in hex', () => {
    // the SHA-256 of "abc" from FIPS 180-2
    expect(pictureId(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('readPicture', () => {
  it('recognises formats by their first bytes, never by name', () => {
    expect(sniffPictureType(makePng())).toBe('image/png')
    expect(sniffPictureType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]))).toBe('image/jpeg')
    expect(sniffPictureType(new TextEncoder().encode('GIF89a……'))).toBe('image/gif')
    expect(sniffPictureType(new TextEncoder().encode('<svg onload="alert(1)"/>'))).toBeUndefined()
    expect(sniffPictureType(new Uint8Array([0x89, 0x50]))).toBeUndefined()
  })

  it('refuses what is not a picture, and pictures over 5 MB', () => {
    expect(readPicture(new TextEncoder().encode('<script>x()</script>'))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('not a PNG') as string,
    })
    const big = new Uint8Array(5 * 1024 * 1024 + 1)
    big.set(makePng())
    expect(readPicture(big)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('5 MB') as string,
    })
    const png = makePng()
    expect(readPicture(png)).toEqual({
      ok: true,
      picture: { id: pictureId(png), type: 'image/png', bytes: png },
    })
  })
})

describe('pictures on cards', () => {
  const a = makePicture([1, 2, 3])
  const b = makePicture([4, 5, 6])

  it('validates a card with pictures on each side, and refuses a bad id or an empty alt', () => {
    const card = makeCard({
      pictures: {
        prompt: [{ id: a.id, alt: 'A red square' }],
        explanation: [{ id: b.id, alt: 'A blue square' }],
      },
    })
    expect(parseDeck(makeDeck({ cards: [card] })).ok).toBe(true)
    const bad = parseDeck(
      makeDeck({
        cards: [{ ...makeCard(), pictures: { prompt: [{ id: 'http://x/y.png', alt: ' ' }] } }],
      }),
    )
    expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual([
      'pictures.prompt[0].id',
      'pictures.prompt[0].alt',
    ])
  })

  it('adds and removes pictures on one side, leaving no empty field behind', () => {
    const card = makeCard()
    const withA = withPictures(card, 'prompt', [{ id: a.id, alt: 'A' }])
    expect(withA.pictures).toEqual({ prompt: [{ id: a.id, alt: 'A' }] })
    const both = withPictures(withA, 'answer', [{ id: b.id, alt: 'B' }])
    expect(cardPictures(both).map((p) => p.alt)).toEqual(['A', 'B'])
    expect(pictureIdsOf([both, withA])).toEqual(new Set([a.id, b.id]))
    const none = withPictures(withPictures(both, 'prompt', []), 'answer', [])
    expect('pictures' in none).toBe(false)
    expect(none).toEqual(card)
  })

  it('makes an alt text from a file name', () => {
    expect(altFromFileName('media/heart_diagram-2.png')).toBe('heart diagram 2')
    expect(altFromFileName('paste.jpeg')).toBe('paste')
  })
})

describe('base64', () => {
  it('round-trips any bytes and refuses what is not base64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64(bytes)
        expect(text).toBe(Buffer.from(bytes).toString('base64'))
        expect(fromBase64(text)).toEqual(bytes)
      }),
    )
    expect(fromBase64('ab$d')).toBeUndefined()
    expect(fromBase64('abc')).toBeUndefined()
  })
})
