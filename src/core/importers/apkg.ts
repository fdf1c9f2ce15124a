// Anki packages (.apkg, .colpkg): a zip (fflate) holding the collection as SQLite (sql.js), in
// one of three generations: `collection.anki2` (Anki 2.0), `collection.anki21` (2.1) and
// `collection.anki21b` (23.10+, zstd-compressed by fzstd, schema 18 with note types in their own
// tables and protobuf configs). A modern package also carries a dummy `collection.anki2` whose one
// card asks to update Anki: the newest collection is read, never the dummy. SQLite is passed in
// (`loadSql`) because it loads differently in the browser worker and in Node.
import { unzipSync, type UnzipFileInfo } from 'fflate'
import { decompress } from 'fzstd'
import type { Database, SqlJsStatic } from 'sql.js'
import { idFromGuid } from './anki'
import {
  cardIssues,
  count,
  deckIdentity,
  finishDeck,
  LIMITS,
  MAX_IMPORT_CARDS,
  parseCard,
  agree,
  plural,
  tooManyCardsIssue,
  type Card,
  type CardInput,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
  plainText,
} from './common'
import { decodeEntities, htmlToText } from './html'
import {
  isRemoteSrc,
  mediaName,
  readMediaMap,
  readPackagePictures,
  type PackagePictures,
} from './ankiMedia'
import {
  altFromFileName,
  cardPictures,
  MAX_PICTURE_BYTES,
  type CardPicture,
  type PictureBlob,
} from '../pictures'
import { hasFormatting, htmlToRich, serializeRich, type RichNode } from '../richText'
import type { AnkiReview } from '../ankiProgress'
import { clozeIndexes } from '../cloze'
import type { ItemVariant } from '../items'
import { createIdAllocator } from '../ids'
import { protoFields } from './protobuf'

/** Options for `importApkg`. */
export interface ApkgImportOptions extends ImportOptions {
  /** Loads sql.js with its WebAssembly (in the worker from the app's assets, in Node from node_modules). */
  loadSql: () => Promise<SqlJsStatic>
  /** The largest package read, in bytes; `MAX_PACKAGE_BYTES` unless a test needs less. */
  maxBytes?: number
}

/** The largest package read: 200 MB. */
export const MAX_PACKAGE_BYTES = 200 * 1024 * 1024
/** The largest collection (SQLite file, once unpacked) read: 400 MB. */
export const MAX_COLLECTION_BYTES = 400 * 1024 * 1024

const MB = 1024 * 1024
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const

/** True when bytes start like a zip file (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4
  )
}

// ---- protobuf: the two or three fields Anki's schema 18 keeps in blobs. The wire format is a
// varint key (field number << 3 | wire type) then the value; only varints and length-delimited
// values occur in these messages.

type Proto = Map<number, (number | Uint8Array)[]>

function readProto(bytes: Uint8Array): Proto {
  const out: Proto = new Map()
  for (const [field, value] of protoFields(bytes)) {
    const list = out.get(field) ?? []
    list.push(value)
    out.set(field, list)
  }
  return out
}

const utf8 = new TextDecoder()
function protoString(proto: Proto, field: number): string {
  const value = proto.get(field)?.[0]
  return value instanceof Uint8Array ? utf8.decode(value) : ''
}
function protoNumber(proto: Proto, field: number): number {
  const value = proto.get(field)?.[0]
  return typeof value === 'number' ? value : 0
}

// ---- note types

interface Template {
  name: string
  qfmt: string
  afmt: string
}

interface NoteType {
  id: number
  name: string
  cloze: boolean
  fields: string[]
  templates: Template[]
}

function rows<T>(db: Database, sql: string): T[] {
  const result = db.exec(sql)[0]
  if (!result) return []
  return result.values.map((values) => {
    const row: Record<string, unknown> = {}
    result.columns.forEach((c, i) => (row[c] = values[i]))
    return row as T
  })
}

function hasTable(db: Database, name: string): boolean {
  return rows(db, `select name from sqlite_master where type='table' and name='${name}'`).length > 0
}

/**
 * Schema 18 declares names `COLLATE unicase`, a collation Anki registers itself and sql.js cannot:
 * SQLite then refuses every statement on those tables. The copy here is in memory and only read,
 * so the collation is taken out of the schema (ordering by name is never needed).
 */
