import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp, createRequestListener } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { papersApi } from '../src/papers/api.js'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { paperPages } from '../src/papers/pages.js'
import { catalogVersion } from '../src/papers/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { loadAssets } from '../src/platform/http/assets.js'
import { responseCache } from '../src/platform/http/response-cache.js'
import { cardImage, SITE_CARD_PATH, siteCardText } from '../src/previews/cards.js'
import { describeEachDatabase } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'
import { RECORDED_DAYS, recordedDay } from './support/recorded.js'

/**
 * The response cache seen from outside: what a client gets from a cached page or API answer, in
 * every coding, is what a fresh rendering gives; ETags and 304; a write to the catalog shows at
 * once; and requests that differ only in what no handler reads share one entry.
 */
const BASE_URL = 'https://papers.example.org'
const MONTH = RECORDED_DAYS.at(-1)!.slice(0, 7) // the last recorded month, imported whole
const DAYS = RECORDED_DAYS.filter((d) => d.startsWith(MONTH))
const DAY = DAYS[0]!
const PAPER = recordedDay(DAY)[0]!.paper.id

const CACHED = [
  '/',
  `/papers/date/${DAY}`,
  `/papers/month/${MONTH}`,
  '/papers/trending?page=2',
  '/api/daily_papers',
  `/api/daily_papers?month=${MONTH}&limit=100`,
  '/api/daily_papers?sort=trending&p=1&limit=7',
  '/api/papers?limit=100',
  `/api/papers/${PAPER}`,
  `/papers/${PAPER}`,
  `/papers/${PAPER}?comments=newest`,
  `/papers/${PAPER}.bib`,
  `/papers/${PAPER}.md`,
]

const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
const logger = pino({ level: 'silent' })

