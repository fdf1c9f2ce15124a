// HTML fields (Anki's default) to plain text. A small linear scanner rather than a DOM parser:
// core has no DOM, and a regex per tag type would rescan the text once per unclosed tag.
// The output is plain text, shown as text: a "<b>" that an entity produced stays as written.

/** Plain text from an HTML field, and how much was left out. */
export interface HtmlText {
  text: string
  /** Pictures, sounds and videos dropped (cards hold text only). */
  media: number
}

// Elements whose contents are code or metadata, never card text.
export const SKIP_CONTENTS = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'head',
  'title',
  'textarea',
  'xmp',
  'noembed',
  'noframes',
  'select',
])
// Elements that start a new line when shown.
const BLOCKS = new Set([
  'br',
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
  'ul',
  'ol',
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
  'li',
])
const MEDIA = new Set(['img', 'audio', 'video', 'picture', 'source', 'embed', 'object'])

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  laquo: '«',
  raquo: '»',
  lsaquo: '‹',
  rsaquo: '›',
  bull: '•',
  middot: '·',
  deg: '°',
  plusmn: '±',
  times: '×',
  divide: '÷',
  micro: 'µ',
  para: '¶',
  sect: '§',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  sup1: '¹',
  sup2: '²',
  sup3: '³',
  minus: '−',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  iexcl: '¡',
  iquest: '¿',
  ordf: 'ª',
  ordm: 'º',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  szlig: 'ß',
  eth: 'ð',
  ETH: 'Ð',
  thorn: 'þ',
  THORN: 'Þ',
  oelig: 'œ',
  OElig: 'Œ',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  pi: 'π',
  sigma: 'σ',
  mu: 'μ',
  lambda: 'λ',
  omega: 'ω',
  Delta: 'Δ',
  Omega: 'Ω',
  shy: '',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
}
// Accented letters (&eacute; &Uuml; …) are a letter plus a combining mark; NFC composes them.
const MARKS: Record<string, string> = {
  grave: '\u0300',
  acute: '\u0301',
  circ: '\u0302',
  tilde: '\u0303',
  uml: '\u0308',
  ring: '\u030a',
  cedil: '\u0327',
  caron: '\u030c',
}
const ACCENTED = /^([A-Za-z])(grave|acute|circ|tilde|uml|ring|cedil|caron)$/

function decodeNamed(name: string): string | undefined {
  const known = NAMED[name]
  if (known !== undefined) return known
  const accented = ACCENTED.exec(name)
  return accented ? (accented[1]! + MARKS[accented[2]!]!).normalize('NFC') : undefined
}

function decodeCodePoint(code: number): string {
  if (code === 0xa0) return ' '
  if (code === 9 || code === 10) return String.fromCodePoint(code)
  if (code < 32 || (code >= 0x7f && code < 0xa0)) return ''
  if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
  return String.fromCodePoint(code)
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g

/**
 * Decodes HTML character references (`&amp;`, `&#233;`, `&#xE9;`, common named ones); a
 * non-breaking space becomes a plain space, as Anki does. Unknown names stay as written.
 * @example decodeEntities('Fish &amp; chips&nbsp;&eacute;') // 'Fish & chips é'
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole, dec?: string, hex?: string, name?: string) => {
    if (dec !== undefined) return decodeCodePoint(Number(dec))
    if (hex !== undefined) return decodeCodePoint(parseInt(hex, 16))
    return decodeNamed(name!) ?? whole
  })
}

const HREF = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i

/** The link target when it is an http(s) address; every other scheme (javascript:, data:, file:) is dropped. */
function safeHref(tag: string): string | undefined {
  const match = HREF.exec(tag)
  if (!match) return undefined
  const href = decodeEntities(match[1] ?? match[2] ?? match[3] ?? '').trim()
  return /^https?:\/\/[^\s<>"]+$/i.test(href) ? href : undefined
}

function isTagStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) // A-Z a-z
}

/** One tag met by {@link scanHtml}: its lower-case name, whether it closes, and its source between `<` and `>`. */
export interface HtmlTag {
  name: string
  closing: boolean
  source: string
}

