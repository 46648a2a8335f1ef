import { describe, expect, it } from 'vitest'
import type { Alert, AlertPaper } from '../../follows/alert.js'
import { clip } from './clip.js'
import { discordMessage } from './discord.js'
import { jsonMessage } from './json.js'
import { matrixMessage } from './matrix.js'
import { escapeMrkdwn, slackMessage } from './slack.js'

const paper = (i: number, over: Partial<AlertPaper> = {}): AlertPaper => ({
  id: `2612.${String(i).padStart(5, '0')}`,
  title: `Paper ${i}: <b>Diffusion</b> & *friends*`,
  authors: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Emmy Noether'],
  summary: 'We study things.',
  url: `https://papers.example.org/papers/2612.${String(i).padStart(5, '0')}`,
  arxivUrl: `https://arxiv.org/abs/2612.${String(i).padStart(5, '0')}`,
  why: 'category cs.LG',
  ...over,
})

const alertOf = (papers: AlertPaper[], over: Partial<Alert> = {}): Alert => ({
  followId: 7,
  userId: 1,
  kind: 'category',
  label: 'cs.LG',
  cadence: 'daily',
  followUrl: 'https://papers.example.org/following',
  batch: 'daily:2026-12-03',
  papers,
  ...over,
})

/** 30 papers whose every text is far past every limit: titles of 1,000 characters, summaries of 10,000 with emoji. */
const long = alertOf(
  Array.from({ length: 30 }, (_, i) =>
    paper(i, { title: `${'Long title '.repeat(100)}${i}`, summary: '🔬 '.repeat(5000), why: 'terms: '.repeat(200) }),
  ),
)

describe('Slack message', () => {
  it('escapes &, < and > in every text so a title cannot make a link or a mention', () => {
    const message = slackMessage(alertOf([paper(1, { title: '<!channel> & <https://evil|click>' })]), 'Paperboy')
    const json = JSON.stringify(message)
    expect(json).not.toContain('<!channel>')
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;https://evil|click&gt;')
    expect(message.text).toBe('Paperboy: 1 new paper for cs.LG')
    expect(escapeMrkdwn('a&b<c>d')).toBe('a&amp;b&lt;c&gt;d')
  })

  it('keeps to 50 blocks and 3,000 characters a section with 30 long papers, linking to the rest', () => {
    const { blocks } = slackMessage(long, 'Paperboy') as { blocks: { type: string; text?: { text: string } }[] }
    expect(blocks.length).toBeLessThanOrEqual(50)
    for (const b of blocks) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000)
    expect(JSON.stringify(blocks.at(-1))).toContain('10 more on Paperboy')
  })
})

describe('Discord message', () => {
  it('stays within 10 embeds, titles of 256, descriptions of 4,096 and 6,000 characters in all with 30 long papers', () => {
    const message = discordMessage(long, 'Paperboy')
    expect(message.embeds).toHaveLength(10)
    let total = 0
    for (const e of message.embeds) {
      expect(e.title!.length).toBeLessThanOrEqual(256)
      expect(e.description.length).toBeLessThanOrEqual(4096)
      total += e.title!.length + e.description.length + e.footer.text.length
    }
    expect(total).toBeLessThanOrEqual(6000)
    expect(message.content.length).toBeLessThanOrEqual(2000)
    expect(message.content).toContain('showing 10; all: <https://papers.example.org/following>')
    expect(message.allowed_mentions).toEqual({ parse: [] })
  })

  it('gives one paper its whole text, with markdown escaped', () => {
    const message = discordMessage(alertOf([paper(1, { summary: 'A **bold** claim @everyone' })]), 'Paperboy')
    expect(message.embeds[0]!.description).toContain('A \\*\\*bold\\*\\* claim @\u200beveryone')
    expect(message.embeds[0]!.url).toBe('https://papers.example.org/papers/2612.00001')
  })
})

describe('Matrix message', () => {
  it('is an m.text with a plain body and an HTML-escaped formatted_body', () => {
    const message = matrixMessage(alertOf([paper(1, { change: { kind: 'new-version', version: 3 } })]), 'Paperboy')
    expect(message.msgtype).toBe('m.text')
    expect(message.format).toBe('org.matrix.custom.html')
    expect(message.body).toContain('Paper 1: <b>Diffusion</b> & *friends* (new version v3)')
    expect(message.formatted_body).toContain('Paper 1: &lt;b&gt;Diffusion&lt;/b&gt; &amp; *friends*')
    expect(message.formatted_body).not.toContain('<b>')
  })
})

describe('generic JSON message', () => {
  it('carries the follow, the batch and every paper', () => {
    const message = jsonMessage(alertOf([paper(1), paper(2, { change: { kind: 'withdrawn' } })]))
    expect(message).toMatchObject({
      type: 'paperboy.alert',
      follow: {
        id: 7,
        kind: 'category',
        label: 'cs.LG',
        url: 'https://papers.example.org/following',
        cadence: 'daily',
      },
      batch: 'daily:2026-12-03',
    })
    expect(message.papers.map((p) => p.id)).toEqual(['2612.00001', '2612.00002'])
    expect(message.papers[1]!.change).toEqual({ kind: 'withdrawn' })
    expect(message.papers[0]).toHaveProperty('arxiv_url', 'https://arxiv.org/abs/2612.00001')
  })
})

describe('clip', () => {
  it('never splits a surrogate pair', () => {
    const clipped = clip('🔬'.repeat(10), 6)
    expect(clipped.length).toBeLessThanOrEqual(6)
    expect(clipped).toBe('🔬🔬…')
    expect(clip('short', 10)).toBe('short')
  })
})
