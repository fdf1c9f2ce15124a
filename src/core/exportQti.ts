// Decks as QTI 1.2, the version Canvas imports ("QTI .zip file" in Canvas's Import Content) and
// writes itself; Canvas reads QTI 2.x only partly, and Moodle, Blackboard and D2L read 1.2 too.
// One IMS content package: imsmanifest.xml and one assessment with an item per card.
import { strToU8, zipSync } from 'fflate'
import { blankHint, clozeIndexes, clozeSegments, type ClozeSegment } from './cloze'
import type { Card, Deck } from './deck'
import {
  countryAnswers,
  MAP_AS_SHORT_ANSWER,
  ORDERING_AS_MATCHING,
  orderingAsMatching,
  scrambled,
  typedMapPrompt,
} from './exportCommon'
import type { CardFate } from './exportFormats'

/** A Canvas question for a card, or why there is none. */
export interface QtiQuestion {
  fate: CardFate
  xml?: string
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

// Canvas shows question text as HTML: our plain text is escaped for HTML, then for XML
function html(text: string): string {
  return xml(
    `<p>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '<br>')}</p>`,
  )
}

function material(text: string): string {
  return `<material><mattext texttype="text/html">${html(text)}</mattext></material>`
}

/** What an item is made from: a card, or a quiz question (its id and the card's explanation). */
export interface QtiSource {
  id: string
  explanation?: string
}

function item(card: QtiSource, type: string, title: string, body: string, scoring: string): string {
  const feedback = card.explanation
    ? `<itemfeedback ident="general_fb"><flow_mat>${material(card.explanation)}</flow_mat></itemfeedback>`
    : ''
  const showFeedback = card.explanation
    ? '<respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_fb"/></respcondition>'
    : ''
  return [
    `<item ident="${xml(card.id)}" title="${xml(title.slice(0, 80))}">`,
    '<itemmetadata><qtimetadata>',
    `<qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>${type}</fieldentry></qtimetadatafield>`,
    '<qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>1.0</fieldentry></qtimetadatafield>',
    '</qtimetadata></itemmetadata>',
    `<presentation>${body}</presentation>`,
    `<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>${showFeedback}${scoring}</resprocessing>`,
    feedback,
    '</item>',
  ].join('')
}

const full = '<setvar action="Set" varname="SCORE">100</setvar>'

/** A multiple_choice, true_false or multiple_answers item; `right` are indexes into `choices`. */
export function choiceItem(
  card: QtiSource,
  type: string,
  prompt: string,
  choices: readonly string[],
  right: readonly number[],
) {
  const multiple = type === 'multiple_answers_question'
  const labels = choices
    .map((c, i) => `<response_label ident="${i + 1}">${material(c)}</response_label>`)
    .join('')
  const condition = multiple
    ? `<and>${choices
        .map((_c, i) =>
          right.includes(i)
            ? `<varequal respident="response1">${i + 1}</varequal>`
            : `<not><varequal respident="response1">${i + 1}</varequal></not>`,
        )
        .join('')}</and>`
    : `<varequal respident="response1">${right[0]! + 1}</varequal>`
  return item(
    card,
    type,
    prompt,
    `${material(prompt)}<response_lid ident="response1" rcardinality="${multiple ? 'Multiple' : 'Single'}"><render_choice>${labels}</render_choice></response_lid>`,
    `<respcondition continue="No"><conditionvar>${condition}</conditionvar>${full}</respcondition>`,
  )
}

/** A short_answer item: any of `answers`, as Canvas compares them (case-insensitive). */
export function shortItem(card: QtiSource, prompt: string, answers: readonly string[]) {
  return item(
    card,
    'short_answer_question',
    prompt,
    `${material(prompt)}<response_str ident="response1" rcardinality="Single"><render_fib><response_label ident="answer1" rshuffle="No"/></render_fib></response_str>`,
    `<respcondition continue="No"><conditionvar>${answers
      .map((a) => `<varequal respident="response1">${xml(a)}</varequal>`)
      .join('')}</conditionvar>${full}</respcondition>`,
  )
}

/** A numerical item: the number itself, or any number in the range. */
export function numericItem(
  card: QtiSource,
  prompt: string,
  answer: number | { min: number; max: number },
) {
  const [min, max] = typeof answer === 'number' ? [answer, answer] : [answer.min, answer.max]
  return item(
    card,
    'numerical_question',
    prompt,
    `${material(prompt)}<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>`,
    `<respcondition continue="No"><conditionvar><or><varequal respident="response1">${min}</varequal><and><vargte respident="response1">${min}</vargte><varlte respident="response1">${max}</varlte></and></or></conditionvar>${full}</respcondition>`,
  )
}

/**
 * A matching_question item as Canvas writes it: one response per left side, each offering every
 * right side (`rights`, distractors included); each pair right adds its share of the score.
 */
export function matchingItem(
  card: QtiSource,
  prompt: string,
  pairs: readonly { left: string; right: string }[],
  rights: readonly string[],
) {
  const options = [...new Set([...rights, ...pairs.map((p) => p.right)])]
  const ident = (right: string) => String(options.indexOf(right) + 1)
  const labels = options
    .map((r) => `<response_label ident="${ident(r)}">${material(r)}</response_label>`)
    .join('')
  const share = (100 / Math.max(1, pairs.length)).toFixed(2)
  return item(
    card,
    'matching_question',
    prompt,
    material(prompt) +
      pairs
        .map(
          (p, i) =>
            `<response_lid ident="response_${i + 1}">${material(p.left)}<render_choice>${labels}</render_choice></response_lid>`,
        )
        .join(''),
    pairs
      .map(
        (p, i) =>
          `<respcondition><conditionvar><varequal respident="response_${i + 1}">${ident(p.right)}</varequal></conditionvar><setvar varname="SCORE" action="Add">${share}</setvar></respcondition>`,
      )
      .join(''),
  )
}

/**
 * A fill_in_multiple_blanks_question item as Canvas writes it: the text names each asked blank
 * `[blank1]`, `[blank2]`… (blanks not asked are shown filled in), and each blank has a
 * `response_lid` `response_blankN` offering its answer; each blank right adds its share of the
 * score. Canvas counts every answer listed under a blank as right.
 */
export function blanksItem(card: QtiSource, segments: readonly ClozeSegment[]) {
  let n = 0
  const asked: { id: string; answer: string }[] = []
  const text = segments
    .map((s) => {
      if (s.kind === 'text') return s.text
      if (!s.hidden) return s.answer
      const id = `blank${++n}`
      asked.push({ id, answer: s.answer })
      return `[${id}]${blankHint(s)}`
    })
    .join('')
  const share = (100 / Math.max(1, asked.length)).toFixed(2)
  return item(
    card,
    'fill_in_multiple_blanks_question',
    text,
    material(text) +
      asked
        .map(
          (b) =>
            `<response_lid ident="response_${b.id}"><material><mattext>${b.id}</mattext></material><render_choice><response_label ident="${b.id}_1">${material(b.answer)}</response_label></render_choice></response_lid>`,
        )
        .join(''),
    asked
      .map(
        (b) =>
          `<respcondition><conditionvar><varequal respident="response_${b.id}">${b.id}_1</varequal></conditionvar><setvar varname="SCORE" action="Add">${share}</setvar></respcondition>`,
      )
      .join(''),
  )
}

/**
 * What a card becomes in QTI 1.2 as Canvas reads it: single → multiple_choice (True/False →
 * true_false), multi → multiple_answers, typed → short_answer, numeric → numerical (exact or a
 * range), basic → short_answer with the back as the answer, cloze with one blank → short_answer
 * with the blank shown as `_____`, cloze with several blanks (one number repeated, or several
 * numbers) → fill_in_multiple_blanks with every blank asked at once, ordering → matching of each
 * item (shuffled by the card id) to its place, map → short_answer on the country's names.
 * Single-choice cards without written wrong choices have no Canvas form.
 */
export function qtiCard(card: Card): QtiQuestion {
  switch (card.type) {
    case 'single': {
      if (!card.distractors.length)
        return { fate: { fate: 'left', why: 'they have no written wrong choices' } }
      const choices = [card.answer, ...card.distractors]
      const tf =
        choices
          .map((c) => c.toLowerCase())
          .sort()
          .join('/') === 'false/true'
      return {
        fate: { fate: 'kept' },
        xml: choiceItem(
          card,
          tf ? 'true_false_question' : 'multiple_choice_question',
          card.prompt,
          choices,
          [0],
        ),
      }
    }
    case 'multi': {
      const choices = [...card.answers, ...card.distractors]
      return {
        fate: { fate: 'kept' },
        xml: choiceItem(
          card,
          'multiple_answers_question',
          card.prompt,
          choices,
          card.answers.map((_a, i) => i),
        ),
      }
    }
    case 'typed':
      return { fate: { fate: 'kept' }, xml: shortItem(card, card.prompt, card.answers) }
    case 'basic':
      return {
        fate: { fate: 'converted', how: 'written as short answer, the back being the answer' },
        xml: shortItem(card, card.front, [card.back]),
      }
    case 'numeric': {
      const prompt = card.unit ? `${card.prompt} (in ${card.unit})` : card.prompt
      return {
        fate: card.unit
          ? { fate: 'converted', how: 'written with the unit after the question' }
          : { fate: 'kept' },
        xml: numericItem(card, prompt, card.answer),
      }
    }
    case 'cloze': {
      const indexes = clozeIndexes(card.text)
      // every blank asked, whatever its number: Canvas asks the card as one question
      const segments = clozeSegments(card.text, indexes[0] ?? 1).map((s) =>
        s.kind === 'blank' ? { ...s, hidden: true } : s,
      )
      const blanks = segments.filter((s) => s.kind === 'blank')
      if (blanks.length > 1)
        return {
          fate: {
            fate: 'converted',
            how: 'written as fill in multiple blanks, every blank asked at once',
          },
          xml: blanksItem(card, segments),
        }
      if (blanks.length !== 1) return { fate: { fate: 'left', why: 'they have no blank' } }
      const prompt = segments
        .map((s) => (s.kind === 'text' ? s.text : `_____${blankHint(s)}`))
        .join('')
      return {
        fate: { fate: 'converted', how: 'written as short answer, the blank shown as "_____"' },
        xml: shortItem(card, prompt, [blanks[0]!.kind === 'blank' ? blanks[0]!.answer : '']),
      }
    }
    case 'ordering': {
      // Canvas's classic quizzes have no ordering question: each item, shuffled, is matched to
      // its place
      const { pairs, places } = orderingAsMatching(scrambled(card.id, card.items), card.items)
      return {
        fate: { fate: 'converted', how: ORDERING_AS_MATCHING },
        xml: matchingItem(card, card.prompt, pairs, places),
      }
    }
    case 'map':
      return {
        fate: { fate: 'converted', how: MAP_AS_SHORT_ANSWER },
        xml: shortItem(card, typedMapPrompt(card.prompt), countryAnswers(card.answers)),
      }
  }
}

/** Settings of the assessment itself. */
export interface QtiAssessmentOptions {
  /** Canvas's time limit, in whole minutes. */
  timeLimitMinutes?: number
}

/** The assessment XML (the file inside the package) around items made by this module. */
export function assessmentXml(
  title: string,
  ident: string,
  items: readonly string[],
  options: QtiAssessmentOptions = {},
): string {
  const field = (label: string, entry: string | number) =>
    `<qtimetadatafield><fieldlabel>${label}</fieldlabel><fieldentry>${entry}</fieldentry></qtimetadatafield>`
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
    `<assessment ident="${xml(ident)}" title="${xml(title)}">`,
    `<qtimetadata>${options.timeLimitMinutes ? field('qmd_timelimit', options.timeLimitMinutes) : ''}${field('cc_maxattempts', 1)}</qtimetadata>`,
    '<section ident="root_section">',
    ...items,
    '</section>',
    '</assessment>',
    '</questestinterop>',
    '',
  ].join('\n')
}

