// Quiz questions, as asked, in Moodle's GIFT and Aiken: what each question form becomes, decided
// once here for both the report (exportQuiz.planQuizExport) and the file.
import { afterBlank } from './cloze'
import {
  countryAnswers,
  MAP_AS_SHORT_ANSWER,
  ORDERING_AS_MATCHING,
  orderingAsMatching,
  typedMapPrompt,
  typedPrompt,
} from './exportCommon'
import { aikenLines, oneLine } from './exportAiken'
import type { CardFate } from './exportFormats'
import { escapeOnly, giftEscape, giftLine } from './exportGift'
import type { QuizQuestion } from './quiz/generate'

function percent(n: number): string {
  return String(Math.round(n * 100000) / 100000)
}

function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : '0'
}

/** A quiz question in GIFT, or why there is none. */
export interface GiftQuizQuestion {
  fate: CardFate
  /** The question as one GIFT line (`::id:: prompt {answers}`). */
  text?: string
}

/**
 * What a quiz question becomes in GIFT, named `ident` (`::ident::`): single → multiple choice;
 * multi → multiple choice with weights (right answers share 100%, wrong ones −100%); true or
 * false → `{T}`/`{F}` on the statement and its proposed answer; typed → short answer; flashcard
 * → short answer on its back; number → numerical (a unit written after the question); one blank
 * → missing word; matching → matching (extra wrong answers as `= -> answer`);
 * ordering → matching of each item to its place; map → short answer on the country's names.
 * A question with several blanks has no GIFT form. Explanations are general feedback (`####`).
 */
export function giftQuizQuestion(entry: QuizQuestion, ident: string): GiftQuizQuestion {
  const q = entry.question
  const feedback = q.explanation ? ` ####${giftEscape(q.explanation)}` : ''
  const line = (prompt: string, answers: string, fate: CardFate = { fate: 'kept' }) => ({
    fate,
    text: giftLine({ id: ident, prompt: giftEscape(prompt), answers: answers + feedback }),
  })
  const matching = (pairs: readonly { left: string; right: string }[]) =>
    pairs.map((p) => `=${giftEscape(p.left)} -> ${giftEscape(p.right)}`).join(' ')
  switch (q.form) {
    case 'single':
      return line(
        q.prompt,
        q.options.map((o) => `${o === q.answer ? '=' : '~'}${giftEscape(o)}`).join(' '),
      )
    case 'multi': {
      const right = percent(100 / q.answers.length)
      return line(
        q.prompt,
        q.options
          .map((o) => `~%${q.answers.includes(o) ? right : -100}%${giftEscape(o)}`)
          .join(' '),
      )
    }
    case 'truefalse':
      return line(`${q.prompt}\nProposed answer: ${q.proposed}`, q.answer ? 'T' : 'F')
    case 'typed':
      return line(typedPrompt(q), q.accepted.map((a) => `=${giftEscape(a)}`).join(' '))
    case 'self':
      return line(q.front, `=${giftEscape(q.back)}`, {
        fate: 'converted',
        how: 'written as short answer, the back being the answer',
      })
    case 'numeric': {
      const answer =
        typeof q.answer === 'number'
          ? `#${numberText(q.answer)}`
          : `#${numberText(q.answer.min)}..${numberText(q.answer.max)}`
      return q.unit
        ? line(`${q.prompt} (in ${q.unit})`, answer, {
            fate: 'converted',
            how: 'written with the unit after the question',
          })
        : line(q.prompt, answer)
    }
    case 'cloze': {
      const at = q.segments.findIndex((s) => s.kind === 'blank' && s.hidden)
      const asked = q.segments.filter((s) => s.kind === 'blank' && s.hidden)
      if (asked.length !== 1 || at === -1)
        return {
          fate: { fate: 'left', why: 'a GIFT missing-word question has exactly one blank' },
        }
      const show = (list: typeof q.segments) =>
        list.map((s) => (s.kind === 'text' ? s.text : s.answer)).join('')
      const blank = q.segments[at]!
      return {
        fate: { fate: 'kept' },
        text: giftLine({
          id: ident,
          prompt: giftEscape(show(q.segments.slice(0, at)).trimEnd()),
          answers: `=${giftEscape(blank.kind === 'blank' ? blank.answer : '')}${feedback}`,
          after: escapeOnly(afterBlank(blank, show(q.segments.slice(at + 1)).trimStart())),
        }),
      }
    }
    case 'matching': {
      // an answer matched to no question is a wrong answer on offer (Moodle's "= -> answer")
      const extra = q.rights
        .filter((r) => !q.pairs.some((p) => p.right === r))
        .map((r) => `= -> ${giftEscape(r)}`)
      return line(q.prompt, [matching(q.pairs), ...extra].join(' '))
    }
    case 'ordering':
      return line(q.prompt, matching(orderingAsMatching(q.items, q.answer).pairs), {
        fate: 'converted',
        how: ORDERING_AS_MATCHING,
      })
    case 'map':
      return line(
        typedMapPrompt(q.prompt),
        countryAnswers(q.answers)
          .map((name) => `=${giftEscape(name)}`)
          .join(' '),
        { fate: 'converted', how: MAP_AS_SHORT_ANSWER },
      )
  }
}

/** A quiz question in Aiken, or why there is none. */
export interface AikenQuizQuestion {
  fate: CardFate
  /** The question's lines: prompt, options, `ANSWER:` and a blank line. */
  lines?: string[]
}

/**
 * What a quiz question becomes in Aiken (multiple choice with one right answer, nothing else):
 * single → itself, its options in the quiz's order; multi with one right answer → single choice;
 * true or false → a choice between True and False. Every other form has no Aiken form.
 */
export function aikenQuizQuestion(entry: QuizQuestion): AikenQuizQuestion {
  const q = entry.question
  const lines = (prompt: string, options: readonly string[], answer: number) =>
    aikenLines(oneLine(prompt), options.map(oneLine), answer)
  switch (q.form) {
    case 'single':
      return {
        fate: { fate: 'kept' },
        lines: lines(q.prompt, q.options, q.options.indexOf(q.answer)),
      }
    case 'multi':
      if (q.answers.length !== 1)
        return { fate: { fate: 'left', why: 'Aiken questions have exactly one right answer' } }
      return {
        fate: { fate: 'converted', how: 'written as single choice (one right answer)' },
        lines: lines(q.prompt, q.options, q.options.indexOf(q.answers[0]!)),
      }
    case 'truefalse':
      return {
        fate: { fate: 'converted', how: 'written as a choice between True and False' },
        lines: lines(
          `${q.prompt} Proposed answer: ${q.proposed}`,
          ['True', 'False'],
          q.answer ? 0 : 1,
        ),
      }
    default:
      return { fate: { fate: 'left', why: 'Aiken has only multiple-choice questions' } }
  }
}
