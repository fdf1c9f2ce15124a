// Text with the formatting an import kept: the markup is read by core/richText (anything but its
// few tags is text) and rendered here node by node with Vue's `h`, so no HTML string reaches the
// page. Shown only when the markup says the same as the plain text, so an edited side never shows
// stale formatting.
import { defineComponent, h, type PropType, type VNode } from 'vue'
import { parseRich, richToPlain, type RichNode } from '@/core/richText'

const same = (a: string, b: string) =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim()

function render(nodes: readonly RichNode[]): (VNode | string)[] {
  return nodes.map((node) => {
    if (typeof node === 'string') return node
    if (node.tag === 'br') return h('br')
    return h(node.tag, render(node.children))
  })
}

export default defineComponent({
  name: 'RichText',
  props: {
    /** The plain text, shown when there is no formatting (or it does not match). */
    text: { type: String, required: true },
    /** The side's stored formatting markup, if any. */
    markup: { type: String as PropType<string | undefined>, default: undefined },
  },
  setup(props) {
    return () => {
      if (props.markup) {
        const nodes = parseRich(props.markup)
        if (same(richToPlain(nodes), props.text))
          return h('span', { class: 'rich-text' }, render(nodes))
      }
      return props.text
    }
  },
})
