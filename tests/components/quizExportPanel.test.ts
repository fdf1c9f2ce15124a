import { mount } from '@vue/test-utils'
import { unzipSync } from 'fflate'
import { afterEach, describe, expect, it, vi } from 'vitest'
import QuizExportPanel from '@/components/quiz/QuizExportPanel.vue'
import type { QuizQuestion } from '@/core/quiz/generate'
import type { Question } from '@/core/questions'
import { makeQuizConfig } from '../fixtures/decks'

const base = { deckId: 'europe', cardId: 'c', paragraphs: [] }
const questions: QuizQuestion[] = [
  {
    id: 'q1',
    form: 'single',
    itemIds: [],
    question: {
      ...base,
      form: 'single',
      prompt: 'Site in Romania?',
      options: ['Deveselu', 'Redzikowo'],
      answer: 'Deveselu',
    } as Question,
  },
  {
    id: 'q2',
    form: 'typed',
    itemIds: [],
    question: {
      ...base,
      form: 'cloze',
      segments: [
        { kind: 'blank', index: 1, answer: 'a', hidden: true },
        { kind: 'blank', index: 2, answer: 'b', hidden: false },
      ],
      blanks: ['a'],
      rejects: [],
    } as Question,
  },
]
const props = {
  questions,
  config: makeQuizConfig({ timing: { kind: 'total', limitMs: 300_000 } }),
  title: 'Quiz: Europe',
  fileBase: 'quiz-seed',
}

afterEach(() => vi.restoreAllMocks())

describe('QuizExportPanel', () => {
  it('says what QTI cannot hold before the download', () => {
    const wrapper = mount(QuizExportPanel, { props })
    expect(wrapper.get('[data-testid="quiz-export-report"]').text()).toContain(
      '1 fill-in-the-blank question is written as short answer, the blank shown as "_____"',
    )
    expect(wrapper.get('[data-testid="quiz-export-download"]').text()).toBe(
      'Download 2 questions (QTI)',
    )
  })

  it('downloads the quiz as a QTI package named for the quiz', async () => {
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:x'
    })
    let name = ''
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      name = this.download
    })
    const wrapper = mount(QuizExportPanel, { props })
    await wrapper.get('[data-testid="quiz-export-download"]').trigger('click')
    expect(name).toBe('quiz-seed.qti.zip')
    const zip = unzipSync(new Uint8Array(await created[0]!.arrayBuffer()))
    expect(Object.keys(zip)).toContain('imsmanifest.xml')
  })

  it('switches to Aiken: says before the download what Aiken cannot hold, and writes the rest', async () => {
    const created: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob)
      return 'blob:x'
    })
    let name = ''
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      name = this.download
    })
    const wrapper = mount(QuizExportPanel, { props })
    const select = wrapper.get('[data-testid="quiz-export-format"]')
    // the choice is labelled, and its hint says where the file goes
    expect(wrapper.get(`label[for="${select.attributes('id')}"]`).text()).toBe('Format')
    await select.setValue('aiken')
    expect(wrapper.get(`#${select.attributes('aria-describedby')}`).text()).toContain(
      'Aiken format',
    )
    const report = wrapper.get('[data-testid="quiz-export-report"]')
    expect(report.text()).toContain(
      "1 fill-in-the-blank question can't be expressed in Moodle Aiken (Aiken has only multiple-choice questions)",
    )
    expect(report.text()).toContain('Give the quiz its time limit of 5 min there.')
    expect(report.classes()).toContain('notice-warn')
    const download = wrapper.get('[data-testid="quiz-export-download"]')
    expect(download.text()).toBe('Download 1 question (Aiken)')
    await download.trigger('click')
    expect(name).toBe('quiz-seed.aiken.txt')
    expect(await created[0]!.text()).toBe(
      'Site in Romania?\nA) Deveselu\nB) Redzikowo\nANSWER: A\n',
    )
  })

  it('writes GIFT, naming the file for the quiz', async () => {
    let name = ''
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x')
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      name = this.download
    })
    const wrapper = mount(QuizExportPanel, { props })
    await wrapper.get('[data-testid="quiz-export-format"]').setValue('gift')
    const download = wrapper.get('[data-testid="quiz-export-download"]')
    expect(download.text()).toBe('Download 2 questions (GIFT)')
    await download.trigger('click')
    expect(name).toBe('quiz-seed.gift.txt')
  })
})
