// Formatting kept from imported HTML: a small tree of allowed nodes (bold, italic, underline,
// sub/superscript, line breaks, lists) and nothing else. Imported HTML is read into the tree
// (`htmlToRich`), the tree is kept in the deck as a canonical markup of those tags only
// (`serializeRich`), and the markup is read back (`parseRich`) treating anything else as text, so
// a hostile deck file can only ever produce text and these nodes. The UI renders the tree with
// Vue's render function: no HTML string ever reaches the page.
import { decodeEntities, scanHtml, SKIP_CONTENTS as HTML_SKIP_CONTENTS } from './importers/html'

/** Inline formatting and lists; every other element is dropped, its text kept. */
export const RICH_TAGS = ['b', 'i', 'u', 'sub', 'sup', 'ul', 'ol', 'li'] as const
export type RichTag = (typeof RICH_TAGS)[number]

export type RichNode = string | { tag: 'br' } | { tag: RichTag; children: RichNode[] }

/** A picture an HTML field shows: its `src` as written and its alt text, if any. */
export interface HtmlImage {
  src: string
  alt?: string
}

/** An HTML field read: its formatting tree and the pictures it shows, in order. */
export interface RichRead {
  nodes: RichNode[]
  images: HtmlImage[]
}

// deeper nesting than this is flattened: a hostile field of 100,000 <b> would otherwise nest a
// render 100,000 deep
const MAX_DEPTH = 16

const ALIASES: Record<string, RichTag> = {
  b: 'b',
  strong: 'b',
  i: 'i',
  em: 'i',
  u: 'u',
  ins: 'u',
  sub: 'sub',
  sup: 'sup',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
}
// contents that are never card text: the plain-text reader's list, and sounds and videos (a
// picture-only reader has no use for their fallback text)
const SKIP_CONTENTS = new Set([...HTML_SKIP_CONTENTS, 'audio', 'video'])
// elements after which the text goes on on a new line
const BLOCKS = new Set([
  'div',
  'p',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'section',
  'article',
  'header',
  'footer',
  'hr',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'address',
  'aside',
  'nav',
  'main',
  'form',
  'fieldset',
])

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag)
  if (!match) return undefined
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim()
}

interface Frame {
  tag: RichTag
  children: RichNode[]
}

class TreeBuilder {
  readonly root: RichNode[] = []
  private readonly stack: Frame[] = []
  /** Open tags not pushed because the tree was too deep, so their closing tags are skipped too. */
  private flattened = 0

  private get children(): RichNode[] {
    return this.stack.at(-1)?.children ?? this.root
  }

  text(run: string) {
    if (!run) return
    const children = this.children
    const last = children.at(-1)
    if (typeof last === 'string') children[children.length - 1] = last + run
    else children.push(run)
  }

  br() {
    this.children.push({ tag: 'br' })
  }

  lineBreak() {
    const children = this.children
    // no break at the start of a line already begun, nor two from the end of one block and the start of the next
    const last = children.at(-1)
    if (last === undefined || (typeof last === 'object' && last.tag === 'br')) return
    if (typeof last === 'object' && (last.tag === 'ul' || last.tag === 'ol')) return
    children.push({ tag: 'br' })
  }

  open(tag: RichTag) {
    if (this.stack.length >= MAX_DEPTH) {
      this.flattened++
      return
    }
    // a list item outside a list gets one; a list item inside an item closes the first
    if (tag === 'li') {
      const at = this.stack.findLastIndex((f) => f.tag === 'ul' || f.tag === 'ol')
      if (at === -1) this.open('ul')
      else if (this.stack.at(-1)?.tag === 'li') this.close('li')
    }
    const frame: Frame = { tag, children: [] }
    this.children.push(frame)
    this.stack.push(frame)
  }

  close(tag: RichTag) {
    const at = this.stack.findLastIndex((f) => f.tag === tag)
    if (at === -1) {
      if (this.flattened) this.flattened--
      return
    }
    this.stack.length = at
  }

  finish(): RichNode[] {
    this.stack.length = 0
    return tidy(this.root)
  }
}

/** Collapses whitespace as a browser shows it, drops empty elements and breaks at either end. */
function tidy(nodes: RichNode[]): RichNode[] {
  const out: RichNode[] = []
  for (const node of nodes) {
    if (typeof node === 'string') {
      const text = node.replace(/\s+/g, ' ')
      // text on both sides of an element dropped as empty is one run again
      const last = out.at(-1)
      if (typeof last === 'string') out[out.length - 1] = (last + text).replace(/\s+/g, ' ')
      else if (text) out.push(text)
    } else if (node.tag === 'br') out.push(node)
    else {
      const children = tidy(node.children)
      if (children.length) out.push({ tag: node.tag, children })
    }
  }
  // trim spaces around line breaks and at either end
  for (let i = 0; i < out.length; i++) {
    const node = out[i]!
    if (typeof node !== 'string') continue
    let text = node
    const before = out[i - 1]
    const after = out[i + 1]
    if (before === undefined || isBreak(before)) text = text.trimStart()
    if (after === undefined || isBreak(after)) text = text.trimEnd()
    out[i] = text
  }
  const kept = out.filter((n) => n !== '')
  while (kept.length && isBreakNode(kept[0]!)) kept.shift()
  while (kept.length && isBreakNode(kept.at(-1)!)) kept.pop()
  return kept
}

