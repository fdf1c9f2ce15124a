import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import CardPictures from '@/components/media/CardPictures.vue'
import RichText from '@/components/media/RichText'
import { providePictureSource, type PictureSource } from '@/composables/usePictureUrl'
import { makePicture } from '../fixtures/pictures'

const red = makePicture([200, 0, 0])

/** Mounts `inner` below a parent that provides `source`, as a view does. */
function withSource(source: PictureSource, render: () => ReturnType<typeof h>) {
  return mount(
    defineComponent({
      setup() {
        providePictureSource(source)
        return render
      },
    }),
  )
}

describe('CardPictures', () => {
  const created: string[] = []
  const revoked: string[] = []
  beforeEach(() => {
    created.length = 0
    revoked.length = 0
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => {
        const url = `blob:test/${created.length}-${blob.type}`
        created.push(url)
        return url
      },
      revokeObjectURL: (url: string) => revoked.push(url),
    })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('shows each picture from a blob: URL with its alt text, and revokes the URL when it goes', async () => {
    const wrapper = withSource(
      async (id) => (id === red.id ? red : undefined),
      () => h(CardPictures, { pictures: [{ id: red.id, alt: 'A red square' }] }),
    )
    await flushPromises()
    const img = wrapper.get('img')
    expect(img.attributes('src')).toBe('blob:test/0-image/png')
    expect(img.attributes('alt')).toBe('A red square')
    expect(img.attributes('decoding')).toBe('async')
    wrapper.unmount()
    expect(revoked).toEqual(['blob:test/0-image/png'])
  })

  it('names a picture this device lacks by its alt text, and loads nothing', async () => {
    const wrapper = withSource(
      async () => undefined,
      () => h(CardPictures, { pictures: [{ id: 'f'.repeat(64), alt: 'The heart' }] }),
    )
    await flushPromises()
    expect(wrapper.find('img').exists()).toBe(false)
    expect(wrapper.get('[role="img"]').attributes('aria-label')).toBe('The heart')
    expect(wrapper.text()).toContain('Picture not on this device: The heart')
    expect(created).toEqual([])
  })
})

describe('RichText', () => {
  it('renders kept formatting as elements, never as HTML', () => {
    const wrapper = mount(RichText, {
      props: { text: 'H2O and\n• one', markup: 'H<sub>2</sub>O <b>and</b><ul><li>one</li></ul>' },
    })
    expect(wrapper.html()).toContain('<sub>2</sub>')
    expect(wrapper.get('b').text()).toBe('and')
    expect(wrapper.findAll('li').map((li) => li.text())).toEqual(['one'])
  })

  it('shows hostile markup as text: no script, no handler, no image', () => {
    const markup =
      '<b onclick="alert(1)">x</b><script>alert(2)</script><img src=x onerror=alert(3)>'
    const wrapper = mount(RichText, {
      props: {
        text: '<b onclick="alert(1)">x</b><script>alert(2)</script><img src=x onerror=alert(3)>',
        markup,
      },
    })
    expect(wrapper.findAll('script, img, [onclick], [onerror]')).toHaveLength(0)
    expect(wrapper.text()).toBe(markup)
  })

  it('shows the plain text when the formatting no longer says the same (an edited side)', () => {
    const wrapper = mount(RichText, { props: { text: 'Edited text', markup: '<b>Old</b> text' } })
    expect(wrapper.find('b').exists()).toBe(false)
    expect(wrapper.text()).toBe('Edited text')
  })
})
