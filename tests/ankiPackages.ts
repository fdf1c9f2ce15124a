// Makes Anki packages for tests, in memory: every note type Intercept maps, review history, and
// hostile or broken packages. Real packages made by Anki are in shared/fixtures (see
// sharedFixtures.ts); these cover what those do not. The collection is written with sql.js in
// Anki's schema 11 (the one of collection.anki2 and collection.anki21).
import { strToU8, zipSync } from 'fflate'
import { loadSqlNode } from '../scripts/sqlNode'

export interface TestNote {
  guid: string
  /** A key of MODELS. */
  model: keyof typeof MODELS
  fields: string[]
  tags?: string
}

const tmpl = (name: string, qfmt: string, afmt: string) => ({ name, qfmt, afmt })
const model = (
  id: number,
  name: string,
  fields: string[],
  tmpls: ReturnType<typeof tmpl>[],
  type = 0,
) => ({
  id,
  name,
  type,
  flds: fields.map((f, ord) => ({ name: f, ord })),
  tmpls: tmpls.map((t, ord) => ({ ...t, ord })),
})
const BACK = '{{FrontSide}}\n\n<hr id=answer>\n\n'

/** The note types of a stock Anki, and two of an instructor's own. */
export const MODELS = {
  basic: model(1, 'Basic', ['Front', 'Back'], [tmpl('Card 1', '{{Front}}', `${BACK}{{Back}}`)]),
  reversed: model(
    2,
    'Basic (and reversed card)',
    ['Front', 'Back'],
    [
      tmpl('Card 1', '{{Front}}', `${BACK}{{Back}}`),
      tmpl('Card 2', '{{Back}}', `${BACK}{{Front}}`),
    ],
  ),
  optional: model(
    3,
    'Basic (optional reversed card)',
    ['Front', 'Back', 'Add Reverse'],
    [
      tmpl('Card 1', '{{Front}}', `${BACK}{{Back}}`),
      tmpl('Card 2', '{{#Add Reverse}}{{Back}}{{/Add Reverse}}', `${BACK}{{Front}}`),
    ],
  ),
  typed: model(
    4,
    'Basic (type in the answer)',
    ['Front', 'Back'],
    [tmpl('Card 1', '{{Front}}\n\n{{type:Back}}', `{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}`)],
  ),
  cloze: model(
    5,
    'Cloze',
    ['Text', 'Back Extra'],
    [tmpl('Cloze', '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}')],
    1,
  ),
  occlusion: model(
    6,
    'Image Occlusion',
    ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
    [
      tmpl(
        'Image Occlusion',
        '{{#Header}}{{Header}}{{/Header}}{{cloze:Occlusion}}<div id="image-occlusion-container">{{Image}}</div>',
        '{{cloze:Occlusion}}',
      ),
    ],
    1,
  ),
  vocab: model(
    7,
    'Vocabulary (sorted)',
    ['Sort', 'Word', 'Meaning', 'Example'],
    [tmpl('Recognition', '<div class=word>{{Word}}</div>', `${BACK}{{Meaning}}<br>{{Example}}`)],
  ),
} as const

export interface TestReview {
  /** The note's guid, and which of its cards (template order). */
  guid: string
  ord?: number
  /** Epoch ms of the review (Anki's revlog id). */
  at: number
  /** 1 again, 2 hard, 3 good, 4 easy. */
  ease: 1 | 2 | 3 | 4
}

