// npm run decks -- check [files…] | dump | schema
// check: validate deck files (default: every deck in decks/) and their content rules (core/deckLint);
//   exit 1 with located errors.
// dump: print every deck in decks/ as normalized JSON, the shape the app loads.
// schema: regenerate decks/deck.schema.json from the TypeScript schema.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { formatIssue, normalizeDeck, parseDeckText, type Deck } from '../src/core/deck'
import { deckJsonSchema } from '../src/core/jsonSchema'
import { lintDeck } from '../src/core/deckLint'
import { countryByCode } from '../src/core/countries'
import { answersOffMap } from '../src/components/map/mapData'

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
  default:
    console.error(`unknown command "${command}": use check [files…], dump or schema`)
    process.exit(2)
}
