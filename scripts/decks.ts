// npm run decks -- check [files…] | dump | schema | import <file>… | export <deck.json> | quiz <deck.json>…
// check: validate deck files (default: every deck in decks/) and their content rules (core/deckLint);
//   exit 1 with located errors.
// dump: print every deck in decks/ as normalized JSON, the shape the app loads.
// schema: regenerate decks/deck.schema.json from the TypeScript schema.
// import <file>… [--format auto|apkg|anki-text|quizlet|gift|aiken|deck|deck-zip] [--pictures <dir>]:
//   read files with the app's importers; print the decks as normalized JSON (as dump does; cards
//   name their pictures by SHA-256 with alt text), warnings on stderr; with --pictures, write each
//   picture's bytes as <dir>/<sha256>.<ext> (only when every file imported); exit 1 with every
//   problem located when a file cannot be imported.
// export <deck.json> --format gift|aiken|qti|anki-text|deck: write the export to stdout (QTI is
//   a zip); what the format cannot hold is listed on stderr first (pictures included: a deck file
//   names its pictures but does not carry them).
// quiz <deck.json>… [--code <quiz code or link>] [--count n] [--forms single,typed,…]
//   [--minutes m | --seconds s] [--mode exam|practice] [--seed s] [--format qti|gift|aiken]:
//   generate a quiz from the decks (as the app does from a quiz code or its settings) and write
//   it to stdout, as QTI 1.2 (a zip) unless --format says otherwise; what the format cannot hold
//   is listed on stderr first.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { formatIssue, normalizeDeck, parseDeckText, type Deck } from '../src/core/deck'
import { deckJsonSchema } from '../src/core/jsonSchema'
import { lintDeck } from '../src/core/deckLint'
import { countryByCode } from '../src/core/countries'
import { answersOffMap } from '../src/components/map/mapGeometry'
import { formatImportIssue } from '../src/core/importers'
import { FORMAT_FLAGS, importBytes } from '../src/core/importers/file'
import { pictureFileName } from '../src/core/deckPackageFormat'
import type { PictureBlob } from '../src/core/pictures'
import { plural } from '../src/core/plural'
import { loadSqlNode } from './sqlNode'
import {
  describeExportPlan,
  EXPORT_FORMATS,
  exportDeckAs,
  type ExportFormat,
} from '../src/core/exportFormats'
import * as v from 'valibot'
import {
  describeQuizExportPlan,
  exportQuizAs,
  QUIZ_EXPORT_FORMATS,
  type QuizExportFormat,
} from '../src/core/exportQuiz'
import { QuizConfigSchema, type QuizConfig } from '../src/core/quiz/config'
import { generateQuiz } from '../src/core/quiz/generate'
import { decodeQuizCode } from '../src/core/quizCode'
import { quizSeed } from '../src/core/random'

const DECKS = join(import.meta.dirname, '..', 'decks')
const SCHEMA = join(DECKS, 'deck.schema.json')

function deckFiles(): string[] {
  return readdirSync(DECKS)
    .filter((f) => f.endsWith('.json') && f !== 'deck.schema.json')
    .sort()
    .map((f) => join(DECKS, f))
}

function load(file: string): { deck?: Deck; errors: string[] } {
  const name = relative(process.cwd(), file)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return {
      errors: [`${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`],
    }
  }
  const result = parseDeckText(text)
  return result.ok
    ? { deck: result.value, errors: [] }
    : { errors: result.issues.map((i) => formatIssue(i, name)) }
}

/** Splits `--format x` (or `--format=x`) out of the arguments. */
function formatOption(list: string[]): { files: string[]; format?: string } {
  const files: string[] = []
  let format: string | undefined
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!
    if (arg === '--format') format = list[++i]
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length)
    else files.push(arg)
  }
  return { files, ...(format !== undefined ? { format } : {}) }
}

