import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  hasFormatting,
  htmlToRich,
  parseRich,
  richToPlain,
  serializeRich,
  type RichNode,
} from '@/core/richText'
import { htmlToText } from '@/core/importers/html'

// every tag in a tree, to check nothing outside the allowlist gets through
function tags(nodes: readonly RichNode[]): string[] {
  return nodes.flatMap((n) =>
    typeof n === 'string' ? [] : n.tag === 'br' ? ['br'] : [n.tag, ...tags(n.children)],
  )
}

describe('htmlToRich', () => {
  it('keeps bold, italic, underline, sub/superscript, breaks and lists', () => {
    const { nodes } = htmlToRich(
      'H<sub>2</sub>O is <b>water</b>, <em>not</em> <u>ice</u>; x<sup>2</sup><br>Kinds:<ul><li>one</li><li><strong>two</strong></ul>',
    )
    expect(nodes).toEqual([
      'H',
      { tag: 'sub', children: ['2'] },
      'O is ',
      { tag: 'b', children: ['water'] },
      ', ',
      { tag: 'i', children: ['not'] },
      ' ',
      { tag: 'u', children: ['ice'] },
      '; x',
      { tag: 'sup', children: ['2'] },
      { tag: 'br' },
      'Kinds:',
      {
        tag: 'ul',
        children: [
          { tag: 'li', children: ['one'] },
          { tag: 'li', children: [{ tag: 'b', children: ['two'] }] },
        ],
      },
    ])
    expect(hasFormatting(nodes)).toBe(true)
    expect(hasFormatting(htmlToRich('a<div>b</div>').nodes)).toBe(false)
  })

  it('removes scripts, styles, event handlers, links and every other element, keeping their text', () => {
    const hostile =
      '<script>alert(1)</script><style>b{}</style><b onclick="steal()" style="color:red">Bold</b>' +
      '<a href="javascript:alert(1)">link</a><iframe src="http://evil"></iframe>' +
      '<svg onload=alert(1)><circle/></svg><div onmouseover="x()">next</div><img src=x onerror=alert(1)>' +
      '<math><mi>x</mi></math><object data="x.swf"></object>&lt;script&gt;'
    const { nodes, images } = htmlToRich(hostile)
    expect(tags(nodes)).toEqual(['b', 'br', 'br'])
    expect(richToPlain(nodes)).toBe('Boldlink\nnext\n<script>')
    expect(richToPlain(nodes)).toBe(htmlToText(hostile).text)
    expect(JSON.stringify(nodes)).not.toMatch(/alert|steal|onclick|style|evil|javascript/)
    expect(images).toEqual([{ src: 'x' }])
  })

  it('lists pictures with their alt text, decoded, and never loads them', () => {
    expect(
      htmlToRich('<img src="heart&amp;lungs.png" alt="The heart"><img src=\'http://x.org/a.png\'>')
        .images,
    ).toEqual([{ src: 'heart&lungs.png', alt: 'The heart' }, { src: 'http://x.org/a.png' }])
  })

  it('flattens hostile nesting instead of nesting the render 100,000 deep', () => {
    const deep = '<b><i>'.repeat(50_000) + 'x'
    const { nodes } = htmlToRich(deep)
    let depth = 0
    for (let n: RichNode | undefined = nodes[0]; n && typeof n !== 'string'; depth++)
      n = n.tag === 'br' ? undefined : n.children[0]
    expect(depth).toBeLessThanOrEqual(16)
    expect(richToPlain(nodes)).toBe('x')
  })

  it('gives the same text as the plain reading of the field', () => {
    for (const html of [
      'a<br>b<div>c</div>d',
      '<ul><li>one</li><li>two</li></ul>after',
      '  spaced   <b> out </b>  ',
      'Fish &amp; chips&nbsp;&eacute;',
    ])
      expect(richToPlain(htmlToRich(html).nodes)).toBe(htmlToText(html).text)
  })
})

describe('parseRich and serializeRich', () => {
  it('round-trips a tree through its markup', () => {
    const { nodes } = htmlToRich(
      '<b>a &lt; b</b> &amp; <i>c<sup>2</sup></i><br><ol><li>x</li></ol>',
    )
    const markup = serializeRich(nodes)
    expect(markup).toBe('<b>a &lt; b</b> &amp; <i>c<sup>2</sup></i><br><ol><li>x</li></ol>')
    expect(parseRich(markup)).toEqual(nodes)
  })

  it('reads anything but its own exact tags as text', () => {
    expect(parseRich('<b onclick="x()">hi</b><script>alert(1)</script><img src=x>')).toEqual([
      '<b onclick="x()">hi<script>alert(1)</script><img src=x>',
    ])
    expect(parseRich('<b>open <i>never closed')).toEqual([
      { tag: 'b', children: ['open ', { tag: 'i', children: ['never closed'] }] },
    ])
  })

  it('never yields a node outside the allowlist, whatever the input', () => {
    const allowed = new Set(['b', 'i', 'u', 'sub', 'sup', 'ul', 'ol', 'li', 'br'])
    const piece = fc.constantFrom(
      '<b>',
      '</b>',
      '<i>',
      '<li>',
      '</ul>',
      '<ul>',
      '<br>',
      '<script>',
      '<img src=x onerror=y>',
      '&amp;',
      '&lt;',
      'text',
      ' ',
      '<',
      '>',
    )
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 40 }), (parts) => {
        const html = parts.join('')
        for (const nodes of [parseRich(html), htmlToRich(html).nodes]) {
          expect(tags(nodes).every((t) => allowed.has(t))).toBe(true)
          expect(parseRich(serializeRich(nodes))).toEqual(nodes)
        }
      }),
      { numRuns: 300 },
    )
  })
})