export interface PackageOptions {
  notes: TestNote[]
  reviews?: TestReview[]
  /** The name of the collection file: legacy `collection.anki2`, `collection.anki21`, or zstd `collection.anki21b`. */
  generation?: 'anki2' | 'anki21' | 'anki21b'
  deckName?: string
  /** Media files by name (stored as 0, 1… with a `media` map). */
  media?: Record<string, Uint8Array>
}

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld integer, csum integer, flags integer, data text);
CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer, queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);
CREATE TABLE revlog (id integer primary key, cid integer, usn integer, ease integer, ivl integer, lastIvl integer, factor integer, time integer, type integer);
`

/** An Anki collection (SQLite bytes, schema 11) holding the notes, one card per template, and the reviews. */
export async function makeCollection(options: PackageOptions): Promise<Uint8Array> {
  const SQL = await loadSqlNode()
  const db = new SQL.Database()
  db.exec(SCHEMA)
  const models = Object.fromEntries(Object.values(MODELS).map((m) => [String(m.id), m]))
  const decks = {
    '1': { id: 1, name: 'Default' },
    '42': { id: 42, name: options.deckName ?? 'Test::Deck' },
  }
  db.run('insert into col values (1, 0, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    '{}',
    JSON.stringify(models),
    JSON.stringify(decks),
    '{}',
    '{}',
  ])
  const cardIds = new Map<string, number>()
  options.notes.forEach((note, i) => {
    const m = MODELS[note.model]
    const nid = 1_600_000_000_000 + i
    db.run('insert into notes values (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, ?)', [
      nid,
      note.guid,
      m.id,
      note.tags ? ` ${note.tags} ` : '',
      note.fields.join('\x1f'),
      note.fields[0] ?? '',
      '',
    ])
    // a cloze note has a card per cloze number (ord = number - 1), others one per template
    const ords =
      m.type === 1
        ? [
            ...new Set(
              [...(note.fields[0] ?? '').matchAll(/\{\{c(\d+)::/g)].map((x) => Number(x[1]) - 1),
            ),
          ]
        : m.tmpls.map((_t, ord) => ord)
    ords.forEach((ord) => {
      const cid = nid * 10 + ord
      cardIds.set(`${note.guid}/${ord}`, cid)
      db.run('insert into cards values (?, ?, 42, ?, 0, 0, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)', [
        cid,
        nid,
        ord,
        i,
        '',
      ])
    })
  })
  for (const r of options.reviews ?? [])
    db.run('insert into revlog values (?, ?, 0, ?, 1, 0, 2500, 5000, 1)', [
      r.at,
      cardIds.get(`${r.guid}/${r.ord ?? 0}`) ?? 0,
      r.ease,
    ])
  const bytes = db.export()
  db.close()
  return bytes
}

/**
 * A zstd frame holding `bytes` in raw (stored) blocks: valid zstd that fzstd reads, made without
 * a compressor (Node 20 has none).
 */
export function zstdStored(bytes: Uint8Array): Uint8Array {
  const BLOCK = 128 * 1024 - 1
  const blocks = Math.max(1, Math.ceil(bytes.length / BLOCK))
  const out = new Uint8Array(6 + blocks * 3 + bytes.length)
  // magic, then a header: no content size, no checksum, a 1 MB window
  out.set([0x28, 0xb5, 0x2f, 0xfd, 0x00, 0x50])
  let at = 6
  for (let b = 0; b < blocks; b++) {
    const chunk = bytes.subarray(b * BLOCK, (b + 1) * BLOCK)
    const header = (chunk.length << 3) | (b === blocks - 1 ? 1 : 0) // block type 0: raw
    out.set([header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff], at)
    out.set(chunk, at + 3)
    at += 3 + chunk.length
  }
  return out
}

const DUMMY = 'Please update to the latest Anki version, then import the .colpkg/.apkg file again.'

/** An .apkg package (zip) of the notes; a modern generation also holds Anki's dummy collection.anki2. */
export async function makePackage(options: PackageOptions): Promise<Uint8Array> {
  const generation = options.generation ?? 'anki21'
  const collection = await makeCollection(options)
  const files: Record<string, Uint8Array> = {}
  if (generation === 'anki21b') files['collection.anki21b'] = zstdStored(collection)
  else files[`collection.${generation}`] = collection
  if (generation !== 'anki2')
    files['collection.anki2'] = await makeCollection({
      notes: [{ guid: 'dummy', model: 'basic', fields: [DUMMY, ''] }],
    })
  const names = Object.keys(options.media ?? {})
  names.forEach((name, i) => (files[String(i)] = options.media![name]!))
  files.media = strToU8(JSON.stringify(Object.fromEntries(names.map((n, i) => [String(i), n]))))
  return zipSync(files, { level: 1 })
}

/** A zip whose central directory claims `claimed` bytes for `name` (a zip bomb's lie). */
export function claimSize(zip: Uint8Array, name: string, claimed: number): Uint8Array {
  const out = zip.slice()
  const view = new DataView(out.buffer)
  const target = strToU8(name)
  for (let i = 0; i + 46 < out.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue // central directory header
    const nameLength = view.getUint16(i + 28, true)
    const found = out.subarray(i + 46, i + 46 + nameLength)
    if (found.length === target.length && found.every((b, j) => b === target[j]))
      view.setUint32(i + 24, claimed, true) // uncompressed size
  }
  return out
}

/** A valid SQLite database that is not an Anki collection. */
export async function foreignDatabase(): Promise<Uint8Array> {
  const SQL = await loadSqlNode()
  const db = new SQL.Database()
  db.exec(
    'CREATE TABLE invoices (id integer primary key, total real); INSERT INTO invoices VALUES (1, 9.5);',
  )
  const bytes = db.export()
  db.close()
  return bytes
}
