import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { createArxivRssParser, parseArxivRss } from './arxiv-rss.js'

const recorded = (name: string) => readFileSync(`${SHARED}data/arxiv-rss/${name}`, 'utf8')
const DAY = recorded('rss2_multi-archive_all-20-archives_2024-11-28.xml')
const day = parseArxivRss(DAY)
const find = (id: string) => day.items.find((i) => i.record.id === id)

describe("a day's announcements across all archives", () => {
  it('reads all 1504 items, by announce type, with no problems', () => {
    expect(day.announcedOn).toBe('2024-11-28')
    expect(day.error).toBeNull()
    expect(day.problems).toEqual([])
    expect(day.items).toHaveLength(1504)
    const byType: Record<string, number> = {}
    for (const { announceType } of day.items) byType[announceType] = (byType[announceType] ?? 0) + 1
    expect(byType).toEqual({ new: 926, replace: 569, cross: 9 })
  })

  it('reads a new paper: id, version, abstract after "Abstract:", author, category, licence', () => {
    expect(day.items[0]).toEqual({
      announceType: 'new',
      record: {
        id: '2411.17700',
        title:
          "Exploring the Impact of Generative AI on Cross-Border E-Commerce Brand Building in Chinese Tianjin's Manufacturing Sector",
        abstract: expect.stringMatching(
          /^This study investigates the influence .* structural equations \(PLS-SEM\)\.$/,
        ),
        version: 1,
        authors: ['Jun Cui'],
        categories: ['cs.CY'],
        license: 'http://creativecommons.org/licenses/by/4.0/',
      },
    })
  })

  it('reads the DOI and journal reference where there are any', () => {
    expect(day.items.filter((i) => i.record.doi)).toHaveLength(111)
    expect(day.items.filter((i) => i.record.journalRef)).toHaveLength(97)
    expect(find('2405.12090')).toMatchObject({
      announceType: 'cross',
      record: {
        version: 3,
        categories: ['physics.acc-ph', 'astro-ph.IM', 'physics.optics'],
        doi: '10.1103/PhysRevAccelBeams.27.112802',
        journalRef: 'Phys. Rev. Accel. Beams 27, (2024) 112802',
      },
    })
  })

  it('reads a replacement with its version number and no dates', () => {
    const item = find('1401.3665')
    expect(item).toMatchObject({ announceType: 'replace', record: { title: 'The existence of designs', version: 4 } })
    expect(item!.record).not.toHaveProperty('publishedAt')
    expect(item!.record).not.toHaveProperty('versions')
  })

  it('splits author lists, leaving out affiliations and decoding TeX accents', () => {
    expect(find('2411.17753')!.record.authors).toEqual([
      'Aleteia Araujo',
      'Breno Costa',
      'Joao Bachiega Jr',
      'Leonardo R. Carvalho',
      'Rajkumar Buyya',
    ])
    expect(find('2411.17856')!.record.authors).toEqual(['Hongni Jin', 'Kenneth M. Merz Jr'])
    expect(DAY).toContain('Felipe M. G. Fran\\c{c}a')
    const names = day.items.flatMap((i) => i.record.authors ?? [])
    expect(names).toContain('Felipe M. G. França')
    expect(names).toContain('Przemysław Olbratowski')
    expect(names.filter((n) => /[(){}]/.test(n))).toEqual([])
  })
})

describe('feeds without announcements', () => {
  it('reads an empty feed as no items and no error', () => {
    expect(parseArxivRss(recorded('rss2_test-archive_empty_2024-11-28.xml'))).toEqual({
      announcedOn: '2024-11-28',
      items: [],
      problems: [],
      error: null,
    })
  })

  it("reports the error feed's message", () => {
    expect(parseArxivRss(recorded('rss2_error_bad-archive-astroph_2024-11-28.xml'))).toMatchObject({
      items: [],
      error: expect.stringMatching(/^Bad archive 'astroph'\. Valid archive names are: astro-ph, cond-mat, cs,/),
    })
  })
})

describe('bad items', () => {
  const first = DAY.indexOf('<item>')
  const oneItem = (edit: (item: string) => string) => {
    const item = DAY.slice(first, DAY.indexOf('</item>') + '</item>'.length)
    return parseArxivRss(
      DAY.slice(0, first) + edit(item) + item.replace(/2411\.17700/g, '2411.99999') + '</channel></rss>',
    )
  }

  it('reports an item without a guid and lands the rest', () => {
    const feed = oneItem((item) => item.replace(/<guid[^>]*>[^<]*<\/guid>/, ''))
    expect(feed.problems).toEqual([{ where: 'item 1', reason: 'unreadable guid ""' }])
    expect(feed.items.map((i) => i.record.id)).toEqual(['2411.99999'])
  })

  it('reports an announce type it does not know', () => {
    const feed = oneItem((item) => item.replaceAll('new', 'absonly'))
    expect(feed.problems).toEqual([{ where: '2411.17700', reason: 'unknown announce type "absonly"' }])
  })

  it('marks a paper withdrawn when its abstract says so', () => {
    const feed = oneItem((item) =>
      item.replace(/Abstract: [^<]*/, 'Abstract: This paper has been withdrawn by the author.'),
    )
    expect(feed.items[0]!.record).toMatchObject({
      withdrawn: true,
      abstract: 'This paper has been withdrawn by the author.',
    })
    expect(feed.items[1]!.record).not.toHaveProperty('withdrawn')
  })
})

describe('reading as the body streams in', () => {
  it('gives the same feed from chunks as a fetch body delivers them', () => {
    const parser = createArxivRssParser()
    for (let i = 0; i < DAY.length; i += 4093) parser.write(DAY.slice(i, i + 4093))
    expect(parser.close()).toEqual(day)
  })

  it('keeps the items read before the body was cut off, and says it was', () => {
    const feed = parseArxivRss(DAY.slice(0, DAY.indexOf('oai:arXiv.org:2411.17702v1')))
    expect(feed.items.map((i) => i.record.id)).toEqual(['2411.17700', '2411.17701'])
    expect(feed.error).toMatch(/^not well-formed XML/)
  })
})