/** The assessment XML for a deck (the file inside the package). */
export function qtiAssessment(deck: Deck, ident: string): string {
  return assessmentXml(
    deck.title,
    ident,
    deck.cards.flatMap((card) => qtiCard(card).xml ?? []),
  )
}

/**
 * An IMS content package (zip): `imsmanifest.xml` naming one assessment, and the assessment at
 * `<ident>/<ident>.xml`. The zip's dates are fixed, so the same input gives the same bytes.
 */
export function qtiPackage(ident: string, assessment: string): Uint8Array {
  const manifest = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${xml(ident)}-manifest" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1">`,
    '<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>',
    '<organizations/>',
    '<resources>',
    `<resource identifier="${xml(ident)}" type="imsqti_xmlv1p2"><file href="${xml(ident)}/${xml(ident)}.xml"/></resource>`,
    '</resources>',
    '</manifest>',
    '',
  ].join('\n')
  const mtime = new Date('2000-01-01T00:00:00Z')
  return zipSync(
    {
      'imsmanifest.xml': [strToU8(manifest), { mtime }],
      [`${ident}/${ident}.xml`]: [strToU8(assessment), { mtime }],
    },
    { level: 6 },
  )
}

/**
 * The deck as a QTI 1.2 content package (`qtiPackage`), one item per card with a Canvas form
 * (see `qtiCard`).
 */
export function exportQti(deck: Deck): Uint8Array {
  const ident = `intercept-${deck.id}`
  return qtiPackage(ident, qtiAssessment(deck, ident))
}
