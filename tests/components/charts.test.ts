import { mount, type VueWrapper } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ChartBars from '@/components/charts/ChartBars.vue'
import ChartHeatmap from '@/components/charts/ChartHeatmap.vue'
import ChartLine from '@/components/charts/ChartLine.vue'
import ChartRetention from '@/components/charts/ChartRetention.vue'
import { trendSummary } from '@/components/quiz/quizReview'
import { studyDayLabel, type DayCount } from '@/core/stats'
import { studyDay } from '@/core/time'
import { NOW } from '../fixtures/decks'

const TODAY = studyDay(NOW, { dayStartHour: 4, utcOffsetMinutes: 0 })

/** The table alternative as rows of cell texts (header cells included). */
function tableRows(wrapper: VueWrapper): string[][] {
  return wrapper.findAll('tbody tr').map((tr) => tr.findAll('th, td').map((cell) => cell.text()))
}

/** The svg is an image named by its own title and description. */
function expectLabelledSvg(wrapper: VueWrapper, title: string) {
  const svg = wrapper.get('svg')
  expect(svg.attributes('role')).toBe('img')
  const [titleId, descId] = svg.attributes('aria-labelledby')!.split(' ')
  expect(svg.get(`title[id="${titleId}"]`).text()).toBe(title)
  expect(svg.get(`desc[id="${descId}"]`).text().length).toBeGreaterThan(0)
  // the chart's marks are drawn inside the frame's svg, as SVG elements
  for (const mark of svg.findAll('rect, line, text, circle, polyline'))
    expect(mark.element.namespaceURI).toBe('http://www.w3.org/2000/svg')
}

describe('ChartBars', () => {
  const bars = [
    { label: 'New', value: 12 },
    { label: 'Learning', value: 3 },
    { label: 'Review', value: 40 },
    { label: 'Relearning', value: 0 },
  ]

  it('draws a bar per value and lists the same numbers in a table', () => {
    const wrapper = mount(ChartBars, {
      props: { title: 'Cards by state', bars, categoryLabel: 'State', valueLabel: 'Cards' },
    })
    expectLabelledSvg(wrapper, 'Cards by state')
    expect(wrapper.findAll('[data-testid="bar"]')).toHaveLength(4)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual(['State', 'Cards'])
    expect(tableRows(wrapper)).toEqual([
      ['New', '12'],
      ['Learning', '3'],
      ['Review', '40'],
      ['Relearning', '0'],
    ])
    expect(wrapper.get('desc').text()).toBe('Cards: 55 in all, most 40 (Review).')
  })

  it('shows values and axis ticks as text, without hover', () => {
    const wrapper = mount(ChartBars, { props: { title: 'Cards by state', bars } })
    const texts = wrapper.findAll('svg text').map((t) => t.text())
    expect(texts).toEqual(expect.arrayContaining(['12', '3', '40', 'New', 'Review', '0', '40']))
  })

  it('thins the day labels of a 30-day forecast but keeps every bar', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({ label: `+${i}`, value: i % 5 }))
    const wrapper = mount(ChartBars, { props: { title: 'Due', bars: days } })
    expect(wrapper.findAll('[data-testid="bar"]')).toHaveLength(30)
    expect(tableRows(wrapper)).toHaveLength(30)
    const labels = wrapper.findAll('svg text').filter((t) => t.text().startsWith('+'))
    expect(labels.length).toBeGreaterThan(1)
    expect(labels.length).toBeLessThan(30)
  })

  it('reveals the table with "Show as table"', async () => {
    const wrapper = mount(ChartBars, { props: { title: 'Cards by state', bars } })
    const button = wrapper.get('button')
    const holder = wrapper.get(`[id="${button.attributes('aria-controls')}"]`)
    expect(holder.classes()).toContain('visually-hidden')
    await button.trigger('click')
    expect(button.attributes('aria-pressed')).toBe('true')
    expect(holder.classes()).not.toContain('visually-hidden')
  })

  it('says there is nothing to show when every value is zero', () => {
    const wrapper = mount(ChartBars, {
      props: {
        title: 'Due',
        bars: [{ label: 'Today', value: 0 }],
        emptyText: 'Nothing due in the next 30 days',
      },
    })
    expect(wrapper.get('[data-testid="chart-empty"]').text()).toBe(
      'Nothing due in the next 30 days',
    )
    expect(wrapper.find('svg').exists()).toBe(false)
    expect(wrapper.find('table').exists()).toBe(false)
  })
})

