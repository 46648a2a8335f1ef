import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { localIdFor } from '../src/papers/arxiv-id.js'
import { DEMO_FILE, loadDemoIfEmpty, parseDemo } from '../src/papers/demo/demo-set.js'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { COMMENT_WEIGHT, HALF_LIFE_HOURS } from '../src/papers/trending.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { decodeEntities, linksWithRel, metaContents, paperIdsIn, tags, textOf } from './support/html.js'
import { latestRecordings, RECORDED_DAYS, recordedDay, recordedIdsBetween, visibleAuthors } from './support/recorded.js'

/**
 * Every route and API parameter, driven through app.request() against a catalog filled the way a
 * real install is: the demo set (featured today), then every recorded Hugging Face day, which
 * moves the demo aside, an old-style arXiv paper and a hostile one. Two of the demo's bare papers
 * (no arXiv id; no authors or date) join the catalog unfeatured, for the pages of such papers.
 */
const BASE_URL = 'https://papers.example.org'
// `paperboy serve` features the demo today; the tests fix "today" to a Monday after the recordings.
const DEMO_DAY = '2026-08-24'
const DEMO_NOW = `${DEMO_DAY}T08:00:00.000Z`
const CLOCK = () => Date.parse(DEMO_NOW) + 60 * 60 * 1000
const LOCAL_ID = localIdFor('Parsed Categoric Encodings with Automunge') // the demo paper without an arXiv id
const BARE_ID = '2306.02320' // a demo paper with neither authors nor a date
const LAST_RECORDED_DAY = RECORDED_DAYS.at(-1)!
const QUIET_DAY = '2026-06-11' // no paper of this day was featured again later
const OLD_STYLE = {
  id: 'hep-th/9901001',
  title: 'Black Holes and Old-Style Identifiers',
  abstract: 'A paper from before 2007.',
}
const HOSTILE_ID = '2402.99999'
const HOSTILE_DAY = '2024-06-05'
const SCRIPT = '<script>alert(1)</script>'

type Json = Record<string, any>

