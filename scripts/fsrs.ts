// npm run fsrs -- optimize <revlog.csv> [--minute-offset <m>]
//   prints the 21 FSRS parameters fitted to the log (fsrs-rs, the app's optimizer) as a JSON array.
// npm run fsrs -- evaluate <revlog.csv> [--weights <file.json>] [--minute-offset <m>]
//   prints `logloss=<x> rmse_bins=<y> reviews=<n>` over the newest 20% of the usable reviews (by
//   time), with the given parameters or FSRS's defaults; log loss and RMSE (bins) as srs-benchmark.
// revlog.csv: card_id,review_time,review_rating,review_state,review_duration (epoch ms).
// --minute-offset: minutes added to UTC to find the learner's day (time-zone offset minus the hour
// a day starts); default -240, UTC with days starting at 04:00 as in Anki.
import { readFileSync } from 'node:fs'
import { evaluateWeights } from '../src/core/fsrsMetrics'
import { TRAIN_SHARE } from '../src/core/personalize'
import { cardHistories, holdOutFrom, parseRevlog, usableReviews } from '../src/core/revlog'
import { isWeights } from '../src/core/scheduler'
import { loadNodeFit } from './fsrsNode'

function fail(message: string): never {
  console.error(message)
  process.exit(1)
}

const [command, file, ...rest] = process.argv.slice(2)
const option = (name: string) => {
  const i = rest.indexOf(name)
  return i >= 0 ? rest[i + 1] : undefined
}
const usage =
  'usage: npm run fsrs -- optimize|evaluate <revlog.csv> [--weights <file.json>] [--minute-offset <m>]'
if ((command !== 'optimize' && command !== 'evaluate') || !file) fail(usage)

const offsetText = option('--minute-offset') ?? '-240'
const offset = Number(offsetText)
if (!Number.isInteger(offset) || Math.abs(offset) > 24 * 60)
  fail(`--minute-offset must be whole minutes, not ${offsetText}`)

let text: string
try {
  text = readFileSync(file, 'utf8')
} catch (error) {
  fail(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
}
const parsed = parseRevlog(text)
if (!parsed.ok) fail(`${file}:\n${parsed.errors.join('\n')}`)

if (command === 'optimize') {
  const fit = await loadNodeFit()
  console.log(JSON.stringify(fit(parsed.entries, offset)))
} else {
  let weights: number[] | undefined
  const weightsFile = option('--weights')
  if (weightsFile) {
    let value: unknown
    try {
      value = JSON.parse(readFileSync(weightsFile, 'utf8'))
    } catch (error) {
      fail(`${weightsFile}: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (!isWeights(value)) fail(`${weightsFile} must hold a JSON array of 21 numbers`)
    weights = value
  }
  const histories = cardHistories(parsed.entries, offset)
  const from = holdOutFrom(usableReviews(histories), TRAIN_SHARE)
  if (from === undefined)
    fail(`${file}: too few reviews on a later day than the card's last to evaluate`)
  const m = evaluateWeights(histories, weights, from)
  console.log(
    `logloss=${m.logLoss.toFixed(4)} rmse_bins=${m.rmseBins.toFixed(4)} reviews=${m.reviews}`,
  )
}