const isBreakNode = (n: RichNode) => typeof n === 'object' && n.tag === 'br'
const isBreak = (n: RichNode) =>
  typeof n === 'object' && (n.tag === 'br' || n.tag === 'ul' || n.tag === 'ol' || n.tag === 'li')

/**
 * Reads an HTML field into the allowed tree: `<b>`/`<strong>`, `<i>`/`<em>`, `<u>`, `<sub>`,
 * `<sup>`, `<ul>`/`<ol>`/`<li>` and `<br>` are kept (without any attribute), blocks become line
 * breaks, every other tag is dropped with its text kept, and the contents of `<script>`, `<style>`
 * and the like are dropped whole. `<img>` tags are listed in `images` (never fetched here), `[sound:…]`
 * is left to the caller. Linear in the input.
 * @example htmlToRich('<b onclick="x()">Hi</b><script>x()</script>').nodes // [{ tag: 'b', children: ['Hi'] }]
 */
export function htmlToRich(html: string): RichRead {
  const tree = new TreeBuilder()
  const images: HtmlImage[] = []
  scanHtml(html, SKIP_CONTENTS, {
    text: (run) => tree.text(decodeEntities(run)),
    tag({ name, closing, source }) {
      if (name === 'img') {
        if (closing) return
        const src = attribute(source, 'src')
        const alt = attribute(source, 'alt')
        if (src) images.push({ src, ...(alt ? { alt } : {}) })
      } else if (name === 'br') tree.br()
      else {
        const rich = ALIASES[name]
        if (rich) {
          if (closing) tree.close(rich)
          else tree.open(rich)
        } else if (BLOCKS.has(name)) tree.lineBreak()
      }
    },
  })
  return { nodes: tree.finish(), images }
}

/** True when the tree holds formatting that plain text would lose (anything but text and breaks). */
export function hasFormatting(nodes: readonly RichNode[]): boolean {
  return nodes.some((n) => typeof n === 'object' && n.tag !== 'br')
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The canonical markup of a tree: its tags without attributes, text escaped. */
export function serializeRich(nodes: readonly RichNode[]): string {
  let out = ''
  for (const node of nodes) {
    if (typeof node === 'string') out += escape(node)
    else if (node.tag === 'br') out += '<br>'
    else out += `<${node.tag}>${serializeRich(node.children)}</${node.tag}>`
  }
  return out
}

const TOKEN = /<(\/?)(b|i|u|sub|sup|ul|ol|li|br)>|&(amp|lt|gt);/g
const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>' }

/**
 * Reads stored markup (untrusted: a deck file may hold anything) into the tree. Only the exact
 * tags `serializeRich` writes are tags; anything else, `<script>` or `<b onclick=…>` included, is
 * text. Unclosed tags close at the end; stray closing tags are ignored.
 */
export function parseRich(markup: string): RichNode[] {
  const tree = new TreeBuilder()
  let at = 0
  TOKEN.lastIndex = 0
  for (let m = TOKEN.exec(markup); m; m = TOKEN.exec(markup)) {
    tree.text(markup.slice(at, m.index))
    at = TOKEN.lastIndex
    if (m[3]) tree.text(ENTITY[m[3]]!)
    else if (m[2] === 'br') tree.br()
    else if (m[1]) tree.close(m[2] as RichTag)
    else tree.open(m[2] as RichTag)
  }
  tree.text(markup.slice(at))
  return tree.finish()
}

/** The text of a tree as the plain field holds it: breaks as new lines, list items as "• " lines. */
export function richToPlain(nodes: readonly RichNode[]): string {
  let out = ''
  const walk = (list: readonly RichNode[]) => {
    for (const node of list) {
      if (typeof node === 'string') out += node
      else if (node.tag === 'br') out += '\n'
      else if (node.tag === 'li') {
        out += '\n• '
        walk(node.children)
      } else if (node.tag === 'ul' || node.tag === 'ol') {
        walk(node.children)
        out += '\n'
      } else walk(node.children)
    }
  }
  walk(nodes)
  return out.replace(/ ?\n[ \n]*/g, '\n').trim()
}
