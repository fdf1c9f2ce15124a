// @vitest-environment node
// Anki packages: the three generations Anki writes (real files in shared/fixtures), every note
// type (made by tests/fixtures/ankiPackages.ts), and packages that must be refused with nothing read.
import { describe, expect, it } from 'vitest'
import type { CardOf, Deck } from '@/core/deck'
import { importApkg, templateFields, type ApkgResult } from '@/core/importers/apkg'
import { importBytes } from '@/core/importers/file'
import { loadSqlNode } from '../../../scripts/sqlNode'
import { claimSize, foreignDatabase, makePackage, zstdStored } from '../../fixtures/ankiPackages'
import { sharedBytes } from '../../fixtures/shared'
import { unzipSync, zipSync } from 'fflate'
import { pictureId } from '@/core/pictureBytes'
import { PICTURE_ONLY_TEXT } from '@/core/importers/apkg'
import { makePng } from '../../fixtures/pictures'

const read = (bytes: Uint8Array, maxBytes?: number) =>
  importApkg(bytes, { loadSql: loadSqlNode, ...(maxBytes ? { maxBytes } : {}) })

function deckOf(result: ApkgResult): Deck {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.deck
}
function messages(result: ApkgResult): string[] {
  return result.ok ? result.warnings.map((w) => w.message) : result.issues.map((i) => i.message)
}

describe('importApkg on packages made by Anki', () => {
  it('reads a 23.10+ package (zstd collection.anki21b) and never the dummy collection.anki2', async () => {
    const deck = deckOf(await read(sharedBytes('anki', 'anki21b-alphabet-word.apkg')))
    expect(deck.title).toBe('Alphabet Word')
    expect(deck.cards).toHaveLength(26)
    expect(deck.cards[0]).toMatchObject({ type: 'basic', front: 'apple', back: '苹果' })
    expect(JSON.stringify(deck)).not.toMatch(/Anki|请更新/)
  })

  it('reads a 2.1 package with a 13-field note type from the fields its templates show', async () => {
    const result = await read(sharedBytes('anki', 'anki21-basic-word-13-fields.apkg'))
    const deck = deckOf(result)
    expect(deck.cards).toHaveLength(459)
    const africa = deck.cards[0] as CardOf<'basic'>
    // the first field is a sort key ("07-02-01"): the front is the word the template shows
    expect(africa.front).toBe('Africa')
    expect(africa.back).toContain('非洲')
    expect(africa.back).not.toContain('07-02-01')
    expect(result.noteTypes).toEqual([
      expect.objectContaining({ name: '英语词汇卡+++', notes: 459, kind: 'other' }),
    ])
    expect(result.noteTypes?.[0]?.how).toMatch(
      /^flashcards: front from english; back from pronunciation/,
    )
  })

  it('reads a 2.0 package and lists the sound it drops; a sound-only note is not a card', async () => {
    const result = await read(sharedBytes('anki', 'anki20-media.apkg'))
    expect(result.ok).toBe(false)
    expect(messages(result)).toContain(
      '1 sound was dropped (Intercept cards hold no audio): foo.wav',
    )
  })
})

