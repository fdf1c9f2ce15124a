import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ExportReport from '@/components/export/ExportReport.vue'

const props = {
  lines: ["2 ordering cards can't be expressed in Moodle Aiken (no order)", '1 card is converted'],
  plan: { written: 3, left: [{ type: 'ordering' }] },
  label: 'Download 3 questions',
  emptyText: 'Nothing fits.',
  testId: 'export',
}

describe('ExportReport', () => {
  it('lists every line of the plan as a warning when something is left out', () => {
    const wrapper = mount(ExportReport, { props })
    const report = wrapper.get('[data-testid="export-report"]')
    expect(report.findAll('li').map((li) => li.text())).toEqual(props.lines)
    expect(report.classes()).toContain('notice-warn')
    expect(report.attributes('role')).toBe('status')
  })

  it('reads as a plain notice when everything is only converted', () => {
    const wrapper = mount(ExportReport, { props: { ...props, plan: { written: 3, left: [] } } })
    expect(wrapper.get('[data-testid="export-report"]').classes()).not.toContain('notice-warn')
  })

  it('shows no report when the format holds everything', () => {
    const wrapper = mount(ExportReport, { props: { ...props, lines: [], testId: 'quiz-export' } })
    expect(wrapper.find('[data-testid="quiz-export-report"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="quiz-export-download"]').text()).toBe('Download 3 questions')
  })

  it('emits download when the button is pressed', async () => {
    const wrapper = mount(ExportReport, { props })
    await wrapper.get('[data-testid="export-download"]').trigger('click')
    expect(wrapper.emitted('download')).toHaveLength(1)
    expect(wrapper.text()).not.toContain('Nothing fits.')
  })

  it('disables the download and says why when nothing fits', async () => {
    const wrapper = mount(ExportReport, { props: { ...props, plan: { written: 0, left: [{}] } } })
    const button = wrapper.get('[data-testid="export-download"]')
    expect(button.attributes('disabled')).toBeDefined()
    await button.trigger('click')
    expect(wrapper.emitted('download')).toBeUndefined()
    expect(wrapper.text()).toContain('Nothing fits.')
  })
})
