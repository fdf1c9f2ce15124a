import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToText, looksLikeHtml } from '@/core/importers/html'

describe('htmlToText', () => {
  it.each([
    ['line<br>break', 'line\nbreak'],
    ['line<BR/>break', 'line\nbreak'],
    ['<div>first</div><div>second</div>', 'first\nsecond'],
    ['<p>one</p>\n\n<p>two</p>', 'one\ntwo'],
    ['<ul><li>SM-3</li><li>THAAD</li></ul>', '• SM-3\n• THAAD'],
    ['<b>bold</b> and <i>italic</i>', 'bold and italic'],
    ['spaced   out\n text', 'spaced out text'],
    ['a <span style="color:red">red</span> word', 'a red word'],
    ['<!-- hidden -->shown', 'shown'],
    ['before<!-- never closed', 'before'],
    ['<!DOCTYPE html><html><body>text</body></html>', 'text'],
  ])('turns %j into %j', (html, text) => {
    expect(htmlToText(html).text).toBe(text)
  })

  it.each([
    ['<script>alert(1)</script>kept', 'kept'],
    ['<SCRIPT type="x">a</SCRIPT >kept', 'kept'],
    ['<style>b { color: red }</style>kept', 'kept'],
    ['kept<script>never closed', 'kept'],
    ['<template><b>no</b></template>kept', 'kept'],
    ['<svg><text>no</text></svg>kept', 'kept'],
  ])('never keeps the contents of %j', (html, text) => {
    expect(htmlToText(html).text).toBe(text)
  })

  it('keeps a literal "<" that does not start a tag', () => {
    expect(htmlToText('1 < 2 and 3 <4').text).toBe('1 < 2 and 3 <4')
  })

  it('drops an unclosed tag with the rest of the text, as a browser does', () => {
    expect(htmlToText('text <img src="x" onerror="alert(1)"').text).toBe('text')
  })

  it('keeps the text of a link, and its address only when http(s)', () => {
    expect(htmlToText('<a href="https://www.mda.mil/">MDA</a>').text).toBe(
      'MDA (https://www.mda.mil/)',
    )
    expect(htmlToText("<a href='https://www.mda.mil/'>https://www.mda.mil/</a>").text).toBe(
      'https://www.mda.mil/',
    )
    expect(htmlToText('<a href="javascript:alert(1)">click</a>').text).toBe('click')
    expect(htmlToText('<a href="data:text/html,x">data</a>').text).toBe('data')
  })

  it('counts the pictures and media it leaves out', () => {
    expect(
      htmlToText('<img src="a.png"><audio src="b.mp3"></audio><video><source src="c"></video>x')
        .media,
    ).toBe(4)
  })

  it('decodes entities only after the tags are gone, so &lt;b&gt; stays text', () => {
    expect(htmlToText('&lt;b&gt;not bold&lt;/b&gt;').text).toBe('<b>not bold</b>')
  })
})

describe('decodeEntities', () => {
  it.each([
    ['Fish &amp; chips', 'Fish & chips'],
    ['a&nbsp;b', 'a b'],
    ['&eacute;&Uuml;&ccedil;&ntilde;', 'éÜçñ'],
    ['&#233;&#xE9;&#X1F680;', 'éé🚀'],
    ['&mdash;&hellip;&deg;', '—…°'],
    ['AT&T &unknown; &amp', 'AT&T &unknown; &amp'],
    ['&#0;&#xD800;&#1114112;', '\ufffd\ufffd'],
    ['&#7;', ''],
  ])('decodes %j', (text, decoded) => {
    expect(decodeEntities(text)).toBe(decoded)
  })
})

describe('looksLikeHtml', () => {
  it('finds anything between "<" and ">", the test Anki uses', () => {
    expect(looksLikeHtml('a<br>b')).toBe(true)
    expect(looksLikeHtml('1 < 2')).toBe(false)
    expect(looksLikeHtml('2 > 1 < 3')).toBe(false)
  })
})