describeEachDatabase('cached pages and API over HTTP', (db) => {
  let app: Hono

  beforeAll(async () => {
    for (const day of DAYS) {
      const report = await importHfDaily(db(), join(HF_DAILY_DIR, `${day}.json`))
      expect(report.problems).toEqual([])
    }
    app = createApp({ config, db: db(), logger })
  })

  /** What a fresh rendering answers: a new app has an empty cache. */
  const rendered = (path: string) => createApp({ config, db: db(), logger }).request(path)

  const decode = async (res: Response): Promise<Buffer> => {
    const body = Buffer.from(await res.arrayBuffer())
    const coding = res.headers.get('content-encoding')
    if (coding === 'br') return brotliDecompressSync(body)
    if (coding === 'gzip') return gunzipSync(body)
    expect(coding).toBeNull()
    return body
  }

  it.each(CACHED)('serves %s cached, in brotli, gzip and identity, byte for byte as rendered', async (path) => {
    const reference = await rendered(path)
    expect(reference.status).toBe(200)
    const expected = Buffer.from(await reference.arrayBuffer())
    for (let i = 0; i < 2; i++) await app.request(path) // fills the entry (a paper's page from its second reading)
    const codings = { 'gzip, deflate, br, zstd': 'br', 'gzip, deflate': 'gzip', '': null } as const
    for (const [accept, coding] of Object.entries(codings)) {
      const res = await app.request(path, { headers: accept ? { 'accept-encoding': accept } : {} })
      expect(res.status, `${path} ${accept}`).toBe(200)
      expect(res.headers.get('content-encoding'), accept).toBe(coding)
      expect(res.headers.get('content-type')).toBe(reference.headers.get('content-type'))
      expect(res.headers.get('link')).toBe(reference.headers.get('link'))
      expect(res.headers.get('vary')).toBe('Accept-Encoding')
      expect((await decode(res)).equals(expected), `${path} in ${coding ?? 'identity'}`).toBe(true)
    }
  })

  it('sends a listing read often in brotli at its best quality, the same content in fewer bytes', async () => {
    const path = `/api/daily_papers?month=${MONTH}&limit=100`
    const expected = Buffer.from(await (await rendered(path)).arrayBuffer())
    const brotli = async () => {
      const res = await app.request(path, { headers: { 'accept-encoding': 'br' } })
      expect(res.headers.get('content-encoding')).toBe('br')
      const body = Buffer.from(await res.arrayBuffer())
      expect(brotliDecompressSync(body).equals(expected)).toBe(true)
      return { length: body.length, etag: res.headers.get('etag') }
    }
    const first = await brotli()
    let last = first
    // Twenty answers make it hot; quality 11 then runs on zlib's thread pool, about a second here.
    for (let i = 0; i < 400 && last.length === first.length; i++) {
      last = await brotli()
      if (i >= 20) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(last.length).toBeLessThan(first.length * 0.95)
    expect(last.etag).toBe(first.etag) // the same representation, so the same tag
  })

  it('keeps the next-page Link of /api/papers and the JSON type in cached copies', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await app.request('/api/papers?limit=100', { headers: { 'accept-encoding': 'gzip' } })
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      expect(res.headers.get('link')).toMatch(
        /^<https:\/\/papers\.example\.org\/api\/papers\?cursor=[\w-]+&limit=100>; rel="next"$/,
      )
      expect(JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString())).toHaveLength(100)
    }
  })

  describe('ETag and If-None-Match', () => {
    it('answers 304 with no body to a client that has the current copy, in any coding', async () => {
      for (const path of CACHED) {
        const first = await app.request(path, { headers: { 'accept-encoding': 'br' } })
        const etag = first.headers.get('etag')!
        expect(etag, path).toMatch(/^W\/"[\w-]+"$/)
        for (const accept of ['gzip', 'br', '']) {
          const again = await app.request(path, { headers: { 'if-none-match': etag, 'accept-encoding': accept } })
          expect(again.status, path).toBe(304)
          expect(again.headers.get('etag')).toBe(etag)
          expect(await again.text()).toBe('')
        }
        const other = await app.request(path, { headers: { 'if-none-match': 'W/"something-else"' } })
        expect(other.status, path).toBe(200)
      }
    })

    it('keeps the security headers on cached answers and on 304s', async () => {
      const first = await app.request('/api/daily_papers')
      for (const res of [
        first,
        await app.request('/api/daily_papers', { headers: { 'if-none-match': first.headers.get('etag')! } }),
      ]) {
        expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
        expect(res.headers.get('x-content-type-options')).toBe('nosniff')
        expect(res.headers.get('cache-control')).toBe('no-cache')
      }
    })

    it('gives the same ETag to a page rendered again with the same content', async () => {
      const etag = (await app.request(`/papers/month/${MONTH}`)).headers.get('etag')
      expect((await rendered(`/papers/month/${MONTH}`)).headers.get('etag')).toBe(etag)
    })
  })

  describe('after the catalog changes', () => {
    const LATE_DAY = `${MONTH}-28`
    const LATE_PAPER = '2699.99999'

    it('serves the new content and a new ETag, and answers 200 to the old ETag', async () => {
      const paths = ['/api/daily_papers', `/api/daily_papers?month=${MONTH}&limit=100`, `/papers/date/${LATE_DAY}`, '/']
      const before = await Promise.all(paths.map((p) => app.request(p)))
      const etags = before.map((r) => r.headers.get('etag')!)
      await upsertPapers(db(), [
        {
          id: LATE_PAPER,
          title: 'A Paper Featured Late',
          authors: ['Late Author'],
          counts: { upvotes: 10_000, numComments: 0 },
          featuring: {
            featuredOn: LATE_DAY,
            source: 'hf',
            position: 0,
            submittedBy: null,
            submittedAt: `${LATE_DAY}T20:00:00.000Z`,
          },
        },
      ])
      for (const [i, path] of paths.entries()) {
        const res = await app.request(path, { headers: { 'if-none-match': etags[i]! } })
        expect(res.status, path).toBe(200)
        expect(res.headers.get('etag'), path).not.toBe(etags[i])
        expect(await res.text(), path).toContain(LATE_PAPER)
      }
      const daily = await (await app.request('/api/daily_papers')).json()
      expect(daily[0].paper.id).toBe(LATE_PAPER)
    })
  })

  describe('cache keys', () => {
    /** The app's routes on a cache the test can see into. */
    function appWithCache() {
      const cache = responseCache(() => catalogVersion(db()))
      const card = cardImage(BASE_URL, SITE_CARD_PATH, siteCardText(config.siteName, BASE_URL))
      const site = { name: config.siteName, baseUrl: BASE_URL, assets: loadAssets().paths, card, feeds: [] }
      const app = new Hono()
      app.route('/', papersApi(db(), BASE_URL, cache))
      app.route('/', paperPages(db(), site, cache))
      return { app, cache }
    }

    it('gives each distinct request an entry of its own', async () => {
      const { app, cache } = appWithCache()
      for (const path of [...CACHED, ...CACHED]) expect((await app.request(path)).status).toBe(200)
      await settle()
      expect(cache.size).toBe(CACHED.length)
    })

    it('keeps a paper’s page from its second reading, so a crawl of every paper does not push out the rest', async () => {
      const { app, cache } = appWithCache()
      expect((await app.request('/api/daily_papers')).status).toBe(200)
      await settle()
      const papers = [...new Set(DAYS.flatMap((day) => recordedDay(day).map((item) => item.paper.id)))]
      for (const id of papers) expect((await app.request(`/papers/${id}`)).status, id).toBe(200)
      await settle()
      expect(cache.size).toBe(1)
      const again = await app.request(`/papers/${papers[0]}`)
      await settle()
      expect(cache.size).toBe(2)
      // The kept copy is the page as rendered; the next reader gets it, and a 304 for the tag.
      const tag = (await app.request(`/papers/${papers[0]}`)).headers.get('etag')!
      expect(tag).toMatch(/^W\/"/)
      expect((await app.request(`/papers/${papers[0]}`, { headers: { 'if-none-match': tag } })).status).toBe(304)
      expect(again.status).toBe(200)
    })

    it('is not grown or flushed by junk parameters, other spellings or another Host', async () => {
      const { app, cache } = appWithCache()
      const hot = await app.request('/api/daily_papers')
      await app.request(`/papers/date/${DAY}`)
      for (let i = 0; i < 2; i++) await app.request(`/papers/${PAPER}`) // kept from its second reading
      const next = (await app.request('/api/papers?limit=10')).headers.get('link')!
      const cursor = /cursor=([\w-]+)/.exec(next)![1]!
      await settle()
      expect(cache.size).toBe(4)
      for (let i = 0; i < 300; i++) {
        const variants = [
          `/api/daily_papers?utm_source=${i}`,
          `/api/daily_papers?limit=${'0'.repeat(i % 5)}50&p=0&sort=publishedAt&x${i}=1`,
          `http://host-${i}.example/api/daily_papers?fbclid=${i}`,
          `/papers/date/${DAY}?page=1&ref=${i}`,
          `/papers/date/${DAY}?junk=${'x'.repeat(i)}`,
          `/api/daily_papers?date=${DAY}T${String(i % 24).padStart(2, '0')}:00:00Z&z=${i}`,
          `/api/papers?limit=10&cursor=${cursor}${'='.repeat(i % 3)}&junk=${i}`, // padding is optional
          `/papers/${PAPER}?comments=oldest&utm_campaign=${i}`, // the discussion's default order
        ]
        for (const path of variants) expect((await app.request(path)).status, path).toBe(200)
      }
      await settle()
      // Two more entries: the day asked for by `date`, and the page after the cursor, in all their spellings.
      expect(cache.size).toBe(6)
      const again = await app.request('/api/daily_papers', { headers: { 'if-none-match': hot.headers.get('etag')! } })
      expect(again.status).toBe(304)
    })
  })
})

