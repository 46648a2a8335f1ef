import pino from 'pino'
import Parser from 'rss-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { CHECKED_PAGES } from './support/checked-pages.js'
import { describeEachDatabase } from './support/db.js'
import { tags } from './support/html.js'
import { RECORDED_DAYS, recordedDay } from './support/recorded.js'
import { seedCatalog } from './support/site.js'

const BASE_URL = 'https://papers.example.org'
const TODAY = '2026-08-24'
const CLOCK = () => Date.parse(`${TODAY}T09:00:00.000Z`)
const LAST_DAY = RECORDED_DAYS.at(-1)!
const parser = new Parser()

type JsonFeed = {
  version: string
  title: string
  feed_url: string
  home_page_url: string
  items: { id: string; url: string; title: string; date_modified: string; authors?: { name: string }[] }[]
}

/** Every view that offers feeds, as a reader's feed client would ask for it. */
const VIEWS = [
  { name: 'latest days', base: '/papers' },
  { name: 'a day', base: `/papers/date/${LAST_DAY}` },
  { name: 'a week', base: '/papers/week/2026-W34' },
  { name: 'a month', base: '/papers/month/2026-08' },
  { name: 'trending', base: '/papers/trending' },
  { name: 'a search', base: '/search', query: '?q=agents' },
  { name: 'a category', base: '/search', query: '?category=hep-th' },
  { name: 'an author', base: '/search', query: `?q=${encodeURIComponent('author:"Tomas Pfister"')}` },
]

/** The page's `<link rel="alternate">` tags. */
const alternatesIn = (html: string) => tags(html, 'link').filter((l) => l.rel === 'alternate')