function forgetUnicase(db: Database): void {
  db.exec(
    "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(sql, 'COLLATE unicase', '') WHERE sql LIKE '%COLLATE unicase%'; PRAGMA writable_schema=RESET;",
  )
}

/** Note types of a schema-18 collection (notetypes, fields and templates tables). */
function noteTypes18(db: Database): Map<number, NoteType> {
  const types = new Map<number, NoteType>()
  for (const row of rows<{ id: number; name: string; config: Uint8Array }>(
    db,
    'select id, name, config from notetypes',
  ))
    types.set(Number(row.id), {
      id: Number(row.id),
      name: String(row.name),
      // NotetypeConfig.kind (field 1): 0 normal, 1 cloze
      cloze: protoNumber(readProto(row.config ?? new Uint8Array()), 1) === 1,
      fields: [],
      templates: [],
    })
  for (const row of rows<{ ntid: number; name: string }>(
    db,
    'select ntid, name from fields order by ntid, ord',
  ))
    types.get(Number(row.ntid))?.fields.push(String(row.name))
  for (const row of rows<{ ntid: number; name: string; config: Uint8Array }>(
    db,
    'select ntid, name, config from templates order by ntid, ord',
  )) {
    // CardTemplateConfig: q_format (1), a_format (2)
    const config = readProto(row.config ?? new Uint8Array())
    types.get(Number(row.ntid))?.templates.push({
      name: String(row.name),
      qfmt: protoString(config, 1),
      afmt: protoString(config, 2),
    })
  }
  return types
}

interface LegacyModel {
  id?: number | string
  name?: string
  type?: number
  flds?: { name?: string; ord?: number }[]
  tmpls?: { name?: string; qfmt?: string; afmt?: string; ord?: number }[]
}

/** Note types of an older collection (JSON in `col.models`). */
function noteTypesLegacy(db: Database): Map<number, NoteType> {
  const [row] = rows<{ models: string }>(db, 'select models from col')
  const types = new Map<number, NoteType>()
  if (!row?.models) return types
  const models = JSON.parse(row.models) as Record<string, LegacyModel>
  for (const [key, model] of Object.entries(models)) {
    const id = Number(model.id ?? key)
    types.set(id, {
      id,
      name: String(model.name ?? ''),
      cloze: model.type === 1,
      fields: [...(model.flds ?? [])]
        .sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0))
        .map((f) => String(f.name ?? '')),
      templates: [...(model.tmpls ?? [])]
        .sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0))
        .map((t) => ({
          name: String(t.name ?? ''),
          qfmt: String(t.qfmt ?? ''),
          afmt: String(t.afmt ?? ''),
        })),
    })
  }
  return types
}

// Template words that are not fields.
const SPECIAL_FIELDS = new Set([
  'FrontSide',
  'Tags',
  'Type',
  'Deck',
  'Subdeck',
  'Card',
  'CardFlag',
  'CardID',
])

