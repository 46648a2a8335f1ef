import pino from 'pino'
import { SaxesParser } from 'saxes'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { MAX_URLS_PER_SITEMAP } from '../src/crawlers/sitemap-parts.js'
import { loadDemoIfEmpty } from '../src/papers/demo/demo-set.js'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { upsertPapers } from '../src/papers/upsert.js'
import type { Db } from '../src/platform/db/connect.js'
import { describeEachDatabase } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { metaContents, tags } from './support/html.js'
import { latestRecordings } from './support/recorded.js'

/** robots.txt and the sitemaps, read the way a crawler reads them, on a catalog filled as a real install is. */
const BASE_URL = 'https://papers.example.org'
const TODAY = new Date().toISOString().slice(0, 10)
const OLD_STYLE = {
  id: 'hep-th/9901001',
  title: 'Black Holes and Old-Style Identifiers',
  publishedAt: '1999-01-04T00:00:00.000Z',
}
// The protocol's other limit besides the URL count (https://www.sitemaps.org/protocol.html).
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

interface Sitemap {
  root: string
  entries: { loc: string; lastmod?: string }[]
}

/** Parses a sitemap or sitemap index strictly: saxes throws on XML that is not well-formed. */
function parseSitemap(xml: string): Sitemap {
  const parser = new SaxesParser({ xmlns: true })
  const sitemap: Sitemap = { root: '', entries: [] }
  const open: string[] = []
  let text = ''
  parser.on('opentag', (tag) => {
    if (open.length === 0) {
      sitemap.root = tag.local
      expect(tag.uri).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    }
    if (open.length === 1) sitemap.entries.push({ loc: '' })
    open.push(tag.local)
    text = ''
  })
  parser.on('text', (t) => (text += t))
  parser.on('closetag', (tag) => {
    open.pop()
    const entry = sitemap.entries.at(-1)
    if (entry && (tag.local === 'loc' || tag.local === 'lastmod')) entry[tag.local] = text
  })
  parser.write(xml).close()
  return sitemap
}

function appFor(db: Db) {
  const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
  return createApp({ config, db, logger: pino({ level: 'silent' }) })
}

async function fetchXml(app: ReturnType<typeof appFor>, url: string): Promise<{ xml: string; sitemap: Sitemap }> {
  const res = await app.request(url.replace(BASE_URL, ''))
  expect(res.status, url).toBe(200)
  expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8')
  const xml = await res.text()
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  expect(Buffer.byteLength(xml), url).toBeLessThanOrEqual(MAX_SITEMAP_BYTES)
  return { xml, sitemap: parseSitemap(xml) }
}

async function allPaperIds(db: Db): Promise<string[]> {
  return (await db.kysely.selectFrom('papers').select('id').execute()).map((r) => r.id)
}

