// A sticky bar covers the top of the page: focusing a field scrolls it only just into view, where
// the bar hides it and its label. While the bar sticks, the page's scroll padding is the height it
// covers, plus room for a label, so focus() and scrollIntoView() stop below it.
import { onBeforeUnmount, onMounted, watch, type ShallowRef } from 'vue'

/** Room above a focused field for its label. */
const LABEL_ROOM_PX = 48

export function useScrollPaddingBelow(bar: Readonly<ShallowRef<HTMLElement | null>>): void {
  const root = document.documentElement
  let observer: ResizeObserver | undefined
  const update = () => {
    const el = bar.value
    if (!el) return
    const style = getComputedStyle(el)
    const covered = style.position === 'sticky' ? (parseFloat(style.top) || 0) + el.offsetHeight : 0
    // not sticky (phones): the stylesheet's padding for the app bar applies
    root.style.scrollPaddingTop = covered ? `${Math.ceil(covered + LABEL_ROOM_PX)}px` : ''
  }
  onMounted(() => window.addEventListener('resize', update))
  // the bar may show only once its page has loaded
  watch(
    bar,
    (el) => {
      observer?.disconnect()
      if (el && typeof ResizeObserver !== 'undefined') {
        observer ??= new ResizeObserver(update)
        observer.observe(el)
      }
      update()
    },
    { flush: 'post', immediate: true },
  )
  onBeforeUnmount(() => {
    observer?.disconnect()
    window.removeEventListener('resize', update)
    root.style.scrollPaddingTop = ''
  })
}