/** The fields a template shows, in order: `{{Field}}`, `{{text:Field}}`, `{{type:Field}}`… (not sections). */
export function templateFields(template: string): string[] {
  const out: string[] = []
  for (const match of template.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const inner = match[1]!.trim()
    if (/^[#/^!]/.test(inner)) continue
    const name = inner.slice(inner.lastIndexOf(':') + 1).trim()
    if (name && !SPECIAL_FIELDS.has(name) && !out.includes(name)) out.push(name)
  }
  return out
}

/** How a note type becomes Intercept cards. */
type Plan =
  | { kind: 'basic'; front: string[]; back: string[]; reverse: 'no' | 'always' | { field: string } }
  | { kind: 'typed'; front: string[]; answer: string; extra: string[] }
  | { kind: 'cloze'; text: string; extra: string[] }
  | { kind: 'occlusion' }
  | { kind: 'unusable'; why: string }

/** Names for the conversion report. */
export type NoteTypeKind =
  | 'Basic'
  | 'Basic (and reversed card)'
  | 'Basic (optional reversed card)'
  | 'Basic (type in the answer)'
  | 'Cloze'
  | 'other'

function planFor(type: NoteType): Plan & { label: NoteTypeKind | 'Image Occlusion' | 'unusable' } {
  const all = type.templates.map((t) => t.qfmt + t.afmt).join('\n')
  if (/image-occlusion|\{\{cloze:Occlusion\}\}/i.test(all) || /image occlusion/i.test(type.name))
    return { kind: 'occlusion', label: 'Image Occlusion' }
  const first = type.templates[0]
  if (!first) return { kind: 'unusable', why: 'it has no card template', label: 'unusable' }
  if (type.cloze) {
    const text = /\{\{cloze:([^{}]+)\}\}/.exec(first.qfmt)?.[1]?.trim() ?? type.fields[0]
    if (!text)
      return { kind: 'unusable', why: 'its template has no cloze field', label: 'unusable' }
    const extra = templateFields(first.afmt).filter((f) => f !== text)
    return { kind: 'cloze', text, extra, label: 'Cloze' }
  }
  const front = templateFields(first.qfmt).filter((f) => type.fields.includes(f))
  const typed = /\{\{type:([^{}:]+)\}\}/.exec(first.qfmt + first.afmt)?.[1]?.trim()
  const back = templateFields(first.afmt).filter(
    (f) => type.fields.includes(f) && !front.includes(f),
  )
  if (!front.length) return { kind: 'unusable', why: 'its front shows no field', label: 'unusable' }
  if (typed && type.fields.includes(typed)) {
    const frontNoTyped = front.filter((f) => f !== typed)
    if (frontNoTyped.length)
      return {
        kind: 'typed',
        front: frontNoTyped,
        answer: typed,
        extra: back.filter((f) => f !== typed),
        label: type.templates.length === 1 ? 'Basic (type in the answer)' : 'other',
      }
  }
  if (!back.length)
    return {
      kind: 'unusable',
      why: 'its back shows no field the front does not',
      label: 'unusable',
    }
  const second = type.templates[1]
  let reverse: 'no' | 'always' | { field: string } = 'no'
  if (second && type.templates.length === 2) {
    const q2 = templateFields(second.qfmt)
    const condition = /\{\{#([^{}]+)\}\}/.exec(second.qfmt)?.[1]?.trim()
    if (q2.length && q2.every((f) => back.includes(f)))
      reverse = condition && type.fields.includes(condition) ? { field: condition } : 'always'
  }
  const standard = front.length === 1 && back.length === 1
  const label: NoteTypeKind = !standard
    ? 'other'
    : type.templates.length === 1
      ? 'Basic'
      : reverse === 'always'
        ? 'Basic (and reversed card)'
        : reverse !== 'no'
          ? 'Basic (optional reversed card)'
          : 'other'
  return { kind: 'basic', front, back, reverse, label }
}

// ---- reading

/** What was converted how, for the preview: one line per note type. */
export interface NoteTypeReport {
  name: string
  notes: number
  /** `Basic` …, `Cloze`, `other` (flashcards from the template's fields), `Image Occlusion` (not supported). */
  kind: NoteTypeKind | 'Image Occlusion' | 'unusable'
  /** In words: "front from english; back from chinese, example". */
  how: string
}

/**
 * An Anki package read into a deck, with the per-note-type report, the review history and the
 * pictures the cards show.
 */
export type ApkgResult = ImportResult & {
  noteTypes?: NoteTypeReport[]
  history?: AnkiReview[]
  pictures?: PictureBlob[]
}

/** Reads the media files a package holds, by zip entry name, when the notes name them. */
interface PackageMedia {
  /** File name → zip entry name; undefined when the package's map is unreadable. */
  map: Map<string, string> | undefined
  load(zipNames: ReadonlySet<string>): {
    entries: Record<string, Uint8Array>
    tooLarge: Set<string>
  }
}

function refuse(message: string): ApkgResult {
  return { ok: false, issues: [{ message }] }
}

const SOUND = /\[sound:([^\]]*)\]/g

/**
 * Imports an Anki package. Notes of Basic, Basic (and reversed card), Basic (optional reversed
 * card), Basic (type in the answer) and Cloze become flashcards (reversible where Anki makes the
 * reverse card), typed cards and cloze cards; other note types become flashcards whose front is
 * the fields their first template's front shows and whose back the fields its back adds;
 * image-occlusion notes are reported as not supported. Fields are HTML read as plain text; sounds
 * (`[sound:…]`) are dropped and listed. Note GUIDs become card ids (`idFromGuid`), so importing an
 * updated package updates the deck; tags (`a::b` too) are kept. Refuses, with nothing read, a
 * package over `MAX_PACKAGE_BYTES`, one that is not a zip or is cut short, one whose collection
 * claims more than `MAX_COLLECTION_BYTES`, a collection that is not an Anki SQLite database, and
 * one with no notes.
 */
export async function importApkg(
  bytes: Uint8Array,
  options: ApkgImportOptions,
): Promise<ApkgResult> {
  const maxBytes = options.maxBytes ?? MAX_PACKAGE_BYTES
  if (bytes.length > maxBytes)
    return refuse(
      `the package is ${(bytes.length / MB).toFixed(1)} MB; Intercept imports Anki packages of at most ${(maxBytes / MB).toFixed(0)} MB`,
    )
  if (!looksLikeZip(bytes))
    return refuse(
      'this is not an Anki package: an .apkg file is a zip archive, and this file is not one',
    )
  let files: Record<string, Uint8Array>
  let tooLarge: UnzipFileInfo | undefined
  const names: string[] = []
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name)
        const wanted =
          (COLLECTIONS as readonly string[]).includes(file.name) ||
          file.name === 'media' ||
          file.name === 'meta'
        if (wanted && file.originalSize > MAX_COLLECTION_BYTES) tooLarge = file
        return wanted && file.originalSize <= MAX_COLLECTION_BYTES
      },
    })
  } catch {
    return refuse(
      `the package cannot be opened as a zip: it may be cut short or damaged; export it from Anki again`,
    )
  }
  if (tooLarge)
    return refuse(
      `the package's ${tooLarge.name} claims to unpack to ${(tooLarge.originalSize / MB).toFixed(0)} MB; Intercept reads at most ${MAX_COLLECTION_BYTES / MB} MB`,
    )
  const name = COLLECTIONS.find((n) => files[n])
  if (!name)
    return refuse(
      'this zip holds no Anki collection (collection.anki21b, collection.anki21 or collection.anki2): is it an Anki package?',
    )
  let collection = files[name]!
  if (name === 'collection.anki21b') {
    try {
      collection = decompress(collection)
    } catch {
      return refuse(
        `the package's collection cannot be unpacked: the file is damaged; export it from Anki again`,
      )
    }
    if (collection.length > MAX_COLLECTION_BYTES)
      return refuse(`the package's collection unpacks to more than ${MAX_COLLECTION_BYTES / MB} MB`)
  }

  const media: PackageMedia = {
    map: readMediaMap(files.media),
    load(zipNames) {
      const tooLarge = new Set<string>()
      if (!zipNames.size) return { entries: {}, tooLarge }
      try {
        const entries = unzipSync(bytes, {
          filter: (file) => {
            if (!zipNames.has(file.name)) return false
            // zstd-compressed files are checked again once unpacked
            if (file.originalSize > MAX_PICTURE_BYTES + 1024) tooLarge.add(file.name)
            return !tooLarge.has(file.name)
          },
        })
        return { entries, tooLarge }
      } catch {
        return { entries: {}, tooLarge }
      }
    },
  }

  const SQL = await options.loadSql()
  let db: Database | undefined
  try {
    db = new SQL.Database(collection)
    return readCollection(db, options, media)
  } catch {
    return refuse(
      `the package's collection is not an Anki database Intercept can read: export it from Anki again`,
    )
  } finally {
    db?.close()
  }
}