describeEachDatabase('robots.txt and sitemaps', (db) => {
  let app: ReturnType<typeof appFor>

  beforeAll(async () => {
    await loadDemoIfEmpty(db(), TODAY)
    await importHfDaily(db(), HF_DAILY_DIR)
    await upsertPapers(db(), [OLD_STYLE])
    app = appFor(db())
  })

  it('lets crawlers in everywhere but the admin pages and the API, and names the sitemap', async () => {
    const res = await app.request('/robots.txt')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
    const lines = (await res.text()).split('\n')
    expect(lines).toContain('User-agent: *')
    expect(lines.filter((l) => l.startsWith('Disallow:'))).toEqual(['Disallow: /admin/', 'Disallow: /api/'])
    expect(lines).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`)
  })

  it('lists every paper page exactly once, in the sitemap of the month it appeared', async () => {
    const { sitemap: index } = await fetchXml(app, `${BASE_URL}/sitemap.xml`)
    expect(index.root).toBe('sitemapindex')
    const byMonth = new Map<string, string[]>()
    for (const { loc, lastmod } of index.entries) {
      const name = /^https:\/\/papers\.example\.org\/sitemaps\/([\w-]+)\.xml$/.exec(loc)?.[1]
      expect(name, loc).toBeDefined()
      if (name === 'listings') continue
      expect(name).toMatch(/^\d{4}-\d{2}$/) // no month of this catalog comes near the limit
      expect(lastmod, loc).toMatch(W3C_DATETIME)
      const { sitemap } = await fetchXml(app, loc)
      expect(sitemap.root).toBe('urlset')
      for (const entry of sitemap.entries) expect(entry.lastmod, entry.loc).toMatch(W3C_DATETIME)
      byMonth.set(
        name!,
        sitemap.entries.map((e) => e.loc),
      )
    }
    const listed = [...byMonth.values()].flat()
    expect(new Set(listed).size).toBe(listed.length)
    const ids = await allPaperIds(db())
    expect(listed.sort()).toEqual(ids.map((id) => `${BASE_URL}/papers/${id}`).sort())
    for (const [id, item] of latestRecordings()) {
      expect(byMonth.get(item.paper.publishedAt.slice(0, 7)), id).toContain(`${BASE_URL}/papers/${id}`)
    }
    expect(byMonth.get('1999-01')).toEqual([`${BASE_URL}/papers/hep-th/9901001`])
  })

  it('lists the trending page and every day, week and month with papers, and only canonical addresses', async () => {
    const { sitemap } = await fetchXml(app, `${BASE_URL}/sitemaps/listings.xml`)
    const locs = sitemap.entries.map((e) => e.loc)
    expect(locs).toContain(`${BASE_URL}/papers/trending`)
    for (const path of ['/papers/date/2026-08-21', '/papers/week/2026-W34', '/papers/month/2026-06']) {
      expect(locs).toContain(`${BASE_URL}${path}`)
    }
    expect(locs).not.toContain(`${BASE_URL}/papers/date/${TODAY}`) // the demo's day: it stepped aside for the import
    expect(locs).not.toContain(`${BASE_URL}/`) // the home page names the latest day as its canonical address
    expect(new Set(locs).size).toBe(locs.length)
    for (const loc of locs.slice(0, 5)) {
      const html = await (await app.request(loc.replace(BASE_URL, ''))).text()
      expect(html).toContain(`<link rel="canonical" href="${loc}"/>`)
    }
  })

  describe('canonical addresses', () => {
    const canonicalOf = (html: string) =>
      tags(html, 'link')
        .filter((l) => l.rel === 'canonical')
        .map((l) => l.href)
    const robotsOf = (html: string) => metaContents(html, 'robots')

    it.each([
      ['/papers/date/2026-08-21?utm_source=feed&page=1', '/papers/date/2026-08-21'],
      ['/papers/month/2026-06?ref=x&page=2', '/papers/month/2026-06?page=2'],
      ['/papers/week/2026-W24?page=2', '/papers/week/2026-W24?page=2'],
      ['/?ref=home', '/papers/date/2026-08-21'],
      ['/papers?fbclid=abc', '/papers/date/2026-08-21'],
      ['/papers/trending?page=2&sort=new', '/papers/trending?page=2'],
      ['/papers/2608.19880?utm_medium=chat', '/papers/2608.19880'],
      ['/papers/hep-th/9901001', '/papers/hep-th/9901001'],
      ['/search?q=diffusion', '/search'],
    ])('%s names %s as its one address', async (path, canonical) => {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(canonicalOf(html)).toEqual([`${BASE_URL}${canonical}`])
      expect(robotsOf(html)).toEqual([])
    })

    it.each(['/papers/2401.99999', '/papers/date/2026-13-45', '/papers/trending?page=999', '/no/such/page'])(
      'keeps the error page %s out of indexes, with no canonical address',
      async (path) => {
        const res = await app.request(path)
        expect(res.status).toBeGreaterThanOrEqual(400)
        const html = await res.text()
        expect(canonicalOf(html)).toEqual([])
        expect(robotsOf(html)).toEqual(['noindex'])
      },
    )

    it('points from the Markdown copy of a paper page to the page', async () => {
      const res = await app.request('/papers/hep-th/9901001.md')
      expect(res.status).toBe(200)
      expect(res.headers.get('link')).toBe(`<${BASE_URL}/papers/hep-th/9901001>; rel="canonical"`)
    })

    it('keeps the answer to a subscription out of indexes', async () => {
      const res = await app.request('/subscribe', {
        method: 'POST',
        body: new URLSearchParams({ email: 'reader@lab.org' }),
        headers: { Origin: BASE_URL },
      })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(canonicalOf(html)).toEqual([])
      expect(robotsOf(html)).toEqual(['noindex'])
    })
  })

  it.each([
    '/sitemaps/1800-01.xml', // no papers that month
    '/sitemaps/2026-06-2.xml', // a part the month does not need
    '/sitemaps/2026-06-1.xml', // the first part is 2026-06.xml
    '/sitemaps/2026-13.xml',
    '/sitemaps/2026-06',
    '/sitemaps/2026-06-99999999999999999999.xml',
  ])('answers 404 for %s', async (path) => {
    const res = await app.request(path)
    expect(res.status).toBe(404)
  })

  it('answers 400 for /sitemaps/%00.xml, as for a NUL byte in any address', async () => {
    expect((await app.request('/sitemaps/%00.xml')).status).toBe(400)
  })
})

describeEachDatabase('a month with more papers than one sitemap may list', (db) => {
  const MONTH = '2015-03'
  const COUNT = MAX_URLS_PER_SITEMAP + 1

  beforeAll(async () => {
    const now = new Date().toISOString()
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      id: `1503.${String(i + 1).padStart(5, '0')}`,
      title: `Paper ${i + 1}`,
      abstract: '',
      categories: 'cs.LG',
      published_at: `${MONTH}-15T00:00:00.000Z`,
      created_at: now,
      modified_at: now,
    }))
    // Written directly: this is about reading 50,001 papers back, and the write path is tested elsewhere.
    for (let i = 0; i < rows.length; i += 1000)
      await db()
        .kysely.insertInto('papers')
        .values(rows.slice(i, i + 1000))
        .execute()
  })

  it('splits the month into sitemaps of at most 50,000 URLs that together list each paper once', async () => {
    const app = appFor(db())
    const { sitemap: index } = await fetchXml(app, `${BASE_URL}/sitemap.xml`)
    const locs = index.entries.map((e) => e.loc)
    expect(locs).toEqual([
      `${BASE_URL}/sitemaps/listings.xml`,
      `${BASE_URL}/sitemaps/${MONTH}.xml`,
      `${BASE_URL}/sitemaps/${MONTH}-2.xml`,
    ])
    const first = (await fetchXml(app, locs[1]!)).sitemap.entries.map((e) => e.loc)
    const second = (await fetchXml(app, locs[2]!)).sitemap.entries.map((e) => e.loc)
    expect(first).toHaveLength(MAX_URLS_PER_SITEMAP)
    expect(second).toHaveLength(1)
    expect(new Set([...first, ...second]).size).toBe(COUNT)
    expect((await app.request(`/sitemaps/${MONTH}-3.xml`)).status).toBe(404)
  })
})