/** Entries are kept just after the answer is sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

/**
 * The cache's fast path as `paperboy serve` runs it, over a real socket: a repeat of an anonymous
 * request is answered before the app with what the app would answer (cache-hits.ts), and anything
 * that could change the answer reaches the app.
 */
describeEachDatabase('cached answers before the app, over a real socket', (db) => {
  let server: Server
  let base: string
  let listener: ReturnType<typeof createRequestListener>
  const lines: Record<string, unknown>[] = []

  beforeAll(async () => {
    for (const day of DAYS) await importHfDaily(db(), join(HF_DAILY_DIR, `${day}.json`))
    const logged = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) })
    listener = createRequestListener({ config: { ...config, accessLog: true }, db: db(), logger: logged })
    server = createServer(listener)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  /** An answer with its raw body (fetch would decompress it), less the headers that differ every time. */
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${base}${path}`, { headers, method }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => {
          const fields = Object.entries(res.headers).filter(([name]) => !['date', 'x-request-id'].includes(name))
          resolve({ status: res.statusCode!, headers: Object.fromEntries(fields), body: Buffer.concat(chunks) })
        })
      })
      req.on('error', reject).end()
    })
  /** Whether the fast path answered `request` (its count of answers went up by one). */
  const fast = async <T>(request: () => Promise<T>): Promise<[T, boolean]> => {
    const before = listener.hits.served
    const result = await request()
    return [result, listener.hits.served === before + 1]
  }

  it.each(CACHED)('answers a repeat of %s as the app does, headers and bytes, in every coding', async (path) => {
    const [first, learned] = await fast(() => get(path))
    expect([first.status, learned], 'the first request of its kind reaches the app').toEqual([200, false])
    await get(path) // a paper's page is kept from its second reading
    await settle()
    for (const accept of ['gzip, deflate, br, zstd', 'gzip', '']) {
      const headers: Record<string, string> = accept ? { 'accept-encoding': accept } : {}
      // A request id of the client's own is one the fast path leaves to the app.
      const [fromApp, reached] = await fast(() => get(path, { ...headers, 'x-request-id': 'reference' }))
      expect(reached).toBe(false)
      const [repeat, served] = await fast(() => get(path, headers))
      expect(served, `${path} ${accept}`).toBe(true)
      expect(repeat.status).toBe(200)
      expect(repeat.headers).toEqual(fromApp.headers)
      expect(repeat.body.equals(fromApp.body)).toBe(true)
    }
  })

  it('answers If-None-Match with the 304 the app gives', async () => {
    const path = '/api/daily_papers'
    const etag = (await get(path)).headers.etag as string
    const [fromApp] = await fast(() => get(path, { 'if-none-match': etag, accept: 'text/plain' }))
    const [repeat, served] = await fast(() => get(path, { 'if-none-match': etag, accept: 'text/plain' }))
    expect(served).toBe(true)
    expect([repeat.status, repeat.body.length]).toEqual([304, 0])
    expect(repeat.headers).toEqual(fromApp.headers)
  })

  it('leaves to the app requests with a cookie, credentials, If-Modified-Since or HEAD', async () => {
    const path = `/papers/date/${DAY}`
    await get(path)
    await get(path)
    for (const headers of [
      { cookie: 'pb_session=whatever' } as Record<string, string>,
      { authorization: 'Bearer pb_nothing' },
      { 'if-modified-since': 'Mon, 01 Jan 2024 00:00:00 GMT' },
    ]) {
      const [res, served] = await fast(() => get(path, headers))
      expect([res.status, served], JSON.stringify(headers)).toEqual([200, false])
    }
    const [head, served] = await fast(() => get(path, {}, 'HEAD'))
    expect([head.status, served]).toEqual([200, false])
  })

  it('never answers from before a write to the catalog', async () => {
    const path = `/papers/date/${DAY}`
    await get(path)
    await settle()
    expect((await fast(() => get(path)))[1]).toBe(true)
    const paper = recordedDay(DAY)[0]!.paper
    await upsertPapers(db(), [{ id: paper.id, title: 'A Title Changed Since', authors: ['Someone Else'] }])
    const [res, served] = await fast(() => get(path))
    expect(served).toBe(false)
    expect(res.body.toString()).toContain('A Title Changed Since')
  })

  it('writes the access log line for what it answers', async () => {
    const path = `/api/papers/${PAPER}`
    await get(path)
    await settle()
    lines.length = 0
    expect((await fast(() => get(`${path}?utm_source=x`)))[1]).toBe(false)
    await settle()
    expect((await fast(() => get(`${path}?utm_source=x`)))[1]).toBe(true)
    expect(lines.map((l) => [l.msg, l.method, l.path, l.status])).toEqual([
      ['request', 'GET', path, 200],
      ['request', 'GET', path, 200],
    ])
    expect(lines.every((l) => typeof l.requestId === 'string' && typeof l.ms === 'number')).toBe(true)
  })
})