const IMG = /<img\b[^>]*>/gi
const IMG_SRC = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i
const AV = /<(?:video|audio)\b/gi
/** Shown when a side of a card is only pictures: the card's text may not be empty. */
export const PICTURE_ONLY_TEXT = '(picture)'

/** The pictures of the package that the notes name, read once before the notes become cards. */
function notePictures(
  notes: readonly { flds: string }[],
  media: PackageMedia,
): PackagePictures & { videos: number } {
  const wanted = new Map<string, string>()
  let videos = 0
  for (const note of notes) {
    const flds = String(note.flds ?? '')
    if (!flds.includes('<')) continue
    videos += flds.match(AV)?.length ?? 0
    for (const tag of flds.match(IMG) ?? []) {
      const m = IMG_SRC.exec(tag)
      const src = decodeEntities(m?.[1] ?? m?.[2] ?? m?.[3] ?? '').trim()
      const name = src && !isRemoteSrc(src) && media.map ? mediaName(src, media.map) : undefined
      if (name) wanted.set(name, media.map!.get(name)!)
    }
  }
  const { entries, tooLarge } = media.load(new Set(wanted.values()))
  const read = readPackagePictures(wanted, entries)
  for (const [name, zipName] of wanted)
    if (tooLarge.has(zipName)) {
      const at = read.refused.findIndex(([n]) => n === name)
      if (at !== -1)
        read.refused[at] = [name, `is larger than ${MAX_PICTURE_BYTES / 1024 / 1024} MB`]
    }
  return { ...read, videos }
}

