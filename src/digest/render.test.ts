import { describe, expect, it } from 'vitest'
import type { Paper } from '../papers/model.js'
import { renderDigest } from './render.js'
import { aPaper } from '../../test/support/paper.js'

const paper = (id: string, title: string): Paper =>
  aPaper({
    id,
    title,
    abstract: 'We show <b>bold</b> & brave results.',
    categories: ['cs.LG'],
    upvotes: 12,
    authors: [{ name: 'Ada Lovelace', hidden: false }],
  })

const links = {
  preferences: 'https://p.example/digest/preferences?s=1.x',
  unsubscribe: 'https://p.example/digest/unsubscribe?s=1.x',
  viewInBrowser: 'https://p.example/digest/preview?s=1.x',
}

describe('a digest email', () => {
  it('has a subject, an HTML part and a text part with every paper and link', async () => {
    const papers = [
      paper('2608.00001', 'Attention <script>alert(1)</script>'),
      paper('2608.00002', 'Second $\\alpha$ paper'),
    ]
    const d = await renderDigest({
      siteName: 'Paperboy',
      baseUrl: 'https://p.example',
      periodLabel: 'Friday, August 21, 2026',
      papers,
      forYou: [],
      links,
    })
    expect(d.subject).toBe('Paperboy: 2 trending papers · Friday, August 21, 2026')
    expect(d.html).not.toContain('<script>')
    expect(d.html).toContain('Attention &lt;script&gt;')
    expect(d.html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; brave')
    for (const link of [
      ...Object.values(links),
      'https://p.example/papers/2608.00001',
      'https://arxiv.org/abs/2608.00002',
    ]) {
      expect(d.html).toContain(link.replaceAll('&', '&amp;'))
      expect(d.text).toContain(link)
    }
    expect(d.text).toContain('2. Second α paper')
    expect(d.html).toContain('<meta name="color-scheme" content="light dark"/>')
  })

  it('adds a "for you" section whose papers say why they were chosen, in both parts', async () => {
    const d = await renderDigest({
      siteName: 'Paperboy',
      baseUrl: 'https://p.example',
      periodLabel: 'Friday, August 21, 2026',
      papers: [paper('2608.00001', 'Top paper')],
      forYou: [
        { paper: paper('2608.00003', 'A paper like yours'), because: { how: 'upvoted', title: 'Your $\\beta$ paper' } },
      ],
      links,
    })
    expect(d.text).toMatch(/For you\n\nA paper like yours\n {3}Ada Lovelace\n {3}Because you upvoted “Your β paper”/)
    expect(d.html).toContain('For you')
    expect(d.html).toContain('Because you upvoted “Your β paper”')
    expect(d.subject).toBe('Paperboy: 1 trending paper · Friday, August 21, 2026')
  })
})
