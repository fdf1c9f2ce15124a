// Anki's text format: "Notes in Plain Text" exports and CSV files made for Anki's importer.
// The header rules follow Anki's own reader (rslib/src/import_export/text/csv): `#key:value` lines
// at the top (the first line may be the old `tags:` form), `#` lines in the body are comments,
// fields use CSV quoting, and a file without `#html:` is HTML when one of its first five
// notes contains a tag.
import { createIdAllocator, stableHash } from '../ids'
import {
  cardIssues,
  finishImport,
  hasCloze,
  isId,
  LIMITS,
  MAX_IMPORT_CHARS,
  normalizeText,
  parseCard,
  agree,
  plural,
  sizeIssue,
  tooManyCardsIssue,
  type Card,
  type CardInput,
  type ImportIssue,
  type ImportOptions,
  type ImportResult,
  plainText,
} from './common'
import {
  guessSeparator,
  isUsableSeparator,
  parseDelimited,
  SEPARATOR_NAMES,
  separatorLabel,
} from './delimited'
import { htmlToText, looksLikeHtml } from './html'

/** Options for `importAnki`. */
export interface AnkiImportOptions extends ImportOptions {
  /** Treat fields as HTML (Anki's "Allow HTML in fields"); wins over the file's `#html:` header. */
  html?: boolean
  /** The field separator (one character) chosen by the user; wins over the `#separator:` header. */
  separator?: string
}

/**
 * The field separator Anki uses on this text: the user's choice, else the `#separator:` header
 * (`fromHeader`), else guessed from the notes as Anki guesses (Tab, Semicolon, Comma, Pipe).
 * Reads the header with the same reader as `importAnki`, so the two never disagree.
 * @example ankiSeparator('#separator:Pipe\na|b').separator // '|'
 */
export function ankiSeparator(
  input: string,
  options: Pick<AnkiImportOptions, 'separator'> = {},
): { separator: string; fromHeader: boolean } {
  if (options.separator) return { separator: options.separator, fromHeader: false }
  const text = normalizeText(input.slice(0, MAX_IMPORT_CHARS))
  const { header, bodyStart } = readHeader(text, [])
  if (header.separator) return { separator: header.separator, fromHeader: true }
  return {
    separator: guessedSeparator(text.slice(bodyStart, bodyStart + 64 * 1024)),
    fromHeader: false,
  }
}

function guessedSeparator(body: string): string {
  return guessSeparator(body, ['\t', ';', ',', '|'], true) ?? '\t'
}

/** Anki note type names Intercept writes, and recognises when reading. */
export const ANKI_NOTETYPES = {
  basic: 'Basic',
  reversed: 'Basic (and reversed card)',
  cloze: 'Cloze',
} as const

interface AnkiHeader {
  separator?: string
  html?: boolean
  tags: string[]
  columns?: string
  deck?: string
  notetype?: string
  guidColumn?: number
  tagsColumn?: number
  deckColumn?: number
  notetypeColumn?: number
}

const COLUMN_KEYS = {
  'guid column': 'guidColumn',
  'tags column': 'tagsColumn',
  'deck column': 'deckColumn',
  'notetype column': 'notetypeColumn',
} as const

type NoteKind = 'basic' | 'reversed' | 'optional-reversed' | 'typed' | 'cloze'

// An escaped GUID: "g." then letters, digits, "-" and `_XX` escapes, with at least one escape.
const ESCAPED = /^g\.(?:[A-Za-z0-9-]|_[0-9A-F]{2})+$/

function looksEscaped(id: string): boolean {
  return ESCAPED.test(id) && id.includes('_')
}

/**
 * The card id for an Anki note GUID. A GUID that is already a valid id is kept as it is; any
 * other (Anki's own use punctuation such as `Ot0!8Yh/&L`) becomes "g." plus the GUID with each
 * other character written as `_XX` (its hex code), which `guidFromId` reverses, so exporting
 * the deck back to Anki updates the same notes. A GUID too long for that, or with characters
 * beyond Latin-1, gets a stable hash instead.
 * @example idFromGuid('Ot0!8Yh/&L') // 'g.Ot0_218Yh_2F_26L'
 */