async function importFiles(list: string[]): Promise<void> {
  const { files, found } = options(list, ['format', 'pictures'])
  const format = found.format ?? 'auto'
  const pictureDir = found.pictures
  if (pictureDir === '') {
    console.error('--pictures needs a folder to write the pictures into')
    process.exit(2)
  }
  if (!(format in FORMAT_FLAGS)) {
    console.error(`unknown format "${format}": use ${Object.keys(FORMAT_FLAGS).join(', ')}`)
    process.exit(2)
  }
  if (!files.length) {
    console.error('name at least one file to import')
    process.exit(2)
  }
  const chosen = FORMAT_FLAGS[format as keyof typeof FORMAT_FLAGS]
  const decks: Deck[] = []
  const pictures = new Map<string, PictureBlob>()
  let failed = false
  for (const file of files) {
    const name = relative(process.cwd(), file) || file
    let bytes: Uint8Array
    try {
      bytes = new Uint8Array(readFileSync(file))
    } catch (error) {
      console.error(
        `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`,
      )
      failed = true
      continue
    }
    const result = await importBytes(bytes, {
      fileName: basename(file),
      loadSql: loadSqlNode,
      ...(chosen ? { format: chosen } : {}),
    })
    if (!result.ok) {
      failed = true
      for (const issue of result.issues) console.error(`${name}: ${formatImportIssue(issue)}`)
      continue
    }
    for (const issue of result.warnings)
      console.error(`${name}: warning: ${formatImportIssue(issue)}`)
    decks.push(normalizeDeck(result.deck))
    for (const picture of result.pictures ?? []) pictures.set(picture.id, picture)
    if (result.pictures?.length && !pictureDir)
      console.error(
        `${name}: ${plural(result.pictures.length, 'picture')}, named by SHA-256 in the cards' "pictures"; --pictures <dir> writes their bytes`,
      )
  }
  if (failed) process.exit(1)
  if (pictureDir && pictures.size) {
    try {
      mkdirSync(pictureDir, { recursive: true })
      for (const picture of pictures.values())
        writeFileSync(join(pictureDir, pictureFileName(picture)), picture.bytes)
    } catch (error) {
      console.error(
        `${pictureDir}: cannot write the pictures (${(error as NodeJS.ErrnoException).code ?? error})`,
      )
      process.exit(1)
    }
    console.error(`wrote ${plural(pictures.size, 'picture')} to ${pictureDir}`)
  }
  process.stdout.write(JSON.stringify(decks, null, 2) + '\n')
}

function exportFile(list: string[]): void {
  const { files, format } = formatOption(list)
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    console.error(`choose a format: --format ${EXPORT_FORMATS.join('|')}`)
    process.exit(2)
  }
  if (files.length !== 1) {
    console.error('name one deck file to export')
    process.exit(2)
  }
  const { deck, errors } = load(files[0]!)
  if (!deck) {
    for (const e of errors) console.error(e)
    process.exit(1)
  }
  const out = exportDeckAs(deck, format as ExportFormat)
  for (const line of describeExportPlan(out.plan)) console.error(line)
  process.stdout.write(out.data)
}

/** Splits `--name value` (or `--name=value`) options out of the arguments. */
function options(list: string[], names: readonly string[]) {
  const files: string[] = []
  const found: Record<string, string> = {}
  for (let i = 0; i < list.length; i++) {
    const arg = list[i]!
    const name = names.find((n) => arg === `--${n}` || arg.startsWith(`--${n}=`))
    if (name === undefined) files.push(arg)
    else found[name] = arg === `--${name}` ? (list[++i] ?? '') : arg.slice(name.length + 3)
  }
  return { files, found }
}

