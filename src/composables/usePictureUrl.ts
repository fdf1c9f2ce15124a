// Pictures on screen: where their bytes come from (provided by a view: storage, or an import not
// yet installed) and the object URL of one, made when it is shown and revoked when it goes.
import {
  inject,
  onScopeDispose,
  provide,
  shallowRef,
  toValue,
  watch,
  type InjectionKey,
  type MaybeRefOrGetter,
} from 'vue'
import type { PictureBlob } from '@/core/pictures'

/** Finds a picture's bytes by id; undefined when this device does not have it. */
export type PictureSource = (id: string) => Promise<Pick<PictureBlob, 'type' | 'bytes'> | undefined>

const SOURCE: InjectionKey<PictureSource> = Symbol('pictures')

/** Lets every picture shown below this component read its bytes from `source`. */
export function providePictureSource(source: PictureSource): void {
  provide(SOURCE, source)
}

/** The picture source provided above this component, if any (to read bytes, not to show them). */
export function injectPictureSource(): PictureSource | undefined {
  return inject(SOURCE, undefined)
}

/** Where a picture stands: loading, shown (with its URL), or not on this device. */
export type PictureState =
  { status: 'loading' } | { status: 'ready'; url: string } | { status: 'missing' }

/**
 * The object URL of the picture `id`, from the nearest provided source. Only ever a `blob:` URL
 * of bytes on this device: nothing is fetched. Revoked when the id changes or the scope ends.
 */
export function usePictureUrl(id: MaybeRefOrGetter<string>) {
  const source = inject(SOURCE, undefined)
  const state = shallowRef<PictureState>({ status: 'loading' })
  let url: string | undefined
  let current = 0
  const release = () => {
    if (url) URL.revokeObjectURL(url)
    url = undefined
  }
  watch(
    () => toValue(id),
    async (value) => {
      const ticket = ++current
      release()
      state.value = { status: 'loading' }
      const picture = source ? await source(value).catch(() => undefined) : undefined
      if (ticket !== current) return
      if (!picture) {
        state.value = { status: 'missing' }
        return
      }
      url = URL.createObjectURL(new Blob([picture.bytes as BlobPart], { type: picture.type }))
      state.value = { status: 'ready', url }
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    current++
    release()
  })
  return state
}
