import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'
import '@citation-js/plugin-ris'
import pino from 'pino'
import Parser from 'rss-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { categoryIndex } from '../src/categories/category-index.js'
import { intoSections, sectionOf } from '../src/categories/sections.js'
import { loadConfig } from '../src/config.js'
import { listingWindow } from '../src/papers/listing-days.js'
import { upsertPapers } from '../src/papers/upsert.js'
import type { PaperRecord } from '../src/papers/model.js'
import { describeEachDatabase } from './support/db.js'
import { paperIdsIn, tags, textOf } from './support/html.js'
import { aPaper } from './support/paper.js'

const BASE_URL = 'https://papers.example.org'
const CLOCK = () => Date.parse('2026-08-24T09:00:00.000Z')
const parser = new Parser()

/** Three listing days of cs.LG with a gap: the 18th (math only), the 20th and the 21st, its latest. */
const EARLIER = '2026-08-20'
const LATEST = '2026-08-21'
/** A moment `hours` into the submission window arXiv lists on `day` (from 14:00 New York time, two weekdays before). */
const at = (day: string, hours = 1) => new Date(Date.parse(listingWindow(day).start) + hours * 3_600_000).toISOString()
/** The last second of that window. */
const lastOf = (day: string) => new Date(Date.parse(listingWindow(day).end) - 1000).toISOString()