export function idFromGuid(guid: string): string {
  if (isId(guid) && !looksEscaped(guid)) return guid
  let escaped = 'g.'
  for (const ch of guid) {
    if (/^[A-Za-z0-9-]$/.test(ch)) escaped += ch
    else {
      const code = ch.codePointAt(0)!
      if (code > 0xff) return `g-${stableHash(guid)}`
      escaped += `_${code.toString(16).toUpperCase().padStart(2, '0')}`
    }
  }
  return escaped.length <= LIMITS.idLength ? escaped : `g-${stableHash(guid)}`
}

/** The Anki GUID for a card id: the inverse of `idFromGuid`; other ids are used as they are. */
export function guidFromId(id: string): string {
  if (!looksEscaped(id)) return id
  return id
    .slice(2)
    .replace(/_([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}

function splitTags(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

function separatorFrom(value: string): string | undefined {
  const name = value.trim().toLowerCase()
  if (Object.hasOwn(SEPARATOR_NAMES, name))
    return SEPARATOR_NAMES[name as keyof typeof SEPARATOR_NAMES]
  // Anki also takes the character itself; "#separator: " (a space) must not be trimmed away
  const literal = value.length === 1 ? value : value.trim()
  return literal.length === 1 && isUsableSeparator(literal) ? literal : undefined
}

/** Reads the `#key:value` lines at the top; returns where the notes begin. */
function readHeader(
  text: string,
  warnings: ImportIssue[],
): { header: AnkiHeader; bodyStart: number; bodyLine: number } {
  const header: AnkiHeader = { tags: [] }
  let pos = 0
  let line = 1
  const nextLine = (): string => {
    const end = text.indexOf('\n', pos)
    const content = text.slice(pos, end === -1 ? text.length : end)
    pos = end === -1 ? text.length : end + 1
    line++
    return content
  }
  if (text.startsWith('tags:')) header.tags = splitTags(nextLine().slice(5))
  while (pos < text.length && text[pos] === '#') {
    const at = line
    const content = nextLine().slice(1)
    const colon = content.indexOf(':')
    if (colon === -1) continue // a comment
    const key = content.slice(0, colon).trim().toLowerCase()
    const value = content.slice(colon + 1)
    const shown = `"#${content.slice(0, 60)}"`
    switch (key) {
      case 'separator': {
        const separator = separatorFrom(value)
        if (separator) header.separator = separator
        else
          warnings.push({
            line: at,
            message: `${shown} is not a separator Anki knows (Tab, Comma, Semicolon, Space, Pipe or Colon), so the separator was guessed from the notes`,
          })
        break
      }
      case 'html': {
        const flag = value.trim().toLowerCase()
        if (flag === 'true' || flag === 'false') header.html = flag === 'true'
        else
          warnings.push({
            line: at,
            message: `${shown} should say true or false, so whether the fields are HTML was guessed from the notes`,
          })
        break
      }
      case 'tags':
        header.tags = splitTags(value)
        break
      case 'columns':
        header.columns = value
        break
      case 'deck':
        header.deck = value.trim()
        break
      case 'notetype':
        header.notetype = value.trim()
        break
      default: {
        if (!Object.hasOwn(COLUMN_KEYS, key)) break // any other "#…:…" line is a comment to Anki too
        const field = COLUMN_KEYS[key as keyof typeof COLUMN_KEYS]
        const n = /^\s*(\d{1,4})\s*$/.exec(value)
        if (n && Number(n[1]) >= 1) header[field] = Number(n[1])
        else
          warnings.push({
            line: at,
            message: `${shown} should give a column number (1, 2, 3…), so it was ignored`,
          })
      }
    }
  }
  return { header, bodyStart: pos, bodyLine: line }
}

// Anki's note type ids are long numbers; without Anki's collection they name nothing we know.
function typeName(value: string | undefined): string | undefined {
  const name = value?.trim()
  return name && !/^\d+$/.test(name) ? name : undefined
}

function noteKind(name: string | undefined, first: string): NoteKind {
  const lower = name?.toLowerCase() ?? ''
  if (lower.includes('cloze')) return 'cloze'
  if (!name && hasCloze(first)) return 'cloze'
  if (lower.includes('type in')) return 'typed'
  if (lower.includes('optional reverse')) return 'optional-reversed'
  if (lower.includes('reverse')) return 'reversed'
  return 'basic'
}

const FIELD_LABELS: Record<string, string> = {
  front: 'Front',
  back: 'Back',
  prompt: 'Front',
  'answers[0]': 'Back',
  text: 'Text',
  explanation: 'Back Extra',
  id: 'GUID',
}

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? (field.startsWith('tags') ? 'a tag' : field)
}

// "BMD::Europe" and "BMD::Gulf" → "BMD": the title for notes from several decks of one parent.
function commonParent(names: readonly string[]): string | undefined {
  const [first, ...rest] = names.map((name) => name.split('::'))
  if (!first) return undefined
  let depth = 0
  while (depth < first.length && rest.every((parts) => parts[depth] === first[depth])) depth++
  return depth ? first.slice(0, depth).join('::') : undefined
}

const SOUND = /\[sound:[^[\]]*\]/g

/** The fields of the Anki note types Intercept reads. */
type AnkiField = 'Front' | 'Back' | 'Text' | 'Back Extra' | 'Add Reverse'

type NoteCard = { ok: true; card: CardInput } | { ok: false; message: string; field?: AnkiField }

/**
 * The card a note becomes, or why it cannot become one. `get` reads a field as plain text;
 * `present` is how many fields the note has when they are read by position.
 */
function noteCard(
  kind: NoteKind,
  get: (name: AnkiField) => string,
  present: number | undefined,
  tags: string[],
): NoteCard {
  const fail = (message: string, field?: AnkiField): NoteCard => ({
    ok: false,
    message,
    ...(field ? { field } : {}),
  })
  if (kind === 'cloze') {
    const text = get('Text')
    if (!text) return fail('the Text is empty', 'Text')
    if (!hasCloze(text)) return fail('the Text has no cloze blank such as {{c1::answer}}', 'Text')
    const extra = get('Back Extra')
    return {
      ok: true,
      card: { id: '', type: 'cloze', text, ...(extra ? { explanation: extra } : {}), tags },
    }
  }
  if (present !== undefined && present < 2)
    return fail(`the note has ${plural(present, 'field')} but the Front and Back columns need 2`)
  const front = get('Front')
  if (!front) return fail('the Front is empty', 'Front')
  const back = get('Back')
  if (!back) return fail('the Back is empty', 'Back')
  // a typed answer longer than an answer may be is still worth a card: show it instead
  if (kind === 'typed' && back.length <= LIMITS.shortText)
    return { ok: true, card: { id: '', type: 'typed', prompt: front, answers: [back], tags } }
  const reversible =
    kind === 'reversed' || (kind === 'optional-reversed' && get('Add Reverse') !== '')
  return {
    ok: true,
    card: { id: '', type: 'basic', front, back, ...(reversible ? { reversible } : {}), tags },
  }
}

// Anki's rule: the option, else the header, else HTML when one of the first five notes has a tag.
function htmlSetting(
  options: AnkiImportOptions,
  header: AnkiHeader,
  rows: readonly { fields: string[] }[],
): boolean {
  return (
    options.html ?? header.html ?? rows.slice(0, 5).some((row) => row.fields.some(looksLikeHtml))
  )
}

/**
 * Whether `importAnki(input, options)` reads the fields as HTML: `options.html`, else the
 * `#html:` header, else whether one of the first five notes contains a tag. Reads only the
 * header and those notes, so the import page can show the setting that was used.
 * @example ankiUsesHtml('#html:true\nfront\tback') // true
 */
export function ankiUsesHtml(input: string, options: AnkiImportOptions = {}): boolean {
  if (options.html !== undefined) return options.html
  const text = normalizeText(input.slice(0, MAX_IMPORT_CHARS))
  const { header, bodyStart, bodyLine } = readHeader(text, [])
  if (header.html !== undefined) return header.html
  const body = text.slice(bodyStart)
  const separator = options.separator || (header.separator ?? guessedSeparator(body))
  const parsed = parseDelimited(body, {
    separator,
    comments: true,
    firstLine: bodyLine,
    maxRows: 5,
  })
  return parsed.ok && htmlSetting(options, header, parsed.rows)
}

/**
 * Imports Anki's plain-text notes (an Anki "Notes in Plain Text" export, or a CSV/TSV file
 * written for Anki's importer) as a deck.
 *
 * - Headers: `#separator:`, `#html:`, `#tags:`, `#columns:`, `#deck:`, `#notetype:` and the
 *   `#guid|tags|deck|notetype column:N` headers; without `#separator:` the separator is guessed
 *   (Tab, Semicolon, Comma, Pipe), without `#html:` the fields are HTML when one of the first five
 *   notes contains a tag (Anki's rule). `options.html` overrides both.
 * - Notes: Cloze (or any note whose first field has `{{c1::…}}` when no note type is given) → a
 *   cloze card, with Back Extra as its explanation; Basic (and reversed card) → a reversible basic
 *   card; Basic (optional reversed card) → reversible when Add Reverse is filled; Basic (type in
 *   the answer) → a typed card; anything else → a basic card from the first two fields.
 * - HTML becomes plain text (see `htmlToText`); pictures and sounds are left out with a warning.
 * - Ids: from the GUID column (see `idFromGuid`), else a stable hash of the first field, so
 *   importing the same file again gives the same ids.
 * - A note that cannot become a card is left out with a warning at its line; the import fails only
 *   when the text cannot be read (an unclosed quote, too big) or no note is usable.
 */
export function importAnki(input: string, options: AnkiImportOptions = {}): ImportResult {
  const tooBig = sizeIssue(input)
  if (tooBig) return { ok: false, issues: [tooBig] }
  const text = normalizeText(input)
  const warnings: ImportIssue[] = []
  const { header, bodyStart, bodyLine } = readHeader(text, warnings)
  const body = text.slice(bodyStart)
  const separator = options.separator || (header.separator ?? guessedSeparator(body))
  const parsed = parseDelimited(body, {
    separator,
    comments: true,
    firstLine: bodyLine,
    maxRows: LIMITS.cardsPerDeck,
  })
  if (!parsed.ok) return { ok: false, issues: [parsed.issue] }
  if (parsed.overflow) return { ok: false, issues: [tooManyCardsIssue('notes')] }
  const rows = parsed.rows
  if (!rows.length)
    return {
      ok: false,
      issues: [
        {
          message:
            'there are no notes in this text: after the # header lines, write one note per line with its fields separated by ' +
            separatorLabel(separator),
        },
      ],
    }

  const html = htmlSetting(options, header, rows)
  const labelRow =
    header.columns === undefined ? undefined : parseDelimited(header.columns, { separator })
  const labels = labelRow?.ok
    ? (labelRow.rows[0]?.fields ?? []).map((label) => label.trim().toLowerCase())
    : []
  const tagsColumn = header.tagsColumn ?? (labels.indexOf('tags') + 1 || undefined)
  const metaColumns = [
    header.guidColumn,
    header.notetypeColumn,
    header.deckColumn,
    tagsColumn,
  ].filter((c): c is number => c !== undefined)
  const meta = new Set(metaColumns)
  if (meta.size < metaColumns.length)
    warnings.push({
      message:
        'two of the #… column headers name the same column; check the #guid, #tags, #deck and #notetype column lines',
    })
  // with one note type for the whole file, #columns may name the fields (Anki maps them by name)
  const named = (...names: string[]): number | undefined => {
    if (header.notetypeColumn !== undefined) return undefined
    const index = labels.findIndex((label, i) => !meta.has(i + 1) && names.includes(label))
    return index === -1 ? undefined : index + 1
  }
  const columns = {
    front: named('front', 'question', 'term'),
    back: named('back', 'answer', 'definition'),
    text: named('text'),
    extra: named('back extra', 'extra'),
    reverse: named('add reverse'),
  }
  // where each Anki field is read from: its named column, else its position among the regular columns
  const positions: Record<AnkiField, [number | undefined, number]> = {
    Front: [columns.front, 0],
    Back: [columns.back, 1],
    Text: [columns.text, 0],
    'Back Extra': [columns.extra, 1],
    'Add Reverse': [columns.reverse, 2],
  }

  let media = 0
  const fieldText = (raw: string | undefined): string => {
    if (raw === undefined) return ''
    let value = raw.includes('[sound:')
      ? raw.replace(SOUND, () => {
          media++
          return ''
        })
      : raw
    if (html) {
      const converted = htmlToText(value)
      media += converted.media
      value = converted.text
    }
    return plainText(value).trim()
  }
  let longTags = 0
  // Anki tags hold no spaces
  const tagOf = (raw: string): string | undefined => {
    let tag = plainText(raw).trim().replace(/\s+/g, '_')
    if (tag.length > 40) {
      longTags++
      tag = tag.slice(0, 40).trim()
    }
    return tag || undefined
  }

  const allocate = createIdAllocator()
  const guidLines = new Map<string, number>()
  const cards: Card[] = []
  const lines: number[] = []
  const deckNames: (string | undefined)[] = []
  let extraFields: { count: number; line: number } | undefined

  for (const row of rows) {
    const cell = (column: number | undefined) =>
      column === undefined ? undefined : row.fields[column - 1]
    const regular = meta.size ? row.fields.filter((_f, i) => !meta.has(i + 1)) : row.fields
    const firstColumn = columns.text ?? columns.front
    const kind = noteKind(
      typeName(cell(header.notetypeColumn) ?? header.notetype),
      (firstColumn === undefined ? regular[0] : cell(firstColumn)) ?? '',
    )
    const used = kind === 'optional-reversed' ? 3 : 2
    if (regular.slice(used).some((field) => field.trim()))
      extraFields = { count: (extraFields?.count ?? 0) + 1, line: extraFields?.line ?? row.line }

    const guid = cell(header.guidColumn)?.trim()
    if (guid) {
      const first = guidLines.get(guid)
      if (first !== undefined) {
        warnings.push({
          line: row.line,
          field: 'GUID',
          message: `this note has the same GUID as the note on line ${first}, so it was left out`,
        })
        continue
      }
      guidLines.set(guid, row.line)
    }
    const tags = [
      ...new Set([...splitTags(cell(tagsColumn) ?? ''), ...header.tags].map(tagOf)),
    ].filter((t): t is string => t !== undefined)
    const get = (name: AnkiField) => {
      const [column, index] = positions[name]
      return fieldText(column === undefined ? regular[index] : cell(column))
    }
    const present =
      columns.front === undefined && columns.back === undefined ? regular.length : undefined
    const made = noteCard(kind, get, present, tags)
    if (!made.ok) {
      warnings.push({
        line: row.line,
        ...(made.field ? { field: made.field } : {}),
        message: `${made.message}, so this note was left out`,
      })
      continue
    }
    // validated before it takes an id, so a rejected note leaves the ids of the others as they were
    const parsedCard = parseCard({ ...made.card, id: 'x' })
    if (!parsedCard.ok) {
      warnings.push(...cardIssues(parsedCard.issues, row.line, fieldLabel))
      continue
    }
    const firstField = regular[0] ?? ''
    const id = allocate(guid ? idFromGuid(guid) : `anki-${stableHash(firstField.trim())}`)
    cards.push({ ...parsedCard.value, id })
    lines.push(row.line)
    deckNames.push(cell(header.deckColumn)?.trim() || undefined)
  }

  // one deck per import: when the notes come from several Anki decks, each card is tagged with its deck
  const decks = new Set(deckNames.filter(Boolean))
  if (decks.size > 1)
    cards.forEach((card, i) => {
      const name = deckNames[i]
      const tag = name === undefined ? undefined : tagOf(name)
      if (tag && !card.tags.includes(tag)) card.tags.push(tag)
    })
  if (extraFields)
    warnings.push({
      line: extraFields.line,
      message: `${plural(extraFields.count, 'note')} had more fields than a card uses (the first from this line); the extra fields were left out`,
    })
  if (media)
    warnings.push({
      message: `${plural(media, 'picture or sound', 'pictures or sounds')} left out: Intercept cards hold text only`,
    })
  if (longTags)
    warnings.push({
      message: `${plural(longTags, 'tag')} longer than 40 characters ${agree(longTags, 'was', 'were')} shortened`,
    })
  const deckTitle = [header.deck, commonParent([...decks] as string[])].find(
    (name) => name && !/^\d+$/.test(name),
  )
  return finishImport({ cards, warnings, lines }, options, {
    fromFile: deckTitle,
    fallbackTitle: 'Imported from Anki',
    none: 'none of the notes could become a card',
  })
}
