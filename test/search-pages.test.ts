import fc from 'fast-check'
import pino from 'pino'
import { beforeAll, expect, it, describe } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import type { PaperRecord } from '../src/papers/model.js'
import { addDays } from '../src/papers/period.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { MAX_RESULTS } from '../src/search/model.js'
import { searchOpenApi } from '../src/search/openapi.js'
import { parseQuery } from '../src/search/query.js'
import { describeEachDatabase } from './support/db.js'
import { decodeEntities, linksWithRel, paperIdsIn, tags, textOf } from './support/html.js'

/**
 * The search pages and APIs over app.request(), on a catalog made for them: 45 papers about
 * quasars spread over 440 days (every third in astro-ph.GA, every fifth with code), and a few
 * papers that each answer one question.
 */
const BASE_URL = 'https://papers.example.org'
const TODAY = '2026-09-01'
const CLOCK = () => Date.parse(`${TODAY}T12:00:00.000Z`)
const QUASARS = 45

const quasar = (i: number): PaperRecord => ({
  id: `2605.${20000 + i}`,
  title: `Quasar Variability Survey ${i}`,
  abstract: `We observe the light curves of quasar sample ${i} over ten years and model their variability.`,
  authors: ['Ada Observer', `Bea Number${i}`],
  categories: i % 3 === 0 ? ['astro-ph.GA'] : ['astro-ph.CO'],
  publishedAt: `${addDays(TODAY, -1 - i * 10)}T00:00:00.000Z`,
  ...(i % 5 === 0 && { githubRepo: `https://github.com/lab/quasar-${i}` }),
  counts: { upvotes: (i * 7) % 23, numComments: 0 },
})

const SOUPS: PaperRecord = {
  id: '2203.05482',
  title: 'Model soups: averaging weights of multiple fine-tuned models improves accuracy',
  abstract: 'The conventional recipe for maximizing model accuracy is to train many models and pick the best.',
  authors: ['Mitchell Wortsman', 'Gabriel Ilharco', 'Ludwig Schmidt'],
  categories: ['cs.LG', 'cs.CV'],
  publishedAt: '2022-03-10T00:00:00.000Z',
  githubRepo: 'https://github.com/mlfoundations/model-soups',
  counts: { upvotes: 12, numComments: 1, githubStars: 480 },
}
const CONSORTIUM: PaperRecord = {
  id: '2606.15007',
  title: 'A Consortium Report on Neutrino Oscillations',
  abstract: 'Thousands of authors report neutrino oscillation parameters.',
  authors: Array.from({ length: 40 }, (_, i) => `Member Number${i}`),
  categories: ['hep-ex'],
  publishedAt: '2026-06-20T00:00:00.000Z',
  counts: { upvotes: 3, numComments: 0 },
}

type Json = Record<string, any>