describe('ChartHeatmap', () => {
  const days: DayCount[] = Array.from({ length: 365 }, (_, i) => ({
    day: TODAY - 364 + i,
    count: 0,
  }))
  days[364] = { day: TODAY, count: 5 }
  days[363] = { day: TODAY - 1, count: 2 }
  days[100] = { day: TODAY - 264, count: 1 }

  it('draws one cell per day in week columns and tables the days with reviews', () => {
    const wrapper = mount(ChartHeatmap, { props: { days, locale: 'en-US' } })
    expectLabelledSvg(wrapper, 'Reviews per day')
    const cells = wrapper.findAll('[data-testid="cell"]')
    expect(cells).toHaveLength(365)
    // two half-years of at most 27 week columns, seven weekday rows each
    expect(new Set(cells.map((c) => c.attributes('x'))).size).toBeLessThanOrEqual(27)
    expect(new Set(cells.map((c) => c.attributes('y'))).size).toBe(14)
    expect(cells[364]!.classes()).toContain('level-4')
    expect(cells[363]!.classes()).toContain('level-2')
    expect(cells[0]!.classes()).toContain('level-0')
    expect(tableRows(wrapper)).toEqual([
      [studyDayLabel(TODAY - 264, 'en-US'), '1'],
      [studyDayLabel(TODAY - 1, 'en-US'), '2'],
      ['Mon, Jan 6, 2025', '5'],
    ])
  })

  it('draws the year as one strip of week columns when asked', () => {
    const cells = mount(ChartHeatmap, { props: { days, panels: 1 } }).findAll(
      '[data-testid="cell"]',
    )
    expect(cells).toHaveLength(365)
    expect(new Set(cells.map((c) => c.attributes('x'))).size).toBe(53)
    expect(new Set(cells.map((c) => c.attributes('y'))).size).toBe(7)
  })

  it('states the totals in words', () => {
    const wrapper = mount(ChartHeatmap, { props: { days, locale: 'en-US' } })
    expect(wrapper.get('desc').text()).toBe(
      '8 reviews on 3 of the last 365 days. Busiest day: 5 reviews on Mon, Jan 6, 2025.',
    )
  })

  it('puts Monday on the first row by default and Sunday when asked', () => {
    const monday = { day: TODAY, count: 1 } // 2025-01-06 was a Monday
    const rowOf = (weekStart: 0 | 1) =>
      mount(ChartHeatmap, { props: { days: [monday], weekStart } })
        .get('[data-testid="cell"]')
        .attributes('y')
    expect(Number(rowOf(0))).toBeGreaterThan(Number(rowOf(1)))
  })

  // Regression: in dark mode empty days almost vanished against the panel.
  it('outlines days without reviews inside their square, and the legend swatch for 0', () => {
    const wrapper = mount(ChartHeatmap, { props: { days } })
    const [empty, busy] = [
      wrapper.findAll('[data-testid="cell"]')[0]!,
      wrapper.findAll('[data-testid="cell"]')[364]!,
    ]
    expect(empty.attributes('stroke-width')).toBe('1')
    expect(Number(empty.attributes('width'))).toBe(Number(busy.attributes('width')) - 1)
    expect(empty.attributes('transform')).toBe('translate(0.5 0.5)')
    expect(busy.attributes('stroke-width')).toBeUndefined()
    expect(wrapper.get('.legend .level-0').attributes('stroke-width')).toBe('1')
  })

  it('says "No reviews yet" for a year without reviews', () => {
    const empty = days.map((d) => ({ ...d, count: 0 }))
    const wrapper = mount(ChartHeatmap, { props: { days: empty } })
    expect(wrapper.text()).toContain('No reviews yet')
    expect(wrapper.findAll('[data-testid="cell"]')).toHaveLength(0)
  })
})

