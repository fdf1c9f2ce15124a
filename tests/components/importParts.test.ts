// The import screen's parts: props in, events out (the view reads and corrects).
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ImportReadingOptions from '@/components/import/ImportReadingOptions.vue'
import ImportSource from '@/components/import/ImportSource.vue'
import type { ImportOutput } from '@/core/importers/job'

describe('ImportSource', () => {
  it('emits a picked file and a request to read the pasted text', async () => {
    const wrapper = mount(ImportSource, {
      props: { busy: false, fileName: '', text: '', 'onUpdate:text': () => {} },
    })
    expect(wrapper.get('[data-testid="read-pasted"]').attributes('disabled')).toBeDefined()
    await wrapper.setProps({ text: 'Term\tDefinition' })
    await wrapper.get('[data-testid="read-pasted"]').trigger('click')
    expect(wrapper.emitted('read')).toHaveLength(1)
    const file = new File(['x'], 'deck.json')
    const input = wrapper.get('#import-file').element as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file] })
    await wrapper.get('#import-file').trigger('change')
    expect(wrapper.emitted('file')).toEqual([[file]])
  })

  it('shows the file being read and holds back while busy', () => {
    const wrapper = mount(ImportSource, {
      props: { busy: true, fileName: 'sites.apkg', text: 'x' },
    })
    expect(wrapper.get('[data-testid="file-name"]').text()).toBe('sites.apkg')
    expect(wrapper.get('[data-testid="choose-file"]').attributes('disabled')).toBeDefined()
  })
})

const quizlet: ImportOutput = {
  result: { ok: false, issues: [] },
  detected: 'quizlet',
  format: 'quizlet',
  quizlet: { termSeparator: '\t', cardSeparator: '\n', confidence: 0.5 },
}

describe('ImportReadingOptions', () => {
  it('emits each correction: a separator from the core list, a custom one, the format', async () => {
    const wrapper = mount(ImportReadingOptions, {
      props: { output: quizlet, request: null, title: 'Sites', failed: false, keepProgress: true },
    })
    expect(wrapper.text()).toContain('The separators were guessed')
    const options = wrapper.findAll('#term-separator option').map((o) => o.text())
    expect(options).toContain('Spaced hyphen ( - )')
    await wrapper.get('#term-separator').setValue(',')
    await wrapper.get('#card-separator').setValue('custom')
    await wrapper.get('#card-separator-custom').setValue('\\n---\\n')
    await wrapper.get('#import-format').setValue('anki')
    expect(wrapper.emitted('correct')).toEqual([
      [{ termSeparator: ',' }],
      [{ cardSeparator: '\n---\n' }],
      [{ format: 'anki' }],
    ])
  })

  it('offers to keep an Anki package’s progress, bound both ways', async () => {
    const wrapper = mount(ImportReadingOptions, {
      props: {
        output: {
          ...quizlet,
          detected: 'apkg',
          format: 'apkg',
          history: [{ cardId: 'a', variant: 'forward', at: 1, ease: 3, durationMs: 1 }],
        },
        request: null,
        title: undefined,
        failed: false,
        keepProgress: true,
      },
    })
    expect(wrapper.text()).toContain('Keep my Anki progress (1 review:')
    await wrapper.get('[data-testid="keep-progress"]').setValue(false)
    expect(wrapper.emitted('update:keepProgress')).toEqual([[false]])
  })
})