describe('importApkg note types', () => {
  const notes = [
    {
      guid: 'b1',
      model: 'basic',
      fields: ['<b>EPAA</b>', 'European Phased<br>Adaptive Approach'],
      tags: 'bmd::europe nato',
    },
    { guid: 'r1', model: 'reversed', fields: ['Deveselu', 'Romania'] },
    { guid: 'o1', model: 'optional', fields: ['Redzikowo', 'Poland', 'y'] },
    { guid: 'o2', model: 'optional', fields: ['Kürecik', 'Turkey', ''] },
    { guid: 't1', model: 'typed', fields: ['Radar in Turkey?', 'AN/TPY-2'] },
    {
      guid: 'c1',
      model: 'cloze',
      fields: ['{{c1::Aegis Ashore}} is in {{c2::Romania}}', 'Since 2016'],
    },
    {
      guid: 'io',
      model: 'occlusion',
      fields: ['{{c1::image-occlusion:rect:left=.1}}', '<img src="x.png">', '', '', ''],
    },
    {
      guid: 'v1',
      model: 'vocab',
      fields: ['0001', 'interceptor', 'a missile that stops a missile', 'SM-3 is one'],
    },
    {
      guid: 'Ot0!8Yh/&L',
      model: 'basic',
      fields: ['<script>alert(1)</script>Safe?', 'yes [sound:yes.mp3]'],
    },
  ] as const
  const pkg = makePackage({ notes: notes.map((n) => ({ ...n, fields: [...n.fields] })) })

  it('maps each stock note type to its card type, GUIDs to card ids, tags kept', async () => {
    const result = await read(await pkg)
    const deck = deckOf(result)
    const byId = new Map(deck.cards.map((c) => [c.id, c]))
    expect(byId.get('b1')).toMatchObject({
      type: 'basic',
      front: 'EPAA',
      back: 'European Phased\nAdaptive Approach',
      reversible: false,
      tags: ['bmd::europe', 'nato'],
    })
    expect(byId.get('r1')).toMatchObject({ type: 'basic', reversible: true })
    expect(byId.get('o1')).toMatchObject({ type: 'basic', reversible: true })
    expect(byId.get('o2')).toMatchObject({ type: 'basic', reversible: false })
    expect(byId.get('t1')).toMatchObject({
      type: 'typed',
      prompt: 'Radar in Turkey?',
      answers: ['AN/TPY-2'],
    })
    expect(byId.get('c1')).toMatchObject({
      type: 'cloze',
      text: '{{c1::Aegis Ashore}} is in {{c2::Romania}}',
      explanation: 'Since 2016',
    })
    expect(byId.get('v1')).toMatchObject({
      front: 'interceptor',
      back: 'a missile that stops a missile\nSM-3 is one',
    })
    // Anki's own GUID alphabet maps to an id that goes back to the same GUID
    expect(byId.get('g.Ot0_218Yh_2F_26L')).toMatchObject({ front: 'Safe?', back: 'yes' })
    expect(byId.has('io')).toBe(false)
    expect(deck.title).toBe('Test › Deck')
  })

  it('reports how each note type was converted, image occlusion unsupported, sounds dropped', async () => {
    const result = await read(await pkg)
    const kinds = Object.fromEntries((result.noteTypes ?? []).map((t) => [t.name, t.kind]))
    expect(kinds).toEqual({
      Basic: 'Basic',
      'Basic (and reversed card)': 'Basic (and reversed card)',
      'Basic (optional reversed card)': 'Basic (optional reversed card)',
      'Basic (type in the answer)': 'Basic (type in the answer)',
      Cloze: 'Cloze',
      'Image Occlusion': 'Image Occlusion',
      'Vocabulary (sorted)': 'other',
    })
    expect(messages(result)).toContain(
      '1 image-occlusion note was left out: Intercept does not support image occlusion',
    )
    expect(messages(result)).toContain(
      '1 sound was dropped (Intercept cards hold no audio): yes.mp3',
    )
  })

  it('gives the same ids on a second import, so an updated package updates the deck', async () => {
    const first = deckOf(await read(await pkg))
    const changed = await makePackage({
      notes: [{ guid: 'b1', model: 'basic', fields: ['EPAA', 'the European plan'] }],
    })
    const second = deckOf(await read(changed))
    expect(second.id).toBe(first.id)
    expect(second.cards[0]).toMatchObject({ id: 'b1', back: 'the European plan' })
  })

  it.each(['anki2', 'anki21', 'anki21b'] as const)('reads a %s collection', async (generation) => {
    const deck = deckOf(
      await read(
        await makePackage({
          generation,
          notes: [{ guid: 'x', model: 'basic', fields: ['Q', 'A'] }],
        }),
      ),
    )
    expect(deck.cards.map((c) => c.id)).toEqual(['x'])
  })

  it('finds the fields a template shows, not its sections or specials', () => {
    expect(
      templateFields(
        '{{#Add Reverse}}{{Back}}{{/Add Reverse}} {{FrontSide}} {{text:Front}} {{type:Back}}',
      ),
    ).toEqual(['Back', 'Front'])
  })
})