describe('ChartLine', () => {
  const points = [
    { label: 'Jan 1', value: 50, average: 50 },
    { label: 'Jan 3', value: 70, average: 60 },
    { label: 'Jan 6', value: 90, average: 70 },
  ]

  it('draws a point per attempt, the target line, and tables the scores', () => {
    const wrapper = mount(ChartLine, {
      props: { title: 'Quiz scores', points, target: 90, targetLabel: 'Desired' },
    })
    expectLabelledSvg(wrapper, 'Quiz scores')
    expect(wrapper.findAll('[data-testid="point"]')).toHaveLength(3)
    expect(wrapper.find('svg .legend').exists()).toBe(false)
    expect(wrapper.get('.legend').text()).toContain('Desired')
    expect(wrapper.find('[data-testid="target"]').exists()).toBe(true)
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual([
      'Attempt',
      'Score',
      'Moving average',
    ])
    expect(tableRows(wrapper)).toEqual([
      ['Jan 1', '50%', '50%'],
      ['Jan 3', '70%', '60%'],
      ['Jan 6', '90%', '70%'],
    ])
    expect(wrapper.get('desc').text()).toBe(
      'Latest score 90%, moving average 70%, best 90% over 3 points; desired 90%.',
    )
  })

  it('labels the axis so values read without hover', () => {
    const wrapper = mount(ChartLine, { props: { title: 'Quiz scores', points } })
    const texts = wrapper.findAll('svg text').map((t) => t.text())
    expect(texts).toEqual(expect.arrayContaining(['0%', '50%', '100%', 'Jan 1', 'Jan 6']))
    expect(wrapper.find('[data-testid="target"]').exists()).toBe(false)
  })

  it('says so when there are no attempts', () => {
    const wrapper = mount(ChartLine, { props: { title: 'Quiz scores', points: [] } })
    expect(wrapper.get('[data-testid="chart-empty"]').text()).toBe('No quiz attempts yet')
    expect(wrapper.find('svg').exists()).toBe(false)
  })
})

describe('ChartRetention', () => {
  const decks = [
    { deckId: 'd1', label: 'Missile basics', passed: 1, total: 2, rate: 0.5 },
    { deckId: 'd2', passed: 2, total: 3, rate: 2 / 3 },
    { deckId: 'd3', label: 'Unreviewed', passed: 0, total: 0, rate: null },
  ]

  it('draws a bar per deck with reviews plus all decks, against the desired retention', () => {
    const wrapper = mount(ChartRetention, { props: { decks, desired: 0.9, windowDays: 30 } })
    expectLabelledSvg(wrapper, 'True retention')
    expect(wrapper.findAll('[data-testid="bar"]')).toHaveLength(3)
    expect(wrapper.get('[data-testid="desired"]').text()).toBe('Desired 90%')
    expect(tableRows(wrapper)).toEqual([
      ['All decks', '60%', '3', '5', '−30 points'],
      ['Missile basics', '50%', '1', '2', '−40 points'],
      ['d2', '67%', '2', '3', '−23 points'],
      ['Unreviewed', '—', '0', '0', '—'],
    ])
    expect(wrapper.get('desc').text()).toBe(
      'Overall 60% recalled (3 of 5 reviews) in the last 30 days; desired retention 90%.',
    )
  })

  it('writes each deck’s numbers beside its bar', () => {
    const wrapper = mount(ChartRetention, { props: { decks, desired: 0.9 } })
    const texts = wrapper.findAll('svg text').map((t) => t.text())
    expect(texts).toEqual(
      expect.arrayContaining(['60% · 3/5', '50% · 1/2', '67% · 2/3', 'no reviews']),
    )
  })

  it('says so when no card in review has been reviewed', () => {
    const wrapper = mount(ChartRetention, { props: { decks: [], desired: 0.9 } })
    expect(wrapper.get('[data-testid="chart-empty"]').text()).toBe(
      'No reviews of cards in review yet',
    )
  })
})

describe('quiz score trend wording', () => {
  // Regression: Progress said "best 28.1% over 1 point".
  it('speaks of quizzes in whole percent', () => {
    expect(trendSummary([{ value: 28.125, average: 28.125 }], ['quiz', 'quizzes'])).toBe(
      'Latest score 28%, best 28% across 1 quiz.',
    )
    expect(
      trendSummary(
        [
          { value: 50, average: 50 },
          { value: 90.4, average: 70.2 },
        ],
        ['quiz', 'quizzes'],
        'Average of the last 5',
      ),
    ).toBe('Latest score 90%, average of the last 5 70%, best 90% across 2 quizzes.')
    expect(trendSummary([], ['quiz', 'quizzes'])).toBe('')
  })
})
