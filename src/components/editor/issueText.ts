// Problems of a card as the editor words them: "Question must not be empty".
import type { DeckIssue } from '@/core/deck'
import { picturePath } from '@/core/pictureFiles'
import type { PictureSide } from '@/core/pictures'

/** The name the form gives each card field (the top of an issue's field path). */
export const CARD_FIELD_LABELS: Record<string, string> = {
  front: 'Front',
  back: 'Back',
  text: 'Text',
  prompt: 'Question',
  answer: 'Answer',
  answers: 'Answers',
  distractors: 'Wrong answers',
  items: 'Items',
  choices: 'Choices',
  unit: 'Unit',
  region: 'Region',
  id: 'Card id',
  kind: 'Kind',
  explanation: 'Explanation',
  tags: 'Tags',
  paragraphs: 'Paragraphs',
  fact: 'Fact id',
  event: 'Event',
  pictures: 'Pictures',
}

/** Where the form shows each side's pictures. */
export const PICTURE_SIDE_LABELS: Record<PictureSide, string> = {
  prompt: 'with the question',
  answer: 'with the answer',
  explanation: 'with the explanation',
}

/** The field an issue is about, without its position in a list: `answers[1]` → `answers`. */
export const topField = (field: string | undefined): string => field?.split(/[.[]/)[0] ?? ''

/** One line for a card problem: its field's name, the exact path when deeper, the message. */
export function issueText(issue: DeckIssue): string {
  const picture = picturePath(issue.field)
  if (picture) {
    const which = picture.index === undefined ? 'Pictures' : `Picture ${picture.index + 1}`
    const what = picture.alt
      ? `${which} ${PICTURE_SIDE_LABELS[picture.side]}: its alt text`
      : `${which} ${PICTURE_SIDE_LABELS[picture.side]}`
    return `${what} ${issue.message}`
  }
  const top = topField(issue.field)
  const label = top ? (CARD_FIELD_LABELS[top] ?? top) : ''
  const detail = issue.field && issue.field !== top ? ` (${issue.field})` : ''
  return `${label}${detail} ${issue.message}`.trim()
}
