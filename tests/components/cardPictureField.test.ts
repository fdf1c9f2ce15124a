import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import CardPictureField from '@/components/editor/CardPictureField.vue'
import { issueText } from '@/components/editor/issueText'
import type { DeckIssue } from '@/core/deck'
import { MAX_PICTURE_BYTES, type CardPicture, type PictureBlob } from '@/core/pictures'
import { pictureId } from '@/core/pictureBytes'
import { makePng } from '../fixtures/pictures'

const red = makePng(8, 6, [200, 0, 0])
const blue = makePng(8, 6, [0, 0, 200])
const png = (bytes: Uint8Array, name = 'heart.png') =>
  new File([bytes.slice()], name, { type: 'image/png' })

let wrapper: VueWrapper | undefined
afterEach(() => {
  wrapper?.unmount()
  wrapper = undefined
})

function mountField(
  props: {
    pictures?: CardPicture[]
    issues?: DeckIssue[]
    onUpdate?: (pictures: CardPicture[]) => void
  } = {},
): VueWrapper {
  const w = mount(CardPictureField, {
    props: { side: 'prompt', ...props },
    attachTo: document.body,
  })
  wrapper = w
  return w
}

async function choose(w: VueWrapper, files: File[]) {
  const input = w.get<HTMLInputElement>('[data-testid="picture-file-prompt"]')
  Object.defineProperty(input.element, 'files', { value: files, configurable: true })
  await input.trigger('change')
  await vi.waitFor(() => expect(w.get('[data-add-picture]').attributes('disabled')).toBeUndefined())
  await flushPromises()
}

const added = (w: VueWrapper) => (w.emitted('add') ?? []).map(([p]) => (p as PictureBlob).id)
const updates = (w: VueWrapper) => (w.emitted('update') ?? []).map(([p]) => p as CardPicture[])
const refusals = (w: VueWrapper) => w.findAll('.refusals li').map((li) => li.text())

describe('CardPictureField', () => {
  it('adds a chosen picture with its bytes, an empty alt text, and focus on the alt box', async () => {
    const w = mountField()
    await choose(w, [png(red)])
    expect(added(w)).toEqual([pictureId(red)])
    const picture = w.emitted('add')![0]![0] as PictureBlob
    expect(picture.type).toBe('image/png')
    expect([...picture.bytes]).toEqual([...red])
    expect(updates(w)).toEqual([[{ id: pictureId(red), alt: '' }]])
    expect(refusals(w)).toEqual([])
  })

  it('focuses the alt text of the picture just added', async () => {
    const w: VueWrapper = mountField({
      pictures: [],
      onUpdate: (next: CardPicture[]) => void w.setProps({ pictures: next }),
    })
    await choose(w, [png(red)])
    await vi.waitFor(() =>
      expect(document.activeElement?.getAttribute('data-field')).toBe('pictures.prompt[0].alt'),
    )
  })

  it('refuses an SVG drawing, a file over 5 MB and a file that is not a picture, naming each', async () => {
    const w = mountField()
    const big = new File([new Uint8Array(MAX_PICTURE_BYTES + 1)], 'photo.jpg', {
      type: 'image/jpeg',
    })
    const svg = new File(['<svg onload="alert(1)"/>'], 'drawing.svg', { type: 'image/svg+xml' })
    const text = new File(['not a picture at all'], 'notes.png', { type: 'image/png' })
    await choose(w, [svg, big, text])
    expect(refusals(w)).toEqual([
      '“drawing.svg” is an SVG drawing, which can hold scripts: save it as PNG and add that.',
      '“photo.jpg” is 5.0 MB; a picture may be at most 5 MB.',
      '“notes.png” is not a PNG, JPEG, GIF, WebP, AVIF or BMP picture.',
    ])
    expect(w.emitted('add')).toBeUndefined()
    expect(w.emitted('update')).toBeUndefined()
  })

  it('takes an SVG by its content type even when its name says PNG', async () => {
    const w = mountField()
    await choose(w, [new File(['<svg/>'], 'sneaky.png', { type: 'image/svg+xml' })])
    expect(refusals(w)[0]).toContain('is an SVG drawing')
    expect(w.emitted('add')).toBeUndefined()
  })

  it('refuses a picture already on this side and a fifth picture', async () => {
    const four = [1, 2, 3, 4].map((n) => ({ id: pictureId(makePng(n, 1)), alt: `p${n}` }))
    const full = mountField({ pictures: four })
    expect(full.get('[data-add-picture]').attributes('disabled')).toBeDefined()
    full.unmount()

    const w = mountField({ pictures: [{ id: pictureId(red), alt: 'Red' }] })
    await choose(w, [png(red, 'again.png'), png(blue, 'blue.png')])
    expect(refusals(w)).toEqual(['“again.png” is already with the question.'])
    expect(added(w)).toEqual([pictureId(blue)])
    expect(updates(w)).toEqual([
      [
        { id: pictureId(red), alt: 'Red' },
        { id: pictureId(blue), alt: '' },
      ],
    ])
  })

  it('adds a pasted picture, and leaves a paste of text alone', async () => {
    const w = mountField()
    const withFile = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent
    Object.defineProperty(withFile, 'clipboardData', {
      value: { files: [new File([red.slice()], 'image.png', { type: 'image/png' })] },
    })
    w.get('[data-add-picture]').element.dispatchEvent(withFile)
    expect(withFile.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(added(w)).toEqual([pictureId(red)]))

    const withText = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent
    Object.defineProperty(withText, 'clipboardData', { value: { files: [] } })
    w.get('fieldset').element.dispatchEvent(withText)
    expect(withText.defaultPrevented).toBe(false)
  })

  it('edits and removes a picture, and shows the alt text problem at its box', async () => {
    const pictures = [
      { id: pictureId(red), alt: '' },
      { id: pictureId(blue), alt: 'Blue' },
    ]
    const w = mountField({
      pictures,
      issues: [{ field: 'pictures.prompt[0].alt', message: 'must not be empty' }],
    })
    const alt = w.get('[data-field="pictures.prompt[0].alt"]')
    expect(alt.attributes('aria-invalid')).toBe('true')
    const message = w.get(`#${alt.attributes('aria-describedby')!.split(' ')[1]}`)
    expect(message.text()).toContain('Alt text must not be empty')
    expect(
      w.get('[data-field="pictures.prompt[1].alt"]').attributes('aria-invalid'),
    ).toBeUndefined()

    await alt.setValue('A red square')
    expect(updates(w).at(-1)).toEqual([
      { id: pictureId(red), alt: 'A red square' },
      { id: pictureId(blue), alt: 'Blue' },
    ])
    await w.get('button[aria-label="Remove picture 1 with the question"]').trigger('click')
    expect(updates(w).at(-1)).toEqual([{ id: pictureId(blue), alt: 'Blue' }])
  })
})

describe('issueText for pictures', () => {
  it('names the picture and its side', () => {
    expect(issueText({ field: 'pictures.answer[1].alt', message: 'must not be empty' })).toBe(
      'Picture 2 with the answer: its alt text must not be empty',
    )
    expect(issueText({ field: 'pictures.prompt', message: 'may have at most 4 pictures' })).toBe(
      'Pictures with the question may have at most 4 pictures',
    )
  })
})