const listed = (names: readonly string[]) =>
  `${names.slice(0, 20).join(', ')}${names.length > 20 ? ` and ${count(names.length - 20)} more` : ''}`

function readCollection(db: Database, options: ImportOptions, media: PackageMedia): ApkgResult {
  if (!hasTable(db, 'notes') || !hasTable(db, 'col'))
    return refuse('the package holds an SQLite database that is not an Anki collection')
  const types = hasTable(db, 'notetypes')
    ? (forgetUnicase(db), noteTypes18(db))
    : noteTypesLegacy(db)
  const notes = rows<{ id: number; guid: string; mid: number; tags: string; flds: string }>(
    db,
    'select id, guid, mid, tags, flds from notes order by id',
  )
  if (!notes.length) return refuse('the package holds no notes')
  if (notes.length > MAX_IMPORT_CARDS) return { ok: false, issues: [tooManyCardsIssue('notes')] }

  const warnings: ImportIssue[] = []
  const allocate = createIdAllocator()
  const cards: Card[] = []
  const sounds = new Set<string>()
  const plans = new Map<number, ReturnType<typeof planFor>>()
  const noteCards = new Map<number, Card>()
  const perType = new Map<number, number>()
  let skippedOcclusion = 0
  let skippedEmpty = 0

  const packagePictures = notePictures(notes, media)
  const byId = new Map([...packagePictures.byName.values()].map((p) => [p.id, p]))
  const refusedNames = new Set(packagePictures.refused.map(([name]) => name))
  const used = new Map<string, PictureBlob>()
  const remote = new Set<string>()
  const missing = new Set<string>()
  let overflow = 0
  let longFormatting = 0

  interface FieldRead {
    text: string
    nodes: RichNode[]
    pictures: CardPicture[]
  }
  const EMPTY: FieldRead = { text: '', nodes: [], pictures: [] }
  const read = (html: string | undefined): FieldRead => {
    if (!html) return EMPTY
    const withoutSound = html.replace(SOUND, (_m, file: string) => {
      sounds.add(file)
      return ' '
    })
    const text = plainText(htmlToText(withoutSound).text).trim()
    if (!withoutSound.includes('<')) return { text, nodes: [], pictures: [] }
    const rich = htmlToRich(withoutSound)
    const found: CardPicture[] = []
    for (const image of rich.images) {
      if (isRemoteSrc(image.src)) {
        remote.add(image.src)
        continue
      }
      const name = media.map ? mediaName(image.src, media.map) : undefined
      const picture = name ? packagePictures.byName.get(name) : undefined
      if (!picture) {
        if (!name || !refusedNames.has(name)) missing.add(image.src)
        continue
      }
      const alt = (image.alt ?? '').trim() || altFromFileName(name!) || 'Picture'
      found.push({ id: picture.id, alt: alt.slice(0, LIMITS.shortText) })
    }
    return { text, nodes: rich.nodes, pictures: found }
  }
  const join = (values: string[]) => values.filter(Boolean).join('\n')
  /** One side of a card from the note's fields: text, formatting (when any) and pictures. */
  const side = (fields: readonly FieldRead[]) => {
    const text = join(fields.map((f) => f.text))
    const withText = fields.filter((f) => f.nodes.length)
    let rich: string | undefined
    if (withText.some((f) => hasFormatting(f.nodes))) {
      rich = serializeRich(
        withText.flatMap((f, i) => (i ? [{ tag: 'br' as const }, ...f.nodes] : f.nodes)),
      )
      if (rich.length > LIMITS.longText * 2) {
        longFormatting++
        rich = undefined
      }
    }
    const pictures: CardPicture[] = []
    for (const picture of fields.flatMap((f) => f.pictures))
      if (!pictures.some((p) => p.id === picture.id)) pictures.push(picture)
    if (pictures.length > 4) overflow += pictures.length - 4
    return { text, rich, pictures: pictures.slice(0, 4) }
  }

  for (const note of notes) {
    const type = types.get(Number(note.mid))
    if (!type) {
      warnings.push({ message: `note ${note.guid} has an unknown note type, so it was left out` })
      continue
    }
    let plan = plans.get(type.id)
    if (!plan) {
      plan = planFor(type)
      plans.set(type.id, plan)
    }
    perType.set(type.id, (perType.get(type.id) ?? 0) + 1)
    const values = String(note.flds ?? '').split('\x1f')
    const field = (name: string) => read(values[type.fields.indexOf(name)])
    const sideOf = (names: readonly string[]) => side(names.map(field))
    // a side that is only pictures still needs text; the pictures carry its meaning
    const textOf = (s: ReturnType<typeof side>) =>
      s.text || (s.pictures.length ? PICTURE_ONLY_TEXT : '')
    /** Pictures and formatting by side, with no empty field. */
    const extras = (
      sides: Partial<Record<'prompt' | 'answer' | 'explanation', ReturnType<typeof side>>>,
      richSides: readonly ('prompt' | 'answer' | 'explanation')[],
    ): Pick<CardInput, 'pictures' | 'rich'> => {
      const pictures: NonNullable<CardInput['pictures']> = {}
      const rich: NonNullable<CardInput['rich']> = {}
      for (const [name, s] of Object.entries(sides) as [
        keyof typeof sides,
        ReturnType<typeof side>,
      ][]) {
        if (s.pictures.length) pictures[name] = s.pictures
        if (s.rich && richSides.includes(name)) rich[name] = s.rich
      }
      return {
        ...(Object.keys(pictures).length ? { pictures } : {}),
        ...(Object.keys(rich).length ? { rich } : {}),
      }
    }
    let raw: CardInput | undefined
    switch (plan.kind) {
      case 'occlusion':
        skippedOcclusion++
        continue
      case 'unusable':
        continue
      case 'cloze': {
        const prompt = sideOf([plan.text])
        const explanation = sideOf(plan.extra)
        raw = {
          id: 'x',
          type: 'cloze',
          // blanks are read from the text: its formatting is not kept (the blanks would split it)
          text: prompt.text,
          ...(textOf(explanation) ? { explanation: textOf(explanation) } : {}),
          ...extras({ prompt, explanation }, ['explanation']),
        }
        break
      }
      case 'typed': {
        const prompt = sideOf(plan.front)
        const answer = sideOf([plan.answer])
        const explanation = sideOf(plan.extra)
        raw = {
          id: 'x',
          type: 'typed',
          prompt: textOf(prompt),
          // a typed answer is text to type: pictures may show with it, never stand for it
          answers: [answer.text],
          ...(textOf(explanation) ? { explanation: textOf(explanation) } : {}),
          ...extras({ prompt, answer, explanation }, ['prompt', 'explanation']),
        }
        break
      }
      case 'basic': {
        const reverse = plan.reverse
        const prompt = sideOf(plan.front)
        const answer = sideOf(plan.back)
        raw = {
          id: 'x',
          type: 'basic',
          front: textOf(prompt),
          back: textOf(answer),
          reversible:
            reverse === 'always' || (reverse !== 'no' && field(reverse.field).text !== ''),
          ...extras({ prompt, answer }, ['prompt', 'answer']),
        }
        break
      }
    }
    const tags = String(note.tags ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((t) => t.slice(0, 40))
    const parsed = parseCard({ ...raw, ...(tags.length ? { tags: [...new Set(tags)] } : {}) })
    if (!parsed.ok) {
      if (parsed.issues.some((i) => i.message === 'must not be empty')) skippedEmpty++
      else
        warnings.push(
          ...cardIssues(parsed.issues, undefined, (f) => f).map((w) => ({
            ...w,
            message: `note ${note.guid}: ${w.message}`,
          })),
        )
      continue
    }
    const card = { ...parsed.value, id: allocate(idFromGuid(String(note.guid))) }
    for (const picture of cardPictures(card)) {
      const blob = byId.get(picture.id)
      if (blob) used.set(blob.id, blob)
    }
    cards.push(card)
    noteCards.set(Number(note.id), card)
  }

  const noteTypes: NoteTypeReport[] = [...perType].map(([id, notes]) => {
    const type = types.get(id)!
    const plan = plans.get(id)!
    return { name: type.name, notes, kind: plan.label, how: describePlan(plan) }
  })
  if (skippedOcclusion)
    warnings.push({
      message: `${plural(skippedOcclusion, 'image-occlusion note')} ${agree(skippedOcclusion, 'was', 'were')} left out: Intercept does not support image occlusion`,
    })
  for (const report of noteTypes)
    if (report.kind === 'unusable')
      warnings.push({
        message: `${plural(report.notes, 'note')} of type "${report.name}" ${agree(report.notes, 'was', 'were')} left out: ${report.how}`,
      })
  if (skippedEmpty)
    warnings.push({
      message: `${plural(skippedEmpty, 'note')} with an empty side (once sounds were taken out) ${agree(skippedEmpty, 'was', 'were')} left out`,
    })
  if (sounds.size)
    warnings.push({
      message: `${plural(sounds.size, 'sound')} ${agree(sounds.size, 'was', 'were')} dropped (Intercept cards hold no audio): ${[...sounds].slice(0, 20).join(', ')}${sounds.size > 20 ? ` and ${count(sounds.size - 20)} more` : ''}`,
    })
  if (packagePictures.videos)
    warnings.push({
      message: `${plural(packagePictures.videos, 'video or audio player', 'videos or audio players')} in the notes ${agree(packagePictures.videos, 'was', 'were')} left out`,
    })
  if (remote.size)
    warnings.push({
      message: `${plural(remote.size, 'picture')} on the web ${agree(remote.size, 'was', 'were')} not loaded (Intercept shows only pictures inside the package): ${listed([...remote])}`,
    })
  if (missing.size)
    warnings.push({
      message: `${plural(missing.size, 'picture')} named in the notes ${agree(missing.size, 'is', 'are')} not in the package: ${listed([...missing])}`,
    })
  for (const [name, why] of packagePictures.refused.slice(0, 20))
    warnings.push({ message: `the picture ${name} was left out: it ${why}` })
  if (packagePictures.refused.length > 20)
    warnings.push({
      message: `${count(packagePictures.refused.length - 20)} more pictures were left out`,
    })
  if (overflow)
    warnings.push({
      message: `${plural(overflow, 'picture')} beyond 4 on one side of a card ${agree(overflow, 'was', 'were')} left out`,
    })
  if (longFormatting)
    warnings.push({
      message: `the formatting of ${plural(longFormatting, 'side')} was too long to keep: ${agree(longFormatting, 'it shows', 'they show')} as plain text`,
    })
  if (!cards.length)
    return {
      ok: false,
      issues: [{ message: 'no note in this package could become a card' }, ...warnings],
      noteTypes,
    }
  const { id, title } = deckIdentity(options, deckName(db), 'Imported from Anki')
  const result = finishDeck({ id, title, cards }, warnings)
  const history = readHistory(db, noteCards)
  return {
    ...result,
    noteTypes,
    ...(history.length ? { history } : {}),
    ...(result.ok && used.size ? { pictures: [...used.values()] } : {}),
  }
}

/** The study item of an Intercept card that Anki's card `ord` of the note became, if any. */
function variantOf(card: Card, ord: number): ItemVariant | undefined {
  if (card.type === 'cloze') {
    const indexes = clozeIndexes(card.text)
    const n = ord + 1
    if (!indexes.includes(n)) return undefined
    return n === indexes[0] ? 'forward' : `c${n}`
  }
  if (ord === 0) return 'forward'
  return ord === 1 && card.type === 'basic' && card.reversible ? 'reverse' : undefined
}

/**
 * The package's answers (revlog) on the cards imported: learning, review, relearning and cram
 * answers with a button (1–4); Anki's manual reschedules (no button) are not answers.
 */
function readHistory(db: Database, noteCards: ReadonlyMap<number, Card>): AnkiReview[] {
  if (!hasTable(db, 'revlog') || !noteCards.size) return []
  const cards = new Map<number, { nid: number; ord: number }>()
  for (const row of rows<{ id: number; nid: number; ord: number }>(
    db,
    'select id, nid, ord from cards',
  ))
    cards.set(Number(row.id), { nid: Number(row.nid), ord: Number(row.ord) })
  const out: AnkiReview[] = []
  for (const row of rows<{ id: number; cid: number; ease: number; time: number; type: number }>(
    db,
    'select id, cid, ease, time, type from revlog order by id',
  )) {
    const ease = Number(row.ease)
    if (ease < 1 || ease > 4 || Number(row.type) > 3) continue
    const ankiCard = cards.get(Number(row.cid))
    const card = ankiCard && noteCards.get(ankiCard.nid)
    const variant = card && variantOf(card, ankiCard.ord)
    if (!card || !variant) continue
    out.push({
      cardId: card.id,
      variant,
      at: Number(row.id),
      ease: ease as AnkiReview['ease'],
      durationMs: Math.min(Math.max(0, Number(row.time) || 0), 60 * 60 * 1000),
    })
  }
  return out
}

function describePlan(plan: ReturnType<typeof planFor>): string {
  switch (plan.kind) {
    case 'occlusion':
      return 'not supported'
    case 'unusable':
      return plan.why
    case 'cloze':
      return `cloze cards from ${plan.text}${plan.extra.length ? `, explanation from ${plan.extra.join(', ')}` : ''}`
    case 'typed':
      return `typed cards: prompt from ${plan.front.join(', ')}, answer from ${plan.answer}`
    case 'basic':
      return `flashcards: front from ${plan.front.join(', ')}; back from ${plan.back.join(', ')}${plan.reverse === 'always' ? '; both directions' : plan.reverse !== 'no' ? `; both directions when ${plan.reverse.field} is filled in` : ''}`
  }
}

/** The name of the deck most cards are in ("Parent::Child" shown as "Parent › Child"). */
function deckName(db: Database): string | undefined {
  const [top] = rows<{ did: number }>(
    db,
    'select did from cards group by did order by count(*) desc limit 1',
  )
  if (!top) return undefined
  let name: string | undefined
  if (hasTable(db, 'decks'))
    name = rows<{ name: string }>(db, `select name from decks where id = ${Number(top.did)}`)[0]
      ?.name
  else {
    const [row] = rows<{ decks: string }>(db, 'select decks from col')
    try {
      const decks = JSON.parse(row?.decks ?? '{}') as Record<string, { name?: string }>
      name = decks[String(top.did)]?.name
    } catch {
      name = undefined
    }
  }
  if (!name || name === 'Default') return undefined
  // schema 18 separates deck levels with \x1f, older ones with "::"
  return name.replace(/\x1f|::/g, ' › ').slice(0, LIMITS.shortText)
}