/** What {@link scanHtml} reports, in document order. */
export interface HtmlScan {
  /** A run of text as written (entities not decoded); a `<` that starts no tag comes as its own run. */
  text(run: string): void
  /** A tag outside the skipped elements. */
  tag(tag: HtmlTag): void
  /** An element of the skip set whose whole contents were passed over. */
  skipped?(name: string): void
}

/**
 * Walks an HTML string the way a browser splits it into text and tags, in one linear pass:
 * comments and `<!DOCTYPE …>`/`<?…?>` are passed over, a `<` that starts no tag is text, an
 * unclosed tag ends the input (a browser drops it with everything after it), and the contents of
 * each element in `skip` are passed over up to its closing tag. The one tag scanner behind
 * {@link htmlToText} and the rich-text reader.
 * @example scanHtml('a<b>c</b>', new Set(), { text: (t) => t, tag: (t) => t.name }) // text a, tag b, text c, tag b (closing)
 */
export function scanHtml(html: string, skip: ReadonlySet<string>, on: HtmlScan): void {
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt === -1) {
      on.text(html.slice(i))
      return
    }
    if (lt > i) on.text(html.slice(i, lt))
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4)
      i = end === -1 ? html.length : end + 3
      continue
    }
    const next = html.charCodeAt(lt + 1)
    const closing = next === 47 // '/'
    const tagLike =
      isTagStart(next) ||
      next === 33 ||
      next === 63 ||
      (closing && isTagStart(html.charCodeAt(lt + 2)))
    if (!tagLike) {
      on.text('<')
      i = lt + 1
      continue
    }
    const gt = html.indexOf('>', lt + 1)
    if (gt === -1) return
    const source = html.slice(lt + 1, gt)
    i = gt + 1
    const name = /^\/?([A-Za-z][A-Za-z0-9-]*)/.exec(source)?.[1]?.toLowerCase()
    if (!name) continue // <!DOCTYPE …>, <?xml …?>
    if (!closing && skip.has(name) && !source.endsWith('/')) {
      on.skipped?.(name)
      const close = new RegExp(`</${name}[\\s/>]`, 'gi')
      close.lastIndex = i
      const found = close.exec(html)
      if (!found) return
      const end = html.indexOf('>', found.index)
      i = end === -1 ? html.length : end + 1
      continue
    }
    on.tag({ name, closing, source })
  }
}

/**
 * Turns an HTML field into plain text: `<br>`, `<div>`, `<p>` and other blocks become line breaks,
 * `<li>` a bullet; every other tag is dropped; the contents of `<script>`, `<style>` and similar are
 * dropped entirely; entities are decoded; runs of spaces collapse. A link keeps its text, followed
 * by its address when that is http(s). Runs in time linear in the input.
 * @example htmlToText('a<br>b<script>x()</script>').text // 'a\nb'
 */
export function htmlToText(html: string): HtmlText {
  let out = ''
  let media = 0
  let link: { href: string | undefined; start: number } | undefined
  scanHtml(html, SKIP_CONTENTS, {
    text(run) {
      out += decodeEntities(run.replace(/\s+/g, ' '))
    },
    skipped(name) {
      if (MEDIA.has(name)) media++
    },
    tag({ name, closing, source }) {
      if (name === 'a') {
        if (!closing) link = { href: safeHref(source), start: out.length }
        else if (link) {
          const label = out.slice(link.start).trim()
          if (link.href && !label.includes(link.href)) out += label ? ` (${link.href})` : link.href
          link = undefined
        }
      } else if (name === 'li' && !closing) out += '\n• '
      else if (BLOCKS.has(name)) out += '\n'
      else if (MEDIA.has(name) && !closing) media++
    },
  })
  // collapse runs first: a pattern that starts with "[ \t]*" would rescan a long run at every position
  const tidy = out
    .replace(/[ \t]+/g, ' ')
    .replace(/ ?\n[ \n]*/g, '\n')
    .trim()
  return { text: tidy, media }
}

/**
 * True when text holds anything between "<" and ">", the test Anki uses to guess that a file
 * without an `#html:` header is HTML.
 */
export function looksLikeHtml(text: string): boolean {
  const lt = text.indexOf('<')
  return lt !== -1 && text.indexOf('>', lt + 1) !== -1
}