describe('importApkg history', () => {
  it('reads the revlog onto the study items the cards became', async () => {
    const DAY = 86_400_000
    const t = Date.UTC(2025, 0, 1)
    const result = await read(
      await makePackage({
        notes: [
          { guid: 'r1', model: 'reversed', fields: ['Deveselu', 'Romania'] },
          { guid: 'c1', model: 'cloze', fields: ['{{c1::Aegis}} in {{c2::Romania}}', ''] },
        ],
        reviews: [
          { guid: 'r1', ord: 0, at: t, ease: 3 },
          { guid: 'r1', ord: 1, at: t + DAY, ease: 1 },
          { guid: 'c1', ord: 1, at: t + 2 * DAY, ease: 4 },
        ],
      }),
    )
    expect(result.history).toEqual([
      { cardId: 'r1', variant: 'forward', at: t, ease: 3, durationMs: 5000 },
      { cardId: 'r1', variant: 'reverse', at: t + DAY, ease: 1, durationMs: 5000 },
      { cardId: 'c1', variant: 'c2', at: t + 2 * DAY, ease: 4, durationMs: 5000 },
    ])
  })
})

describe('importApkg refuses, with nothing read', () => {
  it.each([
    [
      'a file that is not a zip',
      async () => new TextEncoder().encode('front\tback'),
      /not an Anki package/,
    ],
    [
      'a truncated zip',
      async () => sharedBytes('anki', 'anki21b-alphabet-word.apkg').subarray(0, 20_000),
      /cannot be opened.*cut short or damaged/,
    ],
    [
      'a zip whose collection claims a huge size',
      async () =>
        claimSize(
          await makePackage({ notes: [{ guid: 'x', model: 'basic', fields: ['Q', 'A'] }] }),
          'collection.anki21',
          0xfffffff0,
        ),
      /claims to unpack to 4096 MB/,
    ],
    [
      'a zip without a collection',
      async () => zipSync({ 'notes.txt': new Uint8Array([1]) }),
      /holds no Anki collection/,
    ],
    [
      'a corrupt collection',
      async () =>
        zipSync({
          'collection.anki2': new TextEncoder().encode(
            'SQLite format 3\0 but then garbage'.repeat(200),
          ),
        }),
      /not an Anki database/,
    ],
    [
      'a foreign SQLite file',
      async () => zipSync({ 'collection.anki2': await foreignDatabase() }),
      /not an Anki collection/,
    ],
    [
      'a damaged zstd collection',
      async () => zipSync({ 'collection.anki21b': zstdStored(new Uint8Array(10)).subarray(0, 8) }),
      /cannot be unpacked|not an Anki/,
    ],
    ['a package with no notes', async () => makePackage({ notes: [] }), /holds no notes/],
  ])('%s', async (_name, make, message) => {
    const result = await read(await make())
    expect(result.ok).toBe(false)
    expect(messages(result).join('\n')).toMatch(message)
  })

  it('a package over the size limit', async () => {
    const bytes = await makePackage({ notes: [{ guid: 'x', model: 'basic', fields: ['Q', 'A'] }] })
    const result = await read(bytes, 1000)
    expect(messages(result)[0]).toMatch(/Intercept imports Anki packages of at most/)
  })
})

describe('importBytes', () => {
  it('sends packages to importApkg and text files to the text importers', async () => {
    const pkg = await importBytes(sharedBytes('anki', 'anki21b-alphabet-word.apkg'), {
      fileName: 'Alphabet Word.apkg',
      loadSql: loadSqlNode,
    })
    expect(pkg.ok && pkg.deck.cards.length).toBe(26)
    const gift = await importBytes(sharedBytes('gift', 'pegjs-numerical1.gift'), {
      fileName: 'n.gift',
    })
    expect(gift.ok && gift.deck.cards[0]).toMatchObject({ type: 'numeric', answer: 1822 })
  })
})