describeEachDatabase('feeds', (db) => {
  let app: ReturnType<typeof createApp>
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`${BASE_URL}${path}`, { headers })

  beforeAll(async () => {
    await seedCatalog(db(), TODAY)
    // Hugging Face's records carry no arXiv categories; three papers from arXiv do.
    await upsertPapers(
      db(),
      [1, 2, 3].map((n) => ({
        id: `2608.9990${n}`,
        title: `String Theory Paper Number ${n}`,
        abstract: 'Branes and dualities.',
        categories: ['hep-th', 'gr-qc'],
        publishedAt: `2026-08-1${n}T00:00:00.000Z`,
        authors: ['Juan Maldacena'],
      })),
    )
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: CLOCK })
  })

  for (const view of VIEWS) {
    it(`offers ${view.name} as RSS 2.0, Atom 1.0 and JSON Feed 1.1 that parse, with the same items`, async () => {
      const path = (format: string) => `${view.base}/feed.${format}${view.query ?? ''}`
      const [rss, atom, json] = await Promise.all(['rss', 'atom', 'json'].map((f) => get(path(f))))
      expect(rss!.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8')
      expect(atom!.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
      expect(json!.headers.get('content-type')).toBe('application/feed+json; charset=utf-8')
      const fromRss = await parser.parseString(await rss!.text())
      const fromAtom = await parser.parseString(await atom!.text())
      const fromJson = (await json!.json()) as JsonFeed
      expect(fromRss.items.length).toBeGreaterThan(0)
      expect(fromJson.version).toBe('https://jsonfeed.org/version/1.1')
      // Its own address, with a search in the canonical order of its parameters.
      expect(fromJson.feed_url.startsWith(`${BASE_URL}${view.base}/feed.json`)).toBe(true)
      // One item per paper, each with the paper page's address as its stable id, in all three.
      const ids = fromRss.items.map((i) => i.guid)
      expect(new Set(ids).size).toBe(ids.length)
      expect(fromAtom.items.map((i) => i.id)).toEqual(ids)
      expect(fromJson.items.map((i) => i.id)).toEqual(ids)
      for (const item of fromRss.items) {
        expect(item.guid).toMatch(new RegExp(`^${BASE_URL}/papers/[^/]+`))
        expect(item.link).toBe(item.guid)
        expect(item.title).toBeTruthy()
        expect(Number.isNaN(Date.parse(item.pubDate!))).toBe(false)
      }
    })
  }

  it('lists the papers of the day it follows, with their titles, authors and abstracts', async () => {
    const recorded = recordedDay(LAST_DAY)
    const feed = (await (await get(`/papers/date/${LAST_DAY}/feed.json`)).json()) as JsonFeed
    expect(new Set(feed.items.map((i) => i.id))).toEqual(
      new Set(recorded.map((r) => `${BASE_URL}/papers/${r.paper.id}`)),
    )
    const first = recorded[0]!
    const item = feed.items.find((i) => i.id === `${BASE_URL}/papers/${first.paper.id}`)!
    expect(item.title).toBe(first.paper.title.replace(/\s+/g, ' ').trim())
    expect(item.authors?.map((a) => a.name)).toEqual(first.paper.authors.filter((a) => !a.hidden).map((a) => a.name))
    expect(item.date_modified).toBe(`${LAST_DAY}T00:00:00.000Z`)
  })

  it('answers 304 to a reader that has the current feed, by ETag or by date, and 200 once it changes', async () => {
    const first = await get('/papers/trending/feed.atom')
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(lastModified).toMatch(/GMT$/)
    expect((await get('/papers/trending/feed.atom', { 'if-none-match': etag })).status).toBe(304)
    expect((await get('/papers/trending/feed.atom', { 'if-modified-since': lastModified })).status).toBe(304)
    const earlier = new Date(Date.parse(lastModified) - 86_400_000).toUTCString()
    expect((await get('/papers/trending/feed.atom', { 'if-modified-since': earlier })).status).toBe(200)
    await upsertPapers(db(), [
      {
        id: '2608.99990',
        title: 'A Paper Everyone Upvoted Just Now',
        counts: { upvotes: 5000, numComments: 0 },
        featuring: {
          featuredOn: LAST_DAY,
          source: 'hf',
          position: 99,
          submittedBy: null,
          submittedAt: `${LAST_DAY}T10:00:00.000Z`,
        },
      },
    ])
    expect((await get('/papers/trending/feed.atom', { 'if-none-match': etag })).status).toBe(200)
  })

  it('keeps one item with the same id when a paper gets a new version', async () => {
    const id = recordedDay(LAST_DAY)[1]!.paper.id
    const before = (await (await get(`/papers/date/${LAST_DAY}/feed.json`)).json()) as JsonFeed
    await upsertPapers(db(), [
      { id, version: 7, title: 'A Retitled Seventh Version', updatedAt: `${TODAY}T00:00:00.000Z` },
    ])
    const after = (await (await get(`/papers/date/${LAST_DAY}/feed.json`)).json()) as JsonFeed
    expect(after.items.map((i) => i.id).sort()).toEqual(before.items.map((i) => i.id).sort())
    expect(after.items.find((i) => i.id === `${BASE_URL}/papers/${id}`)!.title).toBe('A Retitled Seventh Version')
  })

  it('stays well-formed XML when a title holds characters XML cannot carry', async () => {
    await upsertPapers(db(), [
      {
        id: '2608.99991',
        title: 'Control \u0001\u0008 characters & <tags> ]]> in a title',
        abstract: 'An abstract with a form feed \u000c and <script>alert(1)</script>.',
        authors: ['Ada <Lovelace>'],
        featuring: {
          featuredOn: LAST_DAY,
          source: 'hf',
          position: 100,
          submittedBy: null,
          submittedAt: `${LAST_DAY}T11:00:00.000Z`,
        },
      },
    ])
    for (const format of ['rss', 'atom']) {
      const feed = await parser.parseString(await (await get(`/papers/date/${LAST_DAY}/feed.${format}`)).text())
      const item = feed.items.find((i) => (i.guid ?? i.id)?.endsWith('/papers/2608.99991'))!
      expect(item.title).toBe('Control  characters & <tags> ]]> in a title')
    }
  })

  it('says what is wrong with a feed address instead of failing', async () => {
    expect((await get('/papers/date/2026-13-45/feed.rss')).status).toBe(400)
    expect((await get('/papers/week/2026-W54/feed.atom')).status).toBe(400)
    expect((await get('/search/feed.rss')).status).toBe(400)
    expect((await get('/search/feed.json?sort=sideways&q=x')).status).toBe(400)
    expect((await get('/papers/feed.xml')).status).toBe(404)
  })

  describe('discovery', () => {
    it('advertises RSS, Atom and JSON feeds with <link rel="alternate"> on every page', async () => {
      for (const page of CHECKED_PAGES.filter((p) => p.status === 200 && !p.subscribe && !p.asAdmin && !p.signedIn)) {
        const html = await (await get(page.path)).text()
        const types = alternatesIn(html).map((l) => l.type)
        expect(types, page.name).toEqual(['application/rss+xml', 'application/atom+xml', 'application/feed+json'])
      }
    })

    it('offers each list its own feed, and a search its newest matches', async () => {
      const alternates = async (path: string) => alternatesIn(await (await get(path)).text()).map((l) => l.href)
      expect(await alternates('/papers/month/2026-08')).toContain('/papers/month/2026-08/feed.rss')
      expect(await alternates('/papers/trending')).toContain('/papers/trending/feed.atom')
      expect(await alternates(`/papers/date/${LAST_DAY}`)).toContain('/papers/feed.json')
      expect(await alternates('/search?q=agents&category=cs.AI')).toContain(
        '/search/feed.rss?q=agents&category=cs.AI&sort=newest',
      )
    })
  })
})

describe('feed links', () => {
  it('puts the feed beside the view, keeping a search', async () => {
    const { feedLinks } = await import('../src/feeds/links.js')
    expect(feedLinks('/papers/trending', 'T').map((l) => l.href)).toEqual([
      '/papers/trending/feed.rss',
      '/papers/trending/feed.atom',
      '/papers/trending/feed.json',
    ])
    expect(feedLinks('/search?q=a+b', 'S')[0]!.href).toBe('/search/feed.rss?q=a+b')
  })
})