describeEachDatabase('search pages and APIs', (db) => {
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    const report = await upsertPapers(db(), [
      ...Array.from({ length: QUASARS }, (_, i) => quasar(i)),
      SOUPS,
      CONSORTIUM,
    ])
    expect(report.problems).toEqual([])
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    app = createApp({ config, db: db(), logger: pino({ level: 'silent' }), now: CLOCK })
  })

  const request = (path: string, init?: RequestInit) => Promise.resolve(app.request(path, init))
  const page = async (path: string, status = 200) => {
    const res = await request(path)
    expect(res.status, path).toBe(status)
    return res.text()
  }
  const api = async (path: string, status = 200): Promise<any> => {
    const res = await request(path)
    expect(res.status, path).toBe(status)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    return res.json()
  }
  /** The result list's paper ids (the page's other links are not results). */
  const resultIds = (html: string) => paperIdsIn(html.match(/<ol class="papers"[\s\S]*?<\/ol>/)?.[0] ?? '')
  const quasarsWhere = (test: (r: PaperRecord, i: number) => boolean) =>
    Array.from({ length: QUASARS }, (_, i) => quasar(i))
      .filter(test)
      .map((r) => r.id)

  describe('the results page', () => {
    it('lists 20 results a page with the total, and pages through all of them', async () => {
      const first = await page('/search?q=quasar')
      expect(textOf(first)).toMatch(/(About )?45 results · Page 1 of 3/)
      expect(resultIds(first)).toHaveLength(20)
      expect(linksWithRel(first, 'prev')).toEqual([])
      const next = linksWithRel(first, 'next')
      expect(next).toEqual(['/search?q=quasar&page=2'])
      const second = await page(next[0]!)
      const third = await page(linksWithRel(second, 'next')[0]!)
      expect(linksWithRel(third, 'next')).toEqual([])
      expect(linksWithRel(third, 'prev')).toEqual(['/search?q=quasar&page=2'])
      const all = [first, second, third].flatMap(resultIds)
      expect(new Set(all).size).toBe(QUASARS)
      expect(all.sort()).toEqual(quasarsWhere(() => true).sort())
    })

    it('shows each result’s title and abstract with the matched words marked, its authors, date, code and category', async () => {
      const html = await page('/search?q=soups')
      expect(resultIds(html)).toEqual([SOUPS.id])
      const card = html.match(/<li class="paper-card[\s\S]*?<\/li>/)![0]
      expect(card).toContain('<mark>soups</mark>')
      const title = card.match(/<h2>([\s\S]*?)<\/h2>/)![1]!
      expect(decodeEntities(title.replace(/<[^>]*>/g, ''))).toBe(SOUPS.title)
      expect(textOf(card)).toContain('Mitchell Wortsman, Gabriel Ilharco and Ludwig Schmidt')
      expect(textOf(card)).toContain('Mar 10, 2022')
      expect(tags(card, 'a').map((a) => a.href)).toContain(SOUPS.githubRepo)
      expect(textOf(card)).toContain('cs.LG')
      expect(tags(card, 'a')[0]!.href).toBe(`/papers/${SOUPS.id}`)
    })

    it('marks the matched words in a snippet of the abstract', async () => {
      const html = await page('/search?q=conventional%20recipe')
      const snippet = html.match(/<p class="snippet">([\s\S]*?)<\/p>/)![1]!
      const marked = [...snippet.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]).join(' ')
      expect(marked.split(/\s+/)).toEqual(['conventional', 'recipe'])
      expect(decodeEntities(snippet.replace(/<[^>]*>/g, ''))).toBe(SOUPS.abstract)
    })

    it('marks the author a search names', async () => {
      const html = await page('/search?q=author%3AIlharco%20soups')
      expect(resultIds(html)).toEqual([SOUPS.id])
      expect(html.match(/<p class="authors">([\s\S]*?)<\/p>/)![1]).toContain('<mark>Ilharco</mark>')
    })

    it('shortens a long author list', async () => {
      const html = await page('/search?q=neutrino')
      expect(textOf(html)).toContain('Member Number0, Member Number1, Member Number2 and 37 others')
      expect(textOf(html)).not.toContain('Member Number39')
    })

    it('is served at Hugging Face’s /papers?q= too, while /papers alone stays the daily list', async () => {
      const html = await page('/papers?q=quasar&page=2')
      expect(resultIds(html)).toEqual(resultIds(await page('/search?q=quasar&page=2')))
      expect(linksWithRel(html, 'next')).toEqual(['/papers?q=quasar&page=3'])
      expect(tags(html, 'form').find((f) => f.class === 'search-form')?.action).toBe('/papers')
      expect(textOf(await page('/papers'))).toContain('Daily Papers')
    })

    it('shows the query in the header box and in the form', async () => {
      const html = await page('/search?q=quasar%20light')
      const values = tags(html, 'input')
        .filter((i) => i.name === 'q')
        .map((i) => i.value)
      expect(values).toEqual(['quasar light', 'quasar light'])
    })

    it('says how a query was read when it was not read as typed', async () => {
      const q = '"quasar light'
      const notes = parseQuery(q).notes
      expect(notes.length).toBeGreaterThan(0)
      const text = textOf(await page(`/search?q=${encodeURIComponent(q)}`))
      expect(text).toContain('How your search was read')
      for (const note of notes) expect(text).toContain(note)
    })
  })

  describe('a query carrying markup (XSS)', () => {
    it('is shown as text wherever the page repeats it', async () => {
      const attack = '"><script>alert(1)</script><img src=x onerror=alert(2)> quasar'
      const html = await page(`/search?q=${encodeURIComponent(attack)}`)
      expect(html).not.toContain('<script>alert(1)')
      expect(html).not.toContain('<img src=x')
      expect(tags(html, 'input').find((i) => i.id === 'search-q')?.value).toBe(attack)
    })
  })

  describe('filters and sorting', () => {
    it('keeps a category', async () => {
      const html = await page('/search?q=quasar&category=astro-ph.GA&per_page=100')
      expect(resultIds(html).sort()).toEqual(quasarsWhere((r) => r.categories![0] === 'astro-ph.GA').sort())
    })

    it('keeps papers with code', async () => {
      const html = await page('/search?q=quasar&has_code=1&per_page=100')
      expect(resultIds(html).sort()).toEqual(quasarsWhere((r) => r.githubRepo !== undefined).sort())
    })

    it('keeps papers between two days, both included', async () => {
      const from = addDays(TODAY, -101) // quasar 10
      const until = addDays(TODAY, -21) // quasar 2
      const html = await page(`/search?q=quasar&from=${from}&until=${until}&per_page=100`)
      expect(resultIds(html).sort()).toEqual(quasarsWhere((_, i) => i >= 2 && i <= 10).sort())
      expect(tags(html, 'input').find((i) => i.name === 'from')?.value).toBe(from)
    })

    it.each([
      ['week', 1],
      ['month', 3],
      ['year', 37],
    ])('keeps the past %s', async (within, n) => {
      const html = await page(`/search?q=quasar&within=${within}&per_page=100`)
      expect(resultIds(html).sort()).toEqual(quasarsWhere((_, i) => i < n).sort())
      const selected = html.match(/<option value="(\w+)" selected/g)
      expect(selected).toContain(`<option value="${within}" selected`)
    })

    it('sorts by date, newest first, and by upvotes', async () => {
      const newest = resultIds(await page('/search?q=quasar&sort=newest'))
      expect(newest).toEqual(quasarsWhere((_, i) => i < 20))
      const upvoted = resultIds(await page('/search?q=quasar&sort=upvotes&per_page=100'))
      const votes = upvoted.map((id) => quasar(Number(id.slice(5)) - 20000).counts!.upvotes)
      expect(votes).toEqual([...votes].sort((a, b) => b - a))
      expect(upvoted).toHaveLength(QUASARS)
    })

    it('keeps the filters in the page links', async () => {
      const html = await page('/search?q=quasar&category=astro-ph.CO&sort=newest')
      expect(linksWithRel(html, 'next')).toEqual(['/search?q=quasar&category=astro-ph.CO&sort=newest&page=2'])
    })
  })

  describe('when nothing matches', () => {
    it('says so and suggests other words', async () => {
      const text = textOf(await page('/search?q=zyxwvutsr'))
      expect(text).toContain('No papers match “zyxwvutsr”')
      expect(text).toContain('Try fewer or other words')
    })

    it('offers the same search without its filters', async () => {
      const html = await page('/search?q=soups&category=hep-th&has_code=1')
      expect(textOf(html)).toContain('No papers match “soups”')
      const link = decodeEntities(html.match(/<a href="([^"]*)">search without the filters<\/a>/)![1]!)
      expect(link).toBe('/search?q=soups')
      expect(resultIds(await page(link))).toEqual([SOUPS.id])
    })

    it('says a page past the last result is past it, with a way back', async () => {
      const text = textOf(await page('/search?q=soups&page=2'))
      expect(text).toContain('Go to the first page')
    })
  })

  describe('an empty search', () => {
    it('shows the form, a short guide and the help page’s address', async () => {
      const html = await page('/search')
      expect(textOf(html)).toContain('Start with an example')
      expect(tags(html, 'a').map((a) => a.href)).toContain('/search/help')
      expect(resultIds(html)).toEqual([])
    })
  })

  describe('pasted ids and links', () => {
    it.each([
      [SOUPS.id, SOUPS.id],
      ['2203.05482v2', SOUPS.id],
      ['arXiv:2203.05482', SOUPS.id],
      ['https://arxiv.org/abs/2203.05482v2', SOUPS.id],
      ['https://arxiv.org/pdf/2203.05482', SOUPS.id],
      ['https://huggingface.co/papers/2203.05482', SOUPS.id],
      ['2401.99999', '2401.99999'], // not in the catalog: its page fetches it or says where it is
    ])('%s goes to the paper %s', async (q, id) => {
      for (const path of ['/search', '/papers']) {
        const res = await request(`${path}?q=${encodeURIComponent(q)}`)
        expect(res.status).toBe(302)
        expect(res.headers.get('location')).toBe(`/papers/${id}`)
      }
    })
  })

  describe('the help page', () => {
    it('documents the query language with examples, linked from the search page', async () => {
      const text = textOf(await page('/search/help'))
      for (const example of [
        '"chain of thought"',
        'transformer -vision',
        'OR',
        'author:"Yann LeCun"',
        'title:diffusion',
        'cat:cs.LG',
        'year:2024',
        'year:2022..2024',
        'lang*',
      ])
        expect(text).toContain(example)
      expect(tags(await page('/search?q=quasar'), 'a').map((a) => a.href)).toContain('/search/help')
    })
  })

  describe('bad parameters', () => {
    it.each([
      `q=${'a'.repeat(251)}`,
      'q=quasar&sort=best',
      'q=quasar&from=2024-13-01',
      'q=quasar&from=2024-02-01&until=2024-01-01',
      'q=quasar&category=%3Cscript%3E',
      'q=quasar&page=0',
      `q=quasar&page=${MAX_RESULTS / 20 + 1}`,
      'q=quasar&has_code=maybe',
      'q=quasar&within=decade',
    ])('gives a 400 page for %s', async (query) => {
      await page(`/search?${query}`, 400)
    })
  })

  describe('Hugging Face’s /api/papers/search', () => {
    it('answers in Hugging Face’s shape, with highlighted title and summary', async () => {
      const items: Json[] = await api('/api/papers/search?q=soups')
      expect(items).toHaveLength(1)
      const [item] = items
      expect(item!.paper.id).toBe(SOUPS.id)
      expect(item!.paper.authors.map((a: Json) => a.name)).toEqual(SOUPS.authors)
      expect(item!.title).toBe(SOUPS.title)
      expect(item!.summary).toBe(SOUPS.abstract)
      expect(item!.publishedAt).toBe(SOUPS.publishedAt)
      expect(item!.githubRepo).toBe(SOUPS.githubRepo) // the client reads it from the top level only
      for (const [field, text] of [
        ['highlightedTitle', SOUPS.title],
        ['highlightedSummary', SOUPS.abstract],
      ] as const) {
        const segments: Json[] = item![field]
        for (const s of segments) expect(['text', 'highlight']).toContain(s.type)
        expect(segments.map((s) => s.text).join('')).toBe(text)
      }
      expect(item!.highlightedTitle).toContainEqual({ type: 'highlight', text: 'soups' })
    })

    it('takes limit from 1 to 120, 50 when not given', async () => {
      expect(await api('/api/papers/search?q=quasar&limit=3')).toHaveLength(3)
      expect(await api('/api/papers/search?q=quasar')).toHaveLength(QUASARS)
      for (const limit of ['0', '121', 'x']) {
        expect(Object.keys(await api(`/api/papers/search?q=quasar&limit=${limit}`, 400))).toEqual(['error'])
      }
    })

    it('refuses a query over 250 characters with a message saying so', async () => {
      const body = await api(`/api/papers/search?q=${'a'.repeat(251)}`, 400)
      expect(body.error).toMatch(/250 characters/)
    })

    it('returns the paper a pasted id or link names, and nothing for an unknown one', async () => {
      for (const q of [SOUPS.id, 'https://arxiv.org/abs/2203.05482v1', 'https://huggingface.co/papers/2203.05482']) {
        const items: Json[] = await api(`/api/papers/search?q=${encodeURIComponent(q)}`)
        expect(items.map((i) => i.paper.id)).toEqual([SOUPS.id])
      }
      expect(await api('/api/papers/search?q=2401.99999')).toEqual([])
    })

    it('answers an empty query with an empty list', async () => {
      expect(await api('/api/papers/search')).toEqual([])
    })
  })

  describe('/api/v1/search', () => {
    it('answers a page of results with the query read, the total and the highlights', async () => {
      const body = await api('/api/v1/search?q=quasar&category=astro-ph.GA&sort=newest&per_page=5&page=2')
      expect(body).toMatchObject({ query: expect.any(String), notes: [], total: 15, page: 2, per_page: 5 })
      const ga = quasarsWhere((r) => r.categories![0] === 'astro-ph.GA')
      expect(body.results.map((r: Json) => r.id)).toEqual(ga.slice(5, 10))
      const [first] = body.results
      expect(Object.keys(first).sort()).toEqual([...searchOpenApi.schemas.SearchResult.required].sort())
      expect(first).toMatchObject({
        title: quasar(15).title,
        authors: quasar(15).authors,
        published_at: quasar(15).publishedAt,
        upvotes: quasar(15).counts!.upvotes,
        github_repo: quasar(15).githubRepo,
        categories: ['astro-ph.GA'],
      })
      expect(first.highlighted_title).toContainEqual({ type: 'highlight', text: 'Quasar' })
    })

    it('highlights a field’s words only in that field', async () => {
      const [hit] = (await api('/api/v1/search?q=title%3Amodel%20soups')).results
      expect(hit.id).toBe(SOUPS.id)
      expect(hit.highlighted_title.filter((s: Json) => s.type === 'highlight').map((s: Json) => s.text)).toEqual([
        'Model soups',
        'models',
      ])
      // The abstract says "model" too, but the query asked for it in the title.
      expect(hit.highlighted_summary.filter((s: Json) => s.type === 'highlight')).toEqual([])
    })

    it('reads the same query the same way however it is spelled', async () => {
      const a = await api('/api/v1/search?q=Quasar%20%20Survey')
      const b = await api('/api/v1/search?q=quasar%20survey')
      expect(a.query).toBe(b.query)
      expect(a.results.map((r: Json) => r.id)).toEqual(b.results.map((r: Json) => r.id))
    })

    it.each([
      ['sort=best', /sort/],
      ['per_page=101', /per_page/],
      ['per_page=0', /per_page/],
      ['page=0', /page/],
      [`page=${MAX_RESULTS / 20 + 1}`, /first 1000 results/],
      ['from=2024-02-30', /from/],
      ['from=2024-02-01&until=2024-01-01', /before until/],
      ['category=cs.LG;DROP', /category/],
      ['has_code=perhaps', /has_code/],
      [`q=${'a'.repeat(251)}`, /250/],
    ])('gives 400 {"error"} naming the problem for %s', async (query, message) => {
      const body = await api(`/api/v1/search?q=quasar&${query}`.replace('q=quasar&q=', 'q='), 400)
      expect(Object.keys(body)).toEqual(['error'])
      expect(body.error).toMatch(message)
    })
  })

  describe('the OpenAPI document', () => {
    it('is OpenAPI 3.1, and every path it documents answers as documented', async () => {
      const doc = await api('/api/v1/openapi.json')
      expect(doc.openapi).toMatch(/^3\.1\./)
      const paths = Object.keys(doc.paths)
      expect(paths).toEqual(expect.arrayContaining(['/api/v1/search', '/api/papers/search']))
      // The other features' routes: every write needs a token and says so, and without one answers 401.
      const others = paths.filter((path) => !(path in searchOpenApi.paths))
      expect(others.length).toBeGreaterThan(0)
      for (const path of others) {
        const { parameters: shared = [], ...operations } = doc.paths[path]
        for (const [method, operation] of Object.entries<any>(operations)) {
          // Path parameters are written on the path or on each operation.
          const params = [...shared, ...(operation.parameters ?? [])].filter((p: any) => p.in === 'path')
          const url = params.reduce(
            (u: string, p: any) => u.replace(`{${p.name}}`, String(p.schema?.example ?? '1')),
            path,
          )
          const res = await request(url, {
            method: method.toUpperCase(),
            headers: { 'content-type': 'application/json', origin: BASE_URL },
            ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
          })
          expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/^application\/json/)
          if (method !== 'get' || operation.security) {
            expect(operation.security, `${method} ${path}`).toEqual([{ personalAccessToken: [] }])
            expect(res.status, `${method} ${path} without a token`).toBe(401)
          } else {
            expect(res.status, `${method} ${path}`).toBeLessThan(500)
          }
        }
      }
      for (const path of paths.filter((p) => p in searchOpenApi.paths)) {
        const operation = doc.paths[path].get
        expect(Object.keys(operation.responses)).toEqual(['200', '400'])
        await api(`${path}?q=quasar`)
        // Every documented bound and choice is the one the route enforces.
        for (const { name, in: where, schema } of operation.parameters) {
          expect(where).toBe('query')
          const refused = [
            ...(schema.minimum !== undefined ? [schema.minimum - 1] : []),
            ...(schema.maximum !== undefined ? [schema.maximum + 1] : []),
            ...(schema.enum ? ['none-of-these'] : []),
            ...(schema.format === 'date' ? ['2024-02-30'] : []),
            ...(schema.maxLength !== undefined ? ['a'.repeat(schema.maxLength + 1)] : []),
          ]
          for (const value of refused) {
            const params = new URLSearchParams({ q: 'quasar', [name]: String(value) })
            await api(`${path}?${params}`, 400)
          }
          if (schema.default !== undefined) {
            await api(`${path}?${new URLSearchParams({ q: 'quasar', [name]: String(schema.default) })}`)
          }
        }
      }
      const page = await api('/api/v1/search?q=quasar')
      expect(Object.keys(page).sort()).toEqual([...doc.components.schemas.SearchPage.required].sort())
      const [item] = await api('/api/papers/search?q=quasar&limit=1')
      for (const key of doc.components.schemas.HfSearchItem.required) expect(item).toHaveProperty(key)
    })
  })

  describe('any input', () => {
    const HOSTILE = [
      '"',
      '"quasar',
      '-',
      '-quasar',
      'OR',
      'quasar OR',
      'author:',
      'title:""',
      'cat:',
      'cat:cs.LG',
      'year:2024..2020',
      'year:99999',
      '*',
      'q*',
      'NEAR(quasar light)',
      "'; DROP TABLE papers; --",
      'quasar\u0000light',
      '😀 quasar',
      '$\\alpha$ α',
      '((((',
      'x'.repeat(250),
    ]
    const ROUTES = ['/search', '/papers', '/api/papers/search', '/api/v1/search']
    const answers = async (q: string) => {
      for (const route of ROUTES) {
        const status = (await request(`${route}?q=${encodeURIComponent(q)}`)).status
        // Results, a redirect to a paper, or a clear 400: never a server error.
        if (![200, 302, 400].includes(status)) throw new Error(`${route}?q=${JSON.stringify(q)} answered ${status}`)
      }
    }

    it('answers hostile queries on every search route with results or a clear message', async () => {
      for (const q of HOSTILE) await answers(q)
    })

    it('answers random strings and random query-language soup the same way', async () => {
      const soup = fc
        .array(
          fc.constantFrom('quasar', 'OR', '-', '"', 'title:', 'author:', 'cat:', 'year:', '*', '(', ' ', '2024', '..'),
        )
        .map((parts) => parts.join(''))
      await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 80, unit: 'grapheme' }), soup), answers), {
        numRuns: 150,
      })
    }, 120_000)
  })

  describe('the response cache', () => {
    it('serves a repeated search from the cache, and a new paper as soon as it is stored', async () => {
      const first = await request('/search?q=pulsar')
      const etag = first.headers.get('etag')
      expect(resultIds(await first.text())).toEqual([])
      expect((await request('/search?q=pulsar')).headers.get('etag')).toBe(etag)
      await upsertPapers(db(), [{ ...quasar(99), id: '2605.29999', title: 'A Pulsar Among Quasars' }])
      const again = await request('/search?q=pulsar')
      expect(again.headers.get('etag')).not.toBe(etag)
      expect(resultIds(await again.text())).toEqual(['2605.29999'])
      const v1 = await api('/api/v1/search?q=pulsar')
      expect(v1.results.map((r: Json) => r.id)).toEqual(['2605.29999'])
    })
  })
})
