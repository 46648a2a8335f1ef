import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cardSvg, escapeXml, wrapText } from './card-svg.js'

describe('wrapping a card title', () => {
  it('keeps a short title on one line', () => {
    expect(wrapText('Attention Is All You Need', 20, 4)).toEqual(['Attention Is All You Need'])
  })

  it('breaks at spaces, never past the width, and keeps every word in order', () => {
    const lines = wrapText('Scaling Diffusion Transformers with Long Context Windows for Video', 12, 10)
    expect(lines.length).toBeGreaterThan(2)
    expect(lines.join(' ')).toBe('Scaling Diffusion Transformers with Long Context Windows for Video')
  })

  it('ends the last line with an ellipsis when the title is longer than the lines allow', () => {
    const lines = wrapText('word '.repeat(200), 20, 4)
    expect(lines).toHaveLength(4)
    expect(lines[3]).toMatch(/word…$/)
  })

  it('splits a word too long for any line', () => {
    const lines = wrapText('x'.repeat(300), 20, 3)
    expect(lines).toHaveLength(3)
    expect(lines[2]!.endsWith('…')).toBe(true)
  })

  it('gives no lines for an empty title', () => {
    expect(wrapText('  \n ', 20, 4)).toEqual([])
  })
})

describe('a card as SVG', () => {
  it('escapes markup, quotes and ampersands, and drops characters XML forbids', () => {
    expect(escapeXml(`<b a="1">&'\u0001`)).toBe('&lt;b a=&quot;1&quot;&gt;&amp;&apos;')
  })

  it('is well-formed XML whatever the text holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (title, byline, site) => {
        const svg = cardSvg({ site, title, byline, footer: '1 Jan 2026 · arXiv:2601.00001' })
        const text = svg.replace(/<[^>]*>/g, '')
        // Outside tags, only escaped entities remain: no raw < or a bare &.
        expect(text).not.toMatch(/<|&(?!(amp|lt|gt|quot|apos);)/)
        expect(svg).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/)
      }),
    )
  })
})