function quizFile(list: string[]): void {
  const { files, found } = options(list, [
    'code',
    'count',
    'forms',
    'minutes',
    'seconds',
    'mode',
    'seed',
    'format',
  ])
  const format = (found.format ?? 'qti') as QuizExportFormat
  if (!QUIZ_EXPORT_FORMATS.includes(format)) {
    console.error(`unknown format "${format}": use ${QUIZ_EXPORT_FORMATS.join(', ')}`)
    process.exit(2)
  }
  if (!files.length) {
    console.error('name the deck files to draw the quiz from')
    process.exit(2)
  }
  const loaded = files.map(load)
  const problems = loaded.flatMap((l) => l.errors)
  if (problems.length) {
    for (const e of problems) console.error(e)
    process.exit(1)
  }
  const decks = loaded.map((l) => l.deck!)
  let config: QuizConfig
  if (found.code !== undefined) {
    const decoded = decodeQuizCode(found.code)
    if (!decoded.ok) {
      console.error(`--code: ${decoded.error.message}`)
      process.exit(1)
    }
    config = decoded.config
  } else {
    const timing: QuizConfig['timing'] =
      found.minutes !== undefined
        ? { kind: 'total', limitMs: Number(found.minutes) * 60_000 }
        : found.seconds !== undefined
          ? { kind: 'per-question', limitMs: Number(found.seconds) * 1000 }
          : { kind: 'none' }
    const candidate = {
      deckIds: decks.map((d) => d.id),
      tags: [],
      count: found.count !== undefined ? Number(found.count) : 20,
      forms: found.forms?.split(',') ?? ['single', 'typed', 'multi', 'truefalse', 'matching'],
      timing,
      mode: found.mode ?? 'exam',
      seed: found.seed ?? quizSeed(crypto.getRandomValues(new Uint32Array(2))),
    }
    const checked = v.safeParse(QuizConfigSchema, candidate)
    if (!checked.success) {
      for (const issue of checked.issues)
        console.error(
          `${(issue.path ?? []).map((p) => String(p.key)).join('.') || 'settings'}: ${issue.message}`,
        )
      process.exit(2)
    }
    config = checked.output
  }
  const quiz = generateQuiz(config, decks)
  for (const notice of quiz.notices) console.error(notice.message)
  if (!quiz.questions.length) {
    console.error('no questions could be made from these decks and settings')
    process.exit(1)
  }
  const chosen = decks.filter((d) => config.deckIds.includes(d.id))
  const title = chosen.length === 1 ? `Quiz: ${chosen[0]!.title}` : `Quiz on ${chosen.length} decks`
  const out = exportQuizAs(format, title, `quiz-${config.seed}`, quiz.questions, config)
  for (const line of describeQuizExportPlan(out.plan)) console.error(line)
  process.stdout.write(out.data)
}

const [command = 'check', ...args] = process.argv.slice(2)
switch (command) {
  case 'check': {
    const files = args.length ? args : deckFiles()
    let bad = 0
    let cards = 0
    // progress and the app's library are keyed on the deck id: two files with one id would
    // overwrite each other, so the second is an error
    const idFiles = new Map<string, string>()
    for (const file of files) {
      const { deck, errors } = load(file)
      if (deck) {
        const name = relative(process.cwd(), file)
        // content rules: plans worded as plans, years of kind "year", no date that gives an option away
        for (const issue of lintDeck(deck)) errors.push(formatIssue(issue, name))
        // a map card must be answerable by a tap: its countries have to be on the map it shows
        deck.cards.forEach((card, i) => {
          if (card.type !== 'map') return
          const off = answersOffMap(card)
          if (off.length)
            errors.push(
              formatIssue(
                {
                  cardIndex: i + 1,
                  cardId: card.id,
                  field: 'region',
                  message: `the ${card.region} map does not show ${off.map((c) => countryByCode(c)?.name ?? c).join(', ')}: choose a region that does, or "world"`,
                },
                name,
              ),
            )
        })
        const first = idFiles.get(deck.id)
        if (first === undefined) idFiles.set(deck.id, name)
        else
          errors.push(
            `${name}: field "id": deck id "${deck.id}" is already used by ${first}: each deck needs its own id`,
          )
      }
      for (const e of errors) console.error(e)
      if (errors.length) bad++
      cards += deck?.cards.length ?? 0
    }
    if (bad) {
      console.error(`\n${bad} of ${files.length} deck file(s) have problems.`)
      process.exit(1)
    }
    console.log(`${files.length} deck file(s), ${cards} cards: all valid.`)
    break
  }
  case 'dump': {
    const decks: Deck[] = []
    for (const file of deckFiles()) {
      const { deck, errors } = load(file)
      if (!deck) {
        for (const e of errors) console.error(e)
        process.exit(1)
      }
      decks.push(normalizeDeck(deck))
    }
    process.stdout.write(JSON.stringify(decks, null, 2) + '\n')
    break
  }
  case 'schema':
    writeFileSync(SCHEMA, JSON.stringify(deckJsonSchema(), null, 2) + '\n')
    console.log(`wrote ${relative(process.cwd(), SCHEMA)}`)
    break
  case 'import':
    await importFiles(args)
    break
  case 'export':
    exportFile(args)
    break
  case 'quiz':
    quizFile(args)
    break
  default:
    console.error(
      `unknown command "${command}": use check [files…], dump, schema, import <file>…, export <deck.json> or quiz <deck.json>…`,
    )
    process.exit(2)
}