const RECORDS: PaperRecord[] = [
  {
    id: '2608.10001',
    title: 'A New Learner With $\\alpha$-Divergences',
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.LG', 'stat.ML'],
    publishedAt: at(LATEST),
    updatedAt: at(LATEST),
    version: 1,
    githubRepo: 'https://github.com/example/learner',
    counts: { upvotes: 7, numComments: 3, githubStars: 1200 },
  },
  {
    id: '2608.10002',
    title: 'Parsing Cross-Listed Into Learning',
    authors: ['Noam Chomsky'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: lastOf(LATEST),
    version: 1,
  },
  {
    id: '2607.00003',
    title: 'An Old Paper Replaced',
    authors: ['Grace Hopper'],
    categories: ['cs.LG'],
    publishedAt: at('2026-07-01'),
    updatedAt: at(LATEST, 0),
    version: 2,
  },
  { id: '2608.10004', title: 'Yesterday in Learning', categories: ['cs.LG'], publishedAt: at(EARLIER), version: 1 },
  { id: '2608.10005', title: 'Only Vision', categories: ['cs.CV'], publishedAt: at(LATEST), version: 1 },
  { id: '2608.10006', title: 'Sheaves', categories: ['math.AG'], publishedAt: at('2026-08-18'), version: 1 },
  // In a category whose code cs.LG's LIKE pattern would match case-insensitively in SQLite.
  { id: '2608.10007', title: 'Hidden by an admin', categories: ['cs.LG'], publishedAt: at(LATEST), version: 1 },
  { id: '2608.10008', title: 'Next day in another archive', categories: ['hep-th'], publishedAt: at('2026-08-24') },
]

type JsonFeed = { items: { id: string; title: string; date_modified: string }[]; feed_url: string }

describe('sections of a category day', () => {
  const paper = aPaper({
    id: '2608.00001',
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: at(LATEST),
    updatedAt: at('2026-08-25'),
    version: 2,
  })
  it('lists a paper as new in its primary category and as a cross-list in the others', () => {
    expect(sectionOf(paper, 'cs.CL', LATEST)).toBe('new')
    expect(sectionOf(paper, 'cs.LG', LATEST)).toBe('cross')
    expect(sectionOf(paper, 'cs.AI', LATEST)).toBeNull()
  })
  it('lists a paper on the day of its latest version as a replacement, and not on a day between', () => {
    expect(sectionOf(paper, 'cs.LG', '2026-08-25')).toBe('replaced')
    expect(sectionOf(paper, 'cs.LG', '2026-08-23')).toBeNull()
  })
  it('never lists a first version as a replacement, nor a category differing only in case', () => {
    const first = aPaper({
      id: '2608.00002',
      categories: ['cs.LG'],
      publishedAt: at('2026-08-01'),
      updatedAt: at(LATEST),
      version: 1,
    })
    expect(sectionOf(first, 'cs.LG', LATEST)).toBeNull()
    expect(sectionOf(paper, 'cs.lg', LATEST)).toBeNull()
  })
  it('orders each section by arXiv id, as arXiv lists them', () => {
    const b = aPaper({ id: '2608.00009', categories: ['cs.LG'], publishedAt: at(LATEST) })
    const a = aPaper({ id: '2608.00003', categories: ['cs.LG'], publishedAt: at(LATEST) })
    expect(intoSections([b, a], 'cs.LG', LATEST).new.map((p) => p.id)).toEqual(['2608.00003', '2608.00009'])
  })
  it('indexes categories under their archives in arXiv order, unknown codes after, with the day counted', () => {
    const groups = categoryIndex(
      new Map([
        ['math.AG', 3],
        ['cs.LG', 2],
        ['zz.QQ', 1],
        ['cs.AI', 1],
      ]),
      [paper],
      LATEST,
    )
    expect(groups.map((g) => g.code)).toEqual(['cs', 'math', 'zz'])
    expect(groups[0]!.rows.map((r) => [r.code, r.name])).toEqual([
      ['cs.AI', 'Artificial Intelligence'],
      ['cs.CL', 'Computation and Language'],
      ['cs.LG', 'Machine Learning'],
    ])
    expect(groups[0]!.rows.find((r) => r.code === 'cs.LG')!.day).toEqual({ new: 0, cross: 1, replaced: 0 })
    expect(groups[2]!.rows[0]!.name).toBe('zz.QQ')
  })
})

describeEachDatabase('category views', (db) => {
  let app: ReturnType<typeof createApp>
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`${BASE_URL}${path}`, { headers })
  const html = async (path: string) => {
    const res = await get(path)
    expect(res.status, path).toBe(200)
    return res.text()
  }
  /** The ids listed under each section heading, in page order. */
  const sectionsOf = (page: string) =>
    Object.fromEntries(
      ['new', 'cross', 'replaced'].map((s) => {
        const start = page.indexOf(`id="section-${s}"`)
        const end = page.indexOf('</section>', start)
        return [s, paperIdsIn(page.slice(start, end))]
      }),
    )

  beforeAll(async () => {
    await upsertPapers(db(), RECORDS)
    await db()
      .kysely.updateTable('papers')
      .set({ hidden_at: at(LATEST) })
      .where('id', '=', '2608.10007')
      .execute()
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: CLOCK })
  })

  it("shows a category's latest day in arXiv's sections, each paper with its votes, comments and code", async () => {
    const page = await html('/c/cs.LG')
    expect(sectionsOf(page)).toEqual({ new: ['2608.10001'], cross: ['2608.10002'], replaced: ['2607.00003'] })
    const text = textOf(page)
    expect(text).toContain('Machine Learning cs.LG')
    expect(text).toContain('Friday, August 21, 2026')
    expect(text).not.toContain('Only Vision')
    expect(text).not.toContain('Hidden by an admin')
    const card = page.slice(page.indexOf('2608.10001'), page.indexOf('id="section-cross"'))
    expect(textOf(card)).toMatch(/3 comments/)
    expect(tags(card, 'a').some((a) => a.href === 'https://github.com/example/learner')).toBe(true)
    expect(textOf(card)).toMatch(/\b7\b/) // the upvote count on the vote button
    // TeX in titles is rendered as on every listing.
    expect(card).toContain('<math')
  })

  it('links the previous and next days that have announcements, skipping empty days', async () => {
    const latest = await html('/c/cs.LG')
    expect(tags(latest, 'a').find((a) => a.rel === 'prev')?.href).toBe(`/c/cs.LG/${EARLIER}`)
    expect(tags(latest, 'a').find((a) => a.rel === 'next')).toBeUndefined()
    const earlier = await html(`/c/cs.LG/${EARLIER}`)
    expect(sectionsOf(earlier)).toEqual({ new: ['2608.10004'], cross: [], replaced: [] })
    expect(tags(earlier, 'a').find((a) => a.rel === 'next')?.href).toBe(`/c/cs.LG/${LATEST}`)
    // The replaced paper's first version was new in cs.LG on 1 July: that day has an announcement too.
    expect(tags(earlier, 'a').find((a) => a.rel === 'prev')?.href).toBe('/c/cs.LG/2026-07-01')
    const empty = await html('/c/cs.LG/2026-08-19')
    expect(textOf(empty)).toContain('None on this day')
    expect(tags(empty, 'a').find((a) => a.rel === 'next')?.href).toBe(`/c/cs.LG/${EARLIER}`)
  })

  it('lists a paper as a cross-list in its other categories', async () => {
    const page = await html('/c/stat.ML')
    expect(sectionsOf(page)).toEqual({ new: [], cross: ['2608.10001'], replaced: [] })
    expect(textOf(page)).toContain('Machine Learning stat.ML')
  })

  it("advertises the category's feeds and links its exports and the ranking page", async () => {
    const page = await html(`/c/cs.LG/${EARLIER}`)
    const alternates = tags(page, 'link').filter((l) => l.rel === 'alternate')
    expect(alternates.map((l) => [l.type, l.href])).toEqual([
      ['application/rss+xml', '/c/cs.LG/feed.rss'],
      ['application/atom+xml', '/c/cs.LG/feed.atom'],
      ['application/feed+json', '/c/cs.LG/feed.json'],
    ])
    const links = tags(page, 'a').map((a) => a.href)
    expect(links).toContain(`/c/cs.LG/${EARLIER}/export.bib`)
    expect(links).toContain('/about/ranking#category')
    expect(tags(page, 'link').find((l) => l.rel === 'canonical')?.href).toBe(`${BASE_URL}/c/cs.LG/${EARLIER}`)
  })

  it('sends other spellings of a category to its address, and an archive to its part of the index', async () => {
    const lower = await get('/c/cs.lg')
    expect(lower.status).toBe(301)
    expect(lower.headers.get('location')).toBe('/c/cs.LG')
    expect((await get(`/c/cs.lg/${EARLIER}`)).headers.get('location')).toBe(`/c/cs.LG/${EARLIER}`)
    const archive = await get('/c/cs')
    expect(archive.status).toBe(302)
    expect(archive.headers.get('location')).toBe('/c#archive-cs')
  })

  it('shows a known category without papers as empty, and a category arXiv lacks that has papers', async () => {
    expect(textOf(await html('/c/q-bio.GN'))).toContain('no papers in q-bio.GN yet')
    await upsertPapers(db(), [
      { id: '2608.10009', title: 'Old style', categories: ['cmp-lg'], publishedAt: at(EARLIER) },
    ])
    const page = await html('/c/cmp-lg')
    expect(sectionsOf(page).new).toEqual(['2608.10009'])
  })

  const HOSTILE: [string, number][] = [
    ['/c/xx.YY', 404],
    ['/c/cs.LG%00', 400],
    ['/c/%00', 400],
    ['/c/..%2F..%2Fetc%2Fpasswd', 400],
    ['/c/cs.LG%27%20OR%201%3D1', 400],
    ['/c/%3Cscript%3E', 400],
    [`/c/${'a'.repeat(10_000)}`, 400],
    ['/c/cs.LG/2026-13-45', 400],
    ['/c/cs.LG/2026-02-30', 400],
    ['/c/cs.LG/%00', 400],
    ['/c/cs.LG/..%2F..', 400],
    [`/c/cs.LG/${'9'.repeat(10_000)}`, 400],
    ['/c/xx.YY/feed.rss', 404],
    ['/c/cs.LG%00/feed.atom', 400],
    ['/c/cs.LG/2026-13-45/export.bib', 400],
    ['/c/%F0%9F%92%A9/export.ris', 400],
  ]
  for (const [path, status] of HOSTILE) {
    it(`answers ${status} with a clear message for ${path.slice(0, 60)}`, async () => {
      const res = await get(path)
      expect(res.status).toBe(status)
      const body = await res.text()
      expect(textOf(body)).toMatch(/not an arXiv category|not a date|no arXiv category|control character/i)
      expect(body).not.toContain('<script>')
    })
  }

  it('indexes every category with papers under its archive, with the latest day counted by section', async () => {
    const page = await html('/c')
    const text = textOf(page)
    expect(text).toContain('Computer Science')
    expect(text).toContain('Mathematics')
    expect(text).toContain('High Energy Physics - Theory')
    // hep-th's paper is the catalog's latest day (Monday the 24th): cs.LG has nothing on it.
    const row = (code: string) => {
      const start = page.indexOf(`href="/c/${code}"`)
      return textOf(page.slice(start, page.indexOf('</tr>', start)))
    }
    expect(row('hep-th')).toMatch(/High Energy Physics - Theory hep-th 1 0 0 1 1$/)
    // Four papers have cs.LG as their primary category, the one hidden from the feed among them.
    expect(row('cs.LG')).toMatch(/cs\.LG 0 0 0 0 4$/)
    expect(text).not.toContain('q-bio.GN')
    expect(tags(page, 'a').some((a) => a.href === '/c')).toBe(true) // the site's nav links the index
  })

  it("offers the category's feed as RSS, Atom and JSON Feed, one item per paper, newest first", async () => {
    const [rss, atom, json] = await Promise.all(['rss', 'atom', 'json'].map((f) => get(`/c/cs.LG/feed.${f}`)))
    const fromRss = await parser.parseString(await rss!.text())
    const fromAtom = await parser.parseString(await atom!.text())
    const fromJson = (await json!.json()) as JsonFeed
    const ids = ['2608.10002', '2608.10001', '2607.00003', '2608.10004'].map((id) => `${BASE_URL}/papers/${id}`)
    expect(fromRss.items.map((i) => i.guid)).toEqual(ids)
    expect(fromAtom.items.map((i) => i.id)).toEqual(ids)
    expect(fromJson.items.map((i) => i.id)).toEqual(ids)
    expect(fromJson.feed_url).toBe(`${BASE_URL}/c/cs.LG/feed.json`)
    expect(fromRss.title).toContain('cs.LG (Machine Learning)')
  })

  it('answers 304 to a reader with the current feed, and keeps one item when a paper gets a new version', async () => {
    const first = await get('/c/cs.LG/feed.atom')
    const etag = first.headers.get('etag')!
    expect((await get('/c/cs.LG/feed.atom', { 'if-none-match': etag })).status).toBe(304)
    const lastModified = first.headers.get('last-modified')!
    expect((await get('/c/cs.LG/feed.atom', { 'if-modified-since': lastModified })).status).toBe(304)
    await upsertPapers(db(), [{ id: '2608.10004', title: 'Yesterday, Revised', version: 2, updatedAt: at(LATEST, 2) }])
    expect((await get('/c/cs.LG/feed.atom', { 'if-none-match': etag })).status).toBe(200)
    const feed = (await (await get('/c/cs.LG/feed.json')).json()) as JsonFeed
    expect(feed.items.filter((i) => i.id.endsWith('/2608.10004')).map((i) => i.title)).toEqual(['Yesterday, Revised'])
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(feed.items.length)
    // Replaced that day, it is now among the day's replacements rather than the 20th's new papers.
    expect(sectionsOf(await html(`/c/cs.LG/${LATEST}`)).replaced).toEqual(['2607.00003', '2608.10004'])
  })

  it("exports a category's day as BibTeX and RIS that citation.js reads", async () => {
    const bib = await get(`/c/cs.LG/${LATEST}/export.bib`)
    expect(bib.headers.get('content-disposition')).toContain(`papers-c-cs-LG-${LATEST}.bib`)
    const items = (await Cite.async(await bib.text())).data as { title: string }[]
    expect(items.map((i) => i.title).sort()).toEqual(
      // citation.js reads the TeX of the BibTeX title as the reader sees it.
      [
        'A New Learner With α-Divergences',
        'An Old Paper Replaced',
        'Parsing Cross-Listed Into Learning',
        'Yesterday, Revised',
      ].sort(),
    )
    const ris = (await Cite.async(await (await get('/c/stat.ML/export.ris')).text())).data as { title: string }[]
    expect(ris.map((i) => i.title)).toEqual(['A New Learner With α-Divergences'])
  })
})