describe('pictures and formatting in packages', () => {
  const heart = makePng(8, 6, [200, 0, 0])
  const lungs = makePng(8, 6, [0, 0, 200])
  const svg = new TextEncoder().encode(
    '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  )
  const notes = [
    {
      guid: 'p1',
      model: 'basic' as const,
      fields: [
        '<b>Which</b> organ?<img src="heart.png" alt="A red square">',
        'The heart <img src="lungs%20and%20more.png">',
      ],
    },
    { guid: 'p2', model: 'basic' as const, fields: ['<img src="heart.png">', 'Heart again'] },
    {
      guid: 'p3',
      model: 'basic' as const,
      fields: [
        'Remote <img src="http://tracker.example/pixel.gif"> <img src="//cdn.example/x.png"> <img src="data:image/png;base64,AAAA"> and <img src="gone.png"> and <img src="evil.svg">',
        '<i onclick="steal()">ok</i><script>alert(1)</script> [sound:a.mp3]',
      ],
    },
    {
      guid: 'p4',
      model: 'cloze' as const,
      fields: [
        '{{c1::Aegis}} <img src="heart.png">',
        '<ul><li>Extra <sup>2</sup></li></ul><img src="lungs and more.png">',
      ],
    },
  ]
  const media = { 'heart.png': heart, 'lungs and more.png': lungs, 'evil.svg': svg }

  for (const generation of ['anki21', 'anki21b'] as const)
    it(`makes the package's pictures card pictures, with alt text (${generation}, ${generation === 'anki21b' ? 'zstd protobuf' : 'JSON'} media map)`, async () => {
      const result = await read(await makePackage({ generation, notes, media }))
      const deck = deckOf(result)
      const byId = new Map(deck.cards.map((c) => [c.id, c]))
      const heartId = pictureId(heart)
      const lungsId = pictureId(lungs)
      expect(byId.get('p1')).toMatchObject({
        front: 'Which organ?',
        back: 'The heart',
        pictures: {
          prompt: [{ id: heartId, alt: 'A red square' }],
          answer: [{ id: lungsId, alt: 'lungs and more' }],
        },
        rich: { prompt: '<b>Which</b> organ?' },
      })
      // a side that is only a picture gets neutral text, never the file name
      expect(byId.get('p2')).toMatchObject({
        front: PICTURE_ONLY_TEXT,
        pictures: { prompt: [{ id: heartId, alt: 'heart' }] },
      })
      expect(byId.get('p4')).toMatchObject({
        type: 'cloze',
        explanation: '• Extra 2',
        pictures: { prompt: [{ id: heartId }], explanation: [{ id: lungsId }] },
        rich: { explanation: '<ul><li>Extra <sup>2</sup></li></ul>' },
      })
      const p3 = byId.get('p3')!
      expect(p3.pictures).toBeUndefined()
      expect(p3.rich).toEqual({ answer: '<i>ok</i>' })
      expect(JSON.stringify(deck)).not.toMatch(/onclick|steal|alert|<script|tracker|svg/)
      // each picture once, byte for byte, and only the ones cards show
      expect(result.pictures?.map((p) => p.id).sort()).toEqual([heartId, lungsId].sort())
      expect(result.pictures?.find((p) => p.id === heartId)?.bytes).toEqual(heart)
      const said = messages(result)
      expect(said).toEqual(
        expect.arrayContaining([
          '3 pictures on the web were not loaded (Intercept shows only pictures inside the package): http://tracker.example/pixel.gif, //cdn.example/x.png, data:image/png;base64,AAAA',
          '1 picture named in the notes is not in the package: gone.png',
          'the picture evil.svg was left out: it is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture',
          '1 sound was dropped (Intercept cards hold no audio): a.mp3',
        ]),
      )
    })

  it('reads a picture no larger than 5 MB, and leaves out a larger one', async () => {
    const huge = new Uint8Array(6 * 1024 * 1024)
    huge.set(heart)
    const result = await read(
      await makePackage({
        generation: 'anki21b',
        notes: [{ guid: 'h1', model: 'basic', fields: ['Big <img src="big.png">', 'yes'] }],
        media: { 'big.png': huge },
      }),
    )
    expect(deckOf(result).cards[0]!.pictures).toBeUndefined()
    expect(messages(result)).toContain('the picture big.png was left out: it is larger than 5 MB')
  })

  it('imports the notes of a package whose media map is unreadable, naming the pictures it misses', async () => {
    const pkg = await makePackage({
      notes: [{ guid: 'm1', model: 'basic', fields: ['Q <img src="heart.png">', 'A'] }],
      media: { 'heart.png': heart },
    })
    const files = unzipSync(pkg)
    files.media = new TextEncoder().encode('{not json')
    const result = await read(zipSync(files))
    expect(deckOf(result).cards).toHaveLength(1)
    expect(messages(result)).toContain(
      '1 picture named in the notes is not in the package: heart.png',
    )
  })
})