describeEachDatabase('the site over HTTP', (db) => {
  let app: ReturnType<typeof createApp>
  const errorsLogged: string[] = []
  const demo = parseDemo(readFileSync(DEMO_FILE, 'utf8'), DEMO_DAY, DEMO_NOW)
  const lastDayIds = recordedDay(LAST_RECORDED_DAY).map((i) => i.paper.id)
  const recorded = latestRecordings()

  beforeAll(async () => {
    await loadDemoIfEmpty(db(), DEMO_DAY, DEMO_NOW)
    const report = await importHfDaily(db(), HF_DAILY_DIR)
    expect(report.problems).toEqual([])
    await upsertPapers(db(), [
      {
        ...OLD_STYLE,
        authors: ['Ann Author', 'Bo Author'],
        publishedAt: '1999-01-04T00:00:00.000Z',
        categories: ['hep-th'],
      },
    ])
    await importHfDaily(db(), writeHostileDay())
    await upsertPapers(
      db(),
      demo.filter((r) => r.id === LOCAL_ID || r.id === BARE_ID).map(({ featuring: _, ...r }) => r),
    )
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    const logger = pino({ level: 'error' }, { write: (line: string) => void errorsLogged.push(line) })
    app = createApp({ config, db: db(), logger, now: CLOCK })
  })

  /** Any request; a 500 is always a bug, so none may answer with one. */
  async function request(path: string, init?: RequestInit): Promise<Response> {
    const res = await app.request(path, { redirect: 'manual', ...init })
    expect(res.status, `${init?.method ?? 'GET'} ${path}`).toBeLessThan(500)
    return res
  }

  async function page(path: string, status = 200): Promise<string> {
    const res = await request(path)
    expect(res.status, path).toBe(status)
    expect(res.headers.get('content-type'), path).toMatch(/^text\/html/)
    return res.text()
  }

  async function api(path: string, status = 200): Promise<any> {
    const res = await request(path)
    expect(res.status, path).toBe(status)
    expect(res.headers.get('content-type'), path).toMatch(/^application\/json/)
    return res.json()
  }

  /** Every page of a listing, following its "more papers" link. */
  async function allListed(path: string): Promise<string[]> {
    const ids: string[] = []
    const visited = new Set<string>()
    let next: string | undefined = path
    while (next) {
      expect(visited.has(next), `${next} links to itself as the next page`).toBe(false)
      visited.add(next)
      const html = await page(next)
      ids.push(...paperIdsIn(html))
      const more = linksWithRel(html, 'next').find((href) => href.startsWith('?page='))
      const url: URL | undefined = more ? new URL(more, `http://localhost${next}`) : undefined
      next = url && url.pathname + url.search
    }
    return ids
  }

  /** Every item of an API listing (or its first `pages` pages), page by page with `p`. */
  async function allItems(query: string, pages = Infinity): Promise<Json[]> {
    const items: Json[] = []
    for (let p = 0; p < pages; p++) {
      const batch: Json[] = await api(`/api/daily_papers?${query}&limit=100&p=${p}`)
      items.push(...batch)
      if (batch.length < 100) break
    }
    return items
  }

  describe('home page', () => {
    it('lists the latest featured day, ranked, for / and /papers: the imported days, not the demo', async () => {
      const ranked = paperIdsIn(await page(`/papers/date/${LAST_RECORDED_DAY}`))
      expect([...ranked].sort()).toEqual([...lastDayIds].sort())
      for (const path of ['/', '/papers']) {
        const html = await page(path)
        expect(paperIdsIn(html), path).toEqual(ranked)
        expect(tags(html, 'link').find((l) => l.rel === 'canonical')?.href).toBe(
          `${BASE_URL}/papers/date/${LAST_RECORDED_DAY}`,
        )
        expect(textOf(html)).toContain(longDay.format(new Date(LAST_RECORDED_DAY)))
        expect(textOf(html)).not.toContain('demo papers')
      }
    })

    it('pages through the latest day from its “more papers” link', async () => {
      expect((await allListed('/')).sort()).toEqual([...lastDayIds].sort())
      expect((await allListed('/papers')).sort()).toEqual([...lastDayIds].sort())
    })

    it('links to the previous day with papers', async () => {
      expect(linksWithRel(await page('/'), 'prev')).toContain(`/papers/date/${RECORDED_DAYS.at(-2)}`)
    })

    it('no longer features the demo set, whose day is empty now', async () => {
      const ids = new Set(demo.map((r) => r.id))
      expect(paperIdsIn(await page(`/papers/date/${DEMO_DAY}`)).filter((id) => ids.has(id))).toEqual([])
    })

    it('sends a search typed into ?q= to the search page', async () => {
      const res = await request('/?q=model%20soups')
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/search?q=model%20soups')
    })
  })

  describe('daily listing', () => {
    it('lists a recorded day in Hugging Face’s order, with titles and authors', async () => {
      const items = recordedDay(QUIET_DAY)
      const html = await page(`/papers/date/${QUIET_DAY}`)
      expect(paperIdsIn(html)).toEqual(items.map((i) => i.paper.id))
      const text = textOf(html)
      expect(text).toContain(collapse(items[0]!.paper.title))
      expect(text).toContain(visibleAuthors(items[0]!)[0])
    })

    it('links to the nearest days with papers before and after', async () => {
      const i = RECORDED_DAYS.indexOf(QUIET_DAY)
      const html = await page(`/papers/date/${QUIET_DAY}`)
      expect(linksWithRel(html, 'prev')).toContain(`/papers/date/${RECORDED_DAYS[i - 1]}`)
      expect(linksWithRel(html, 'next')).toContain(`/papers/date/${RECORDED_DAYS[i + 1]}`)
    })

    it('says so when a day has no papers', async () => {
      const html = await page('/papers/date/2023-01-02')
      expect(paperIdsIn(html)).toEqual([])
      expect(textOf(html)).toContain('No papers were featured on this day.')
    })

    it('answers 404 for a page past the last paper, as for any page that does not exist', async () => {
      expect(textOf(await page(`/papers/date/${QUIET_DAY}?page=2`, 404))).toContain('has no page 2')
      expect(textOf(await page('/papers/date/2023-01-02?page=2', 404))).toContain('has no page 2')
      expect(textOf(await page('/?page=999', 404))).toContain('has no page 999')
    })
  })

  describe('weekly and monthly listings', () => {
    it('lists each paper of an ISO week once, most upvoted first', async () => {
      // 2026-W24 is 8–14 June; 2606.11176 was featured on the 10th and again on the 16th.
      const ids = await allListed('/papers/week/2026-W24')
      expect(new Set(ids).size).toBe(ids.length)
      expect(new Set(ids)).toEqual(recordedIdsBetween('2026-06-08', '2026-06-15'))
      expect(ids).toContain('2606.11176')
      const upvotes = ids.map((id) => recorded.get(id)!.paper.upvotes)
      expect(upvotes).toEqual([...upvotes].sort((a, b) => b - a))
    })

    it('lists each paper of a month once', async () => {
      const ids = await allListed('/papers/month/2026-06')
      expect(new Set(ids).size).toBe(ids.length)
      expect(new Set(ids)).toEqual(recordedIdsBetween('2026-06-01', '2026-07-01'))
    })

    it('gives 2026 a week 53 and says it has no papers', async () => {
      expect(textOf(await page('/papers/week/2026-W53'))).toContain('No papers were featured in this week.')
    })

    it('says so when a week or month has no papers', async () => {
      expect(textOf(await page('/papers/week/2023-W10'))).toContain('No papers were featured in this week.')
      expect(textOf(await page('/papers/month/2023-05'))).toContain('No papers were featured in this month.')
    })

    it('answers 404 past the last page of a week, a month and trending', async () => {
      const lastPage = Math.ceil(recordedIdsBetween('2026-06-01', '2026-07-01').size / 50)
      await page(`/papers/month/2026-06?page=${lastPage}`)
      await page(`/papers/month/2026-06?page=${lastPage + 1}`, 404)
      await page('/papers/week/2026-W24?page=99', 404)
      await page('/papers/trending?page=1000', 404)
    })
  })

  describe('a malformed period', () => {
    const malformed = [
      '/papers/date/2026-02-30',
      '/papers/date/2026-13-01',
      '/papers/date/21-08-2026',
      '/papers/date/yesterday',
      '/papers/date/2026-08-21T00:00:00Z',
      '/papers/week/2026-W54',
      '/papers/week/2025-W53',
      '/papers/week/2026-W00',
      '/papers/week/2026-w05',
      '/papers/week/99999-W01',
      '/papers/month/2026-13',
      '/papers/month/2026-00',
      '/papers/month/0099-01',
      '/papers/month/2026-8',
    ]

    it.each(malformed)('gives a 400 page for %s', async (path) => {
      const key = decodeURIComponent(path.split('/').at(-1)!)
      expect(textOf(await page(path, 400))).toContain(key)
    })
  })

  describe('?page= on listings', () => {
    it.each(['0', '-1', 'abc', '1.5', '1001', ''])('gives a 400 page for page=%j', async (value) => {
      expect(textOf(await page(`/papers/date/${QUIET_DAY}?page=${value}`, 400))).toMatch(/page/)
    })

    it('takes page 1000, the last allowed, as a page that may exist', async () => {
      expect(textOf(await page('/papers/month/2026-06?page=1000', 404))).toContain('has no page 1000')
    })
  })

  describe('trending', () => {
    it('lists every featured paper', async () => {
      const featured = 7145 + 1 // recorded and the hostile paper; the demo stepped aside
      const last = Math.floor((featured - 1) / 100)
      expect(await api(`/api/daily_papers?sort=trending&limit=100&p=${last}`)).toHaveLength(featured - 100 * last)
      expect(await api(`/api/daily_papers?sort=trending&limit=100&p=${last + 1}`)).toEqual([])
    })

    it('ranks papers by their upvotes and comments decayed since they were featured', async () => {
      const items = await allItems('sort=trending', 10)
      expect(items).toHaveLength(1000)
      expect(new Set(items.map((i) => i.paper.id)).size).toBe(1000)
      const now = Math.max(...items.map((i) => Date.parse(i.paper.submittedOnDailyAt)))
      const decayed = items.map(
        (i) =>
          (i.paper.upvotes + COMMENT_WEIGHT * i.numComments + 1) *
          2 ** (-(now - Date.parse(i.paper.submittedOnDailyAt)) / 3_600_000 / HALF_LIFE_HOURS),
      )
      for (let k = 1; k < decayed.length; k++) {
        expect(decayed[k]!, `${items[k - 1]!.paper.id} before ${items[k]!.paper.id}`).toBeLessThanOrEqual(
          decayed[k - 1]! * (1 + 1e-9),
        )
      }
    })

    it('shows the same ranking as the API, page by page', async () => {
      for (const p of [1, 2]) {
        const ids = (await api(`/api/daily_papers?sort=trending&limit=50&p=${p - 1}`)).map((i: Json) => i.paper.id)
        expect(paperIdsIn(await page(`/papers/trending?page=${p}`))).toEqual(ids)
      }
    })
  })

  describe('paper page', () => {
    const id = '2608.19880'
    const item = () => recordedDay(LAST_RECORDED_DAY).find((i) => i.paper.id === id)!

    it('shows the title, authors and abstract', async () => {
      const text = textOf(await page(`/papers/${id}`))
      expect(text).toContain(collapse(item().paper.title))
      for (const name of visibleAuthors(item())) expect(text).toContain(name)
      expect(text).toContain(collapse(item().paper.summary))
    })

    it('has the citation_* tags Google Scholar and Zotero read', async () => {
      const html = await page(`/papers/${id}`)
      const published = item().paper.publishedAt.slice(0, 10).replaceAll('-', '/')
      expect(metaContents(html, 'citation_title')).toEqual([collapse(item().paper.title)])
      expect(metaContents(html, 'citation_author')).toEqual(visibleAuthors(item()))
      expect(metaContents(html, 'citation_publication_date')).toEqual([published])
      expect(metaContents(html, 'citation_arxiv_id')).toEqual([id])
      expect(metaContents(html, 'citation_pdf_url')).toEqual([`https://arxiv.org/pdf/${id}`])
    })

    it('has OpenGraph tags with its absolute URL and a preview image served from this site', async () => {
      const html = await page(`/papers/${id}`)
      expect(metaContents(html, 'og:title')).toEqual([collapse(item().paper.title)])
      expect(metaContents(html, 'og:url')).toEqual([`${BASE_URL}/papers/${id}`])
      // Its thumbnail is not copied yet (test/previews.test.ts fetches some), so its card stands in.
      expect(metaContents(html, 'og:image')).toEqual([
        expect.stringMatching(new RegExp(`^${BASE_URL}/cards/papers/${id}\\.png\\?v=`)),
      ])
      const description = metaContents(html, 'og:description')[0]!
      expect(collapse(item().paper.ai_summary ?? item().paper.summary)).toContain(description)
      expect(description.length).toBeGreaterThan(20)
    })

    it('has a BibTeX entry with the arXiv eprint', async () => {
      const bib = bibtexIn(await page(`/papers/${id}`))
      expect(bib).toMatch(/^@misc\{[a-z0-9]+,$/m)
      expect(bib).toContain(`  eprint = {${id}},`)
      expect(bib).toContain(`  author = {${visibleAuthors(item()).join(' and ')}},`)
      expect(bib).toContain(`  year = {${item().paper.publishedAt.slice(0, 4)}},`)
    })

    it('shows an old-style paper at its address with the slash', async () => {
      const html = await page(`/papers/${OLD_STYLE.id}`)
      expect(textOf(html)).toContain(OLD_STYLE.title)
      expect(metaContents(html, 'citation_arxiv_id')).toEqual([OLD_STYLE.id])
      expect(bibtexIn(html)).toContain(`  eprint = {${OLD_STYLE.id}},`)
      expect(bibtexIn(html)).toContain('  primaryClass = {hep-th},')
    })

    it.each([
      ['/papers/2608.19880v2', '/papers/2608.19880'],
      ['/papers/2608.19880v12.md', '/papers/2608.19880.md'],
      [`/papers/${OLD_STYLE.id}v3`, `/papers/${OLD_STYLE.id}`],
    ])('redirects %s permanently to %s', async (from, to) => {
      const res = await request(from)
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe(to)
    })

    it('gives a 404 page pointing to arXiv for an id not in the catalog', async () => {
      expect(textOf(await page('/papers/2401.99999', 404))).toContain('https://arxiv.org/abs/2401.99999')
      expect(textOf(await page('/papers/hep-th/9901002', 404))).toContain('https://arxiv.org/abs/hep-th/9901002')
    })

    it('gives a 404 page for something that is not an id', async () => {
      await page('/papers/not-an-id', 404)
      await page('/papers/2401.99999.pdf', 404)
    })

    it('serves the paper as Markdown at .md', async () => {
      const res = await request(`/papers/${id}.md`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/markdown/)
      const md = await res.text()
      expect(md.split('\n')[0]).toBe(`# ${collapse(item().paper.title)}`)
      expect(md).toContain(visibleAuthors(item()).join(', '))
      expect(md).toContain(collapse(item().paper.summary))
      expect(md).toContain(`https://arxiv.org/abs/${id}`)
      expect(md).toContain(`${BASE_URL}/papers/${id}`)
    })

    it('shows a paper without id, date or authors (from the demo set) with no “undefined” or “null”', async () => {
      const [local, bare] = [LOCAL_ID, BARE_ID]
      for (const path of [`/papers/${local}`, `/papers/${local}.md`, `/papers/${bare}`, `/papers/${bare}.md`]) {
        const body = path.endsWith('.md') ? await (await request(path)).text() : textOf(await page(path))
        expect(body, path).not.toMatch(/undefined|null|NaN|Invalid Date/)
      }
      const html = await page(`/papers/${local}`)
      expect(metaContents(html, 'citation_arxiv_id')).toEqual([])
      expect(metaContents(html, 'citation_publication_date')).toEqual([])
      expect(bibtexIn(html)).not.toContain('eprint')
      expect(bibtexIn(html)).toContain(`url = {${BASE_URL}/papers/${local}}`)
    })
  })

  describe('GET /api/daily_papers', () => {
    it('gives a recorded day as Hugging Face gave it', async () => {
      const items: Json[] = await api(`/api/daily_papers?date=${QUIET_DAY}`)
      const expected = recordedDay(QUIET_DAY)
      expect(items.map((i) => i.paper.id)).toEqual(expected.map((i) => i.paper.id))
      items.forEach((item, k) => {
        const want = expected[k]!
        expect(item.paper).toMatchObject({
          title: want.paper.title,
          summary: want.paper.summary,
          upvotes: want.paper.upvotes,
          publishedAt: want.paper.publishedAt,
          submittedOnDailyAt: want.paper.submittedOnDailyAt,
        })
        expect(item.paper.authors.map((a: Json) => a.name)).toEqual(visibleAuthors(want))
        expect(item).toMatchObject({
          title: want.paper.title,
          numComments: want.numComments,
          thumbnail: want.thumbnail,
        })
        expect(item.submittedBy.name).toBe(want.submittedBy!.name)
        if (want.paper.ai_summary) expect(item.ai_summary).toBe(want.paper.ai_summary)
      })
    })

    it('reads a full ISO datetime as its UTC day', async () => {
      const byDay = await api(`/api/daily_papers?date=${QUIET_DAY}`)
      expect(await api(`/api/daily_papers?date=${QUIET_DAY}T08:30:00.000Z`)).toEqual(byDay)
    })

    it('gives each paper of a week or a month once', async () => {
      const week = await allItems('week=2026-W24')
      expect(week.map((i) => i.paper.id).sort()).toEqual([...recordedIdsBetween('2026-06-08', '2026-06-15')].sort())
      const month = await allItems('month=2026-06')
      expect(month.map((i) => i.paper.id).sort()).toEqual([...recordedIdsBetween('2026-06-01', '2026-07-01')].sort())
    })

    it('lists the newest featured day first, most upvoted first within a day', async () => {
      const items: Json[] = await api('/api/daily_papers?limit=100&p=1')
      const first: Json[] = await api('/api/daily_papers?limit=100')
      expect(first[0]!.paper.submittedOnDailyAt.slice(0, 10)).toBe(LAST_RECORDED_DAY)
      const all = [...first, ...items]
      for (let k = 1; k < all.length; k++) {
        const [a, b] = [all[k - 1]!.paper, all[k]!.paper]
        const [dayA, dayB] = [a.submittedOnDailyAt.slice(0, 10), b.submittedOnDailyAt.slice(0, 10)]
        expect(dayA >= dayB).toBe(true)
        if (dayA === dayB) expect(a.upvotes).toBeGreaterThanOrEqual(b.upvotes)
      }
      expect(await api('/api/daily_papers?sort=publishedAt&limit=100')).toEqual(first)
    })

    it('pages with p and limit', async () => {
      expect(await api('/api/daily_papers')).toHaveLength(50)
      expect(await api('/api/daily_papers?limit=1')).toHaveLength(1)
      expect(await api('/api/daily_papers?limit=100')).toHaveLength(100)
      const twenty = (await api(`/api/daily_papers?date=${QUIET_DAY}&limit=20`)).map((i: Json) => i.paper.id)
      const p0 = (await api(`/api/daily_papers?date=${QUIET_DAY}&limit=10&p=0`)).map((i: Json) => i.paper.id)
      const p1 = (await api(`/api/daily_papers?date=${QUIET_DAY}&limit=10&p=1`)).map((i: Json) => i.paper.id)
      expect([...p0, ...p1]).toEqual(twenty)
    })

    it('gives [] for a page past the end, and for a day without papers', async () => {
      expect(await api(`/api/daily_papers?date=${QUIET_DAY}&p=5`)).toEqual([])
      expect(await api('/api/daily_papers?p=1000&limit=100')).toEqual([])
      expect(await api('/api/daily_papers?date=2023-01-02')).toEqual([])
    })

    it('lists what one user submitted', async () => {
      const items = await allItems('submitter=akhaliq')
      const expected = new Set(
        RECORDED_DAYS.flatMap((d) => recordedDay(d))
          .filter((i) => i.submittedBy?.name === 'akhaliq')
          .map((i) => i.paper.id),
      )
      expect(items.length).toBe(expected.size)
      expect(new Set(items.map((i) => i.paper.id))).toEqual(expected)
      expect(items.every((i) => i.submittedBy.name === 'akhaliq')).toBe(true)
      expect(await api('/api/daily_papers?submitter=nobody-by-this-name')).toEqual([])
    })

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      ['p=-1', 'p'],
      ['p=abc', 'p'],
      ['p=1001&limit=100', 'p'],
      ['sort=bogus', 'sort'],
      ['sort=', 'sort'],
      ['date=2026-02-30', 'date'],
      ['date=2026-6-11', 'date'],
      ['date=tomorrow', 'date'],
      ['date=2026-06-11T99:00:00Z', 'date'],
      ['week=2026-W54', 'week'],
      ['week=2025-W53', 'week'],
      ['week=2026-24', 'week'],
      ['month=2026-13', 'month'],
      ['date=2026-06-11&week=2026-W24', 'date'],
      ['week=2026-W24&month=2026-06', 'week'],
      ['date=2026-06-11&month=2026-06', 'month'],
      [`submitter=${'x'.repeat(101)}`, 'submitter'],
    ])('gives 400 {"error"} for %s', async (query, parameter) => {
      const body = await api(`/api/daily_papers?${query}`, 400)
      expect(Object.keys(body)).toEqual(['error'])
      expect(body.error).toContain(parameter)
    })
  })

  describe('GET /api/papers/{id}', () => {
    it('gives a paper in the flat shape', async () => {
      const want = recordedDay(LAST_RECORDED_DAY).find((i) => i.paper.id === '2608.19880')!
      const paper = await api('/api/papers/2608.19880')
      expect(paper).not.toHaveProperty('paper')
      expect(paper).toMatchObject({
        id: '2608.19880',
        title: want.paper.title,
        summary: want.paper.summary,
        upvotes: want.paper.upvotes,
        publishedAt: want.paper.publishedAt,
        submittedOnDailyAt: want.paper.submittedOnDailyAt,
        numComments: want.numComments,
      })
      expect(paper.authors).toEqual(visibleAuthors(want).map((name) => ({ name, hidden: false })))
      expect(paper.submittedOnDailyBy.name).toBe(want.submittedBy!.name)
    })

    it('gives an old-style paper', async () => {
      expect(await api(`/api/papers/${OLD_STYLE.id}`)).toMatchObject({ id: OLD_STYLE.id, title: OLD_STYLE.title })
    })

    it('gives a demo paper without null values', async () => {
      const paper = await api(`/api/papers/${LOCAL_ID}`)
      expect(JSON.stringify(paper)).not.toContain('null')
      expect(paper).not.toHaveProperty('publishedAt')
    })

    it('gives 404 {"error"} for an id not in the catalog', async () => {
      expect(Object.keys(await api('/api/papers/2401.99999', 404))).toEqual(['error'])
    })

    it('gives 400 {"error"} for something that is not an id', async () => {
      expect(Object.keys(await api('/api/papers/not-an-id', 400))).toEqual(['error'])
    })
  })

  describe('GET /api/papers', () => {
    it('lists every paper exactly once, newest arXiv date first, following Link rel="next"', async () => {
      const seen: Json[] = []
      let next: string | null = '/api/papers?limit=100'
      while (next) {
        const res = await request(next)
        expect(res.status).toBe(200)
        seen.push(...(await res.json()))
        const link = res.headers.get('link')
        if (!link) break
        const m = /^<([^>]+)>; rel="next"$/.exec(link)
        expect(m, link).not.toBeNull()
        expect(m![1]!.startsWith(`${BASE_URL}/api/papers?`)).toBe(true)
        const url = new URL(m![1]!)
        next = url.pathname + url.search
      }
      const stored = await db().kysely.selectFrom('papers').select('id').execute()
      expect(seen.map((p) => p.id).sort()).toEqual(stored.map((r) => r.id).sort())
      const dates = seen.map((p) => p.publishedAt ?? '')
      const dated = dates.filter(Boolean)
      expect(dated).toEqual([...dated].sort().reverse())
      expect(dates.indexOf('')).toBe(dated.length) // undated papers last
      expect(seen.at(-1)).not.toHaveProperty('publishedAt')
      expect(dated.at(-1)!.startsWith('1999-01-04')).toBe(true) // the old-style paper is the oldest
    })

    it('gives 50 papers by default and a next link that keeps the limit', async () => {
      const res = await request('/api/papers')
      expect(await res.json()).toHaveLength(50)
      expect(res.headers.get('link')).toMatch(/[?&]limit=50>; rel="next"$/)
    })

    it.each([
      ['cursor=garbage'],
      ['cursor='],
      [`cursor=${Buffer.from('{"a":1}').toString('base64url')}`],
      [`cursor=${Buffer.from('["not a date","x"]').toString('base64url')}`],
      ['limit=0'],
      ['limit=101'],
      ['limit=abc'],
    ])('gives 400 {"error"} for %s', async (query) => {
      expect(Object.keys(await api(`/api/papers?${query}`, 400))).toEqual(['error'])
    })
  })

  describe('search', () => {
    it.each([
      ['2608.19880', '/papers/2608.19880'],
      ['https://arxiv.org/abs/2608.19880v2', '/papers/2608.19880'],
      ['https://arxiv.org/pdf/2608.19880v1.pdf', '/papers/2608.19880'],
      ['arXiv:2608.19880', '/papers/2608.19880'],
      [OLD_STYLE.id, `/papers/${OLD_STYLE.id}`],
    ])('goes straight to the paper for %s', async (q, to) => {
      const res = await request(`/search?q=${encodeURIComponent(q)}`)
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe(to)
    })

    it('sends an id not in the catalog to its paper page, which points to arXiv', async () => {
      const res = await request('/search?q=arXiv%3A2401.99999v2')
      expect(res.status).toBe(302)
      expect(res.headers.get('location')).toBe('/papers/2401.99999')
      expect(textOf(await page('/papers/2401.99999', 404))).toContain('https://arxiv.org/abs/2401.99999')
    })

    it('lists the papers that match a search, and offers a guide without one', async () => {
      expect(paperIdsIn(await page('/search?q=diffusion%20models')).length).toBeGreaterThan(0)
      expect(textOf(await page('/search'))).toContain('Start with an example')
    })

    it('gives a 400 page for a query over 250 characters', async () => {
      await page(`/search?q=${'a'.repeat(251)}`, 400)
    })
  })

  describe('subscribing to the digest', () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      request('/subscribe', {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL, ...headers },
      })

    it('asks a valid address to confirm from its inbox', async () => {
      const res = await post('email=reader%40lab.org')
      expect(res.status).toBe(200)
      expect(textOf(await res.text())).toMatch(/Check your inbox/)
    })

    it.each(['email=not-an-address', 'email=', ''])('gives a 400 page for %j', async (body) => {
      const res = await post(body)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    })

    it('rejects a form posted from another site with 403 (CSRF)', async () => {
      expect((await post('email=reader%40lab.org', { Origin: 'https://evil.example' })).status).toBe(403)
      expect((await post('email=reader%40lab.org', { Origin: '', 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403)
    })

    it('accepts a form posted from the address the request came to', async () => {
      expect((await post('email=reader%40lab.org', { Origin: 'http://localhost' })).status).toBe(200)
    })

    it('gives 413 for a body over 64 KB', async () => {
      expect((await post(`email=${'a'.repeat(70_000)}%40lab.org`)).status).toBe(413)
    })
  })

  describe('security headers', () => {
    it.each([
      '/',
      `/papers/date/${QUIET_DAY}`,
      '/papers/2608.19880',
      '/papers/date/2026-02-30',
      '/nope',
      '/api/daily_papers?limit=1',
    ])('sends a strict Content-Security-Policy and nosniff on %s', async (path) => {
      const res = await request(path)
      const csp = res.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe-inline')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    })

    it('serves pages with no inline script or style, which that policy would block', async () => {
      for (const path of ['/', '/papers/2608.19880', '/papers/trending', '/papers/not-an-id']) {
        const html = await (await request(path)).text()
        expect(
          tags(html, 'script').every((s) => s.src),
          path,
        ).toBe(true)
        expect(html, path).not.toMatch(/<style|\sstyle="|\son[a-z]+="/i)
      }
    })
  })

  describe('XSS', () => {
    const hostilePages = [
      `/papers/${HOSTILE_ID}`,
      `/papers/date/${HOSTILE_DAY}`,
      '/papers/week/2024-W23',
      '/papers/month/2024-06',
    ]

    it.each(hostilePages)('shows a script tag in a title, abstract or author name as text on %s', async (path) => {
      const html = await page(path)
      expect(html).not.toContain(SCRIPT)
      expect(html).not.toMatch(/<img[^>]*onerror/i)
      expect(html).not.toContain('<b>bold</b>')
      expect(textOf(html)).toContain(`${SCRIPT} Attention`)
    })

    it('shows the hostile paper’s abstract, authors and summary as text', async () => {
      const text = textOf(await page(`/papers/${HOSTILE_ID}`))
      expect(text).toContain('with <script>alert(1)</script> and <img src=x onerror=alert(1)>')
      expect(text).toContain('Ada "Bobby" O\'Tables')
    })

    it.each(hostilePages)('gives no javascript: link on %s', async (path) => {
      const html = await page(path)
      expect(html).not.toMatch(/javascript:/i)
      for (const tag of ['a', 'img', 'link', 'meta']) {
        for (const attrs of tags(html, tag)) {
          for (const key of ['href', 'src', 'content'])
            expect(attrs[key] ?? '', `${tag} ${key}`).not.toMatch(/^\s*javascript:/i)
        }
      }
    })

    it('keeps the raw text in the JSON API, which is not HTML', async () => {
      const paper = await api(`/api/papers/${HOSTILE_ID}`)
      expect(paper.title).toBe(`${SCRIPT} Attention "quoted" & more`)
      expect(paper).not.toHaveProperty('githubRepo')
      expect(paper).not.toHaveProperty('projectPage')
      expect(paper).not.toHaveProperty('thumbnail')
    })

    it('escapes a script tag put into the address', async () => {
      for (const path of [
        `/papers/date/${encodeURIComponent(SCRIPT)}`,
        `/papers/${encodeURIComponent(SCRIPT)}`,
        `/papers/week/${encodeURIComponent(SCRIPT)}`,
      ]) {
        const res = await request(path)
        const html = await res.text()
        expect([400, 404]).toContain(res.status)
        expect(html, path).not.toContain(SCRIPT)
      }
    })
  })

  describe('unknown addresses', () => {
    it('gives a 404 page for an unknown page', async () => {
      expect(textOf(await page('/no/such/page', 404))).toMatch(/no page/i)
    })

    it('gives 404 {"error"} for an unknown API route', async () => {
      expect(Object.keys(await api('/api/no-such-route', 404))).toEqual(['error'])
      expect(Object.keys(await api('/api/daily_papers/extra', 404))).toEqual(['error'])
    })
  })

  describe('static files', () => {
    it('serves the stylesheet, script and icon a page links to, cached for good', async () => {
      const html = await page('/')
      const css = tags(html, 'link').find((l) => l.rel === 'stylesheet')!.href!
      const js = tags(html, 'script')[0]!.src!
      const icon = (await request('/favicon.ico')).headers.get('location')!
      for (const [path, type] of [
        [css, 'text/css'],
        [js, 'text/javascript'],
        [icon, 'image/svg+xml'],
      ] as const) {
        const res = await request(path)
        expect(res.status, path).toBe(200)
        expect(res.headers.get('content-type')).toContain(type)
        expect(res.headers.get('cache-control')).toContain('immutable')
      }
    })
  })

  it('logged no unexpected error for any of these requests', () => {
    expect(errorsLogged).toEqual([])
  })
})

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim()
const longDay = new Intl.DateTimeFormat('en-US', {
  timeZone: 'UTC',
  weekday: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
})

/** The BibTeX entry on a paper page, as text. */
function bibtexIn(html: string): string {
  const m = /@misc\{[\s\S]*?\n\}/.exec(decodeEntities(html))
  expect(m, 'a BibTeX entry').not.toBeNull()
  return m![0]
}

/** A recorded day's file with one paper carrying markup and script links in every text field. */
function writeHostileDay(): string {
  const item = recordedDay(RECORDED_DAYS[0]!)[0] as unknown as Json
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-xss-'))
  const attack = 'javascript:alert(1)'
  Object.assign(item.paper, {
    id: HOSTILE_ID,
    title: `${SCRIPT} Attention "quoted" & more`,
    summary: 'An abstract with <script>alert(1)</script> and <img src=x onerror=alert(1)>.',
    authors: [
      { name: SCRIPT, hidden: false },
      { name: 'Ada "Bobby" O\'Tables', hidden: false },
    ],
    githubRepo: attack,
    projectPage: 'JaVaScRiPt:alert(1)',
    ai_summary: `${SCRIPT} in the summary`,
    ai_keywords: ['<b>bold</b>'],
    publishedAt: `${HOSTILE_DAY}T01:00:00.000Z`,
    submittedOnDailyAt: `${HOSTILE_DAY}T08:00:00.000Z`,
  })
  item.thumbnail = attack
  item.submittedBy = { ...item.submittedBy, name: 'mallory', fullname: SCRIPT, avatarUrl: attack }
  const file = join(dir, `${HOSTILE_DAY}.json`)
  writeFileSync(file, JSON.stringify([item]))
  return file
}

describeEachDatabase('listing pages after the catalog changes', (db) => {
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    await importHfDaily(db(), join(HF_DAILY_DIR, `${QUIET_DAY}.json`))
    app = createApp({
      config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
  })

  const listed = async (path: string) => paperIdsIn(await (await app.request(path)).text())
  const day = `/papers/date/${QUIET_DAY}`

  it('show a paper featured after the page was first served', async () => {
    const before = await listed(day)
    expect(before).toEqual(recordedDay(QUIET_DAY).map((i) => i.paper.id))
    await upsertPapers(db(), [
      {
        id: '2606.99999',
        title: 'A Paper Featured Late',
        authors: ['Late Author'],
        counts: { upvotes: 10_000, numComments: 0 },
        featuring: {
          featuredOn: QUIET_DAY,
          source: 'hf',
          position: 99,
          submittedBy: null,
          submittedAt: `${QUIET_DAY}T20:00:00.000Z`,
        },
      },
    ])
    for (const path of [day, '/', '/papers/week/2026-W24', '/papers/month/2026-06', '/papers/trending']) {
      expect((await listed(path))[0], path).toBe('2606.99999')
    }
  })

  it('rank a paper again when a newer recording changes its upvotes', async () => {
    const last = recordedDay(QUIET_DAY).at(-1)!.paper.id
    await upsertPapers(db(), [
      {
        id: last,
        title: recordedDay(QUIET_DAY).at(-1)!.paper.title,
        counts: { upvotes: 20_000, numComments: 0 },
        observedAt: '2026-11-01T00:00:00.000Z',
      },
    ])
    expect((await listed(day))[0]).toBe(last)
  })
})
