import fc from 'fast-check'
import type { Hono } from 'hono'
import pino from 'pino'
import { beforeAll, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { describeEachDatabase } from './support/db.js'
import { seedCatalog } from './support/site.js'

/**
 * The whole HTTP surface against hostile input, on a catalog seeded like a real install: every
 * route the app registers (read from `app.routes`, so a new route is covered without editing this
 * file), with random and hostile values in each path parameter and query parameter, and random
 * methods. Whatever comes in, the answer is never a 5xx, never a hang, and an error has the shape
 * its client reads: `{"error": …}` under /api/, an HTML page elsewhere.
 */
const BASE_URL = 'https://papers.example.org'
// A listing page renders in milliseconds; anything near this is a hang, not a slow query.
const REQUEST_TIMEOUT_MS = 5000
// About 2,500 requests per database in under a minute; each run draws new values.
const RUNS_PER_ROUTE = 150
const QUERY_RUNS_PER_ROUTE = 60
// Every query parameter a route reads today; the random names below stand in for tomorrow's.
const PARAMETERS = ['date', 'week', 'month', 'p', 'limit', 'sort', 'submitter', 'cursor', 'page', 'q', 'email']

const nasty = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\udc00\ud800',
  '\u001b[31m',
  '\u007f',
  '\t',
  '\r\n',
  '\u2028',
  '\ufeff',
  "' OR 1=1 --",
  "'; DROP TABLE papers; --",
  '" OR ""="',
  '1; SELECT pg_sleep(30)',
  '%',
  '_',
  '\\',
  '%_\\',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '..',
  '.',
  '0000.00000',
  '2401.00001',
  '2608.19880',
  'hep-th/9901001v2',
  'local-x',
  '2401.00001v0',
  '2401.00001.md',
  'null',
  'publishedAt',
  'trending',
  'upvotes',
  'akhaliq',
  'true',
  '[]',
  '{}',
  '',
)
const number = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.constantFrom('1e309', '-0', 'NaN', 'Infinity', '-Infinity', '0x10', '9007199254740993', '1.5', '00', '+1', ' 1 '),
)
const year = fc.oneof(
  fc.constantFrom(0, 1, 99, 999, 1000, 2024, 2026, 9998, 9999, 10000, 99999, -1),
  fc.integer({ min: -1, max: 12000 }),
)
const pad = (n: number, width: number) =>
  n < 0 ? `-${String(-n).padStart(width, '0')}` : String(n).padStart(width, '0')
const date = fc.oneof(
  fc
    .tuple(year, fc.integer({ min: -1, max: 14 }), fc.integer({ min: -1, max: 33 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(year, fc.integer({ min: -1, max: 60 })).map(([y, w]) => `${pad(y, 4)}-W${pad(w, 2)}`),
  fc.tuple(year, fc.integer({ min: -1, max: 14 })).map(([y, m]) => `${pad(y, 4)}-${pad(m, 2)}`),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2024',
    '1',
    '9999-12-31T23:59:59-23:59',
    '2026-06-11T08:30:00.000Z',
    '+010000-01-01',
    '2026-W53',
    '2026-W54',
  ),
)
const longText = fc
  .constantFrom(10_000, 20_000)
  .chain((n) => fc.string({ minLength: 1, maxLength: 4 }).map((s) => s.repeat(n).slice(0, n)))
/** Cursors that decode: JSON tuples of anything, loose dates among them. */
const cursor = fc
  .tuple(fc.oneof(date, nasty, fc.constant(null), fc.integer()), fc.oneof(nasty, fc.string()))
  .map((tuple) => Buffer.from(JSON.stringify(tuple)).toString('base64url'))
const text = fc.oneof(
  { weight: 3, arbitrary: nasty },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 30 }) },
  { weight: 2, arbitrary: number },
  { weight: 3, arbitrary: date },
  { weight: 1, arbitrary: cursor },
  { weight: 1, arbitrary: longText },
)
/** Percent-encoding that does not decode, or decodes to something that is not text. */
const percentGarbage = fc.constantFrom(
  '%',
  '%zz',
  '%FF',
  '%ED%A0%80',
  '%00',
  '%C0%AF',
  '%E2%82',
  '%%',
  '%2',
  '%F4%90%80%80',
  '%1F',
)
/** A value as it might arrive in a URL: properly encoded, raw, or with broken encoding mixed in. */
const urlValue = fc.oneof(
  { weight: 4, arbitrary: text.map(encodeAsBrowser) },
  { weight: 2, arbitrary: text },
  {
    weight: 1,
    arbitrary: fc
      .tuple(text, percentGarbage, text)
      .map(([a, g, b]) => `${encodeAsBrowser(a)}${g}${encodeAsBrowser(b)}`),
  },
)
const query = fc
  .array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PARAMETERS) }, { weight: 1, arbitrary: urlValue }),
      urlValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`))
const method = fc.oneof(
  { weight: 8, arbitrary: fc.constant('GET') },
  { weight: 3, arbitrary: fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') },
)

/** Like encodeURIComponent, but a lone surrogate (which it refuses) goes in as it is. */
function encodeAsBrowser(s: string): string {
  try {
    return encodeURIComponent(s)
  } catch {
    return s
  }
}

/** A concrete path for a route pattern, each parameter (`:key`, `:id{.+}`) replaced by `values`. */
function fillPath(pattern: string, values: string[]): string {
  let k = 0
  return pattern.replace(/:[A-Za-z]+(\{[^}]*\})?/g, () => values[k++ % values.length]!)
}

describeEachDatabase('the whole HTTP surface under hostile input', (db) => {
  let app: Hono
  const logged: string[] = []

  beforeAll(async () => {
    await seedCatalog(db())
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) })
    app = createApp({ config, db: db(), logger })
  }, 120_000)

  const routes = () => [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => r.path))]

  async function expectSaneAnswer(method: string, url: string, body?: string): Promise<void> {
    const label = `${method} ${url.slice(0, 300)}`
    const init: RequestInit = { method, redirect: 'manual' }
    if (body !== undefined && method !== 'GET' && method !== 'HEAD') {
      init.body = body
      init.headers = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL }
    }
    let timer: NodeJS.Timeout | undefined
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms: ${label}`)),
        REQUEST_TIMEOUT_MS,
      )
    })
    try {
      const res = await Promise.race([app.request(url, init), hang])
      expect(res.status, label).toBeLessThan(500)
      const content = await Promise.race([res.text(), hang])
      if (res.status < 400 || method === 'HEAD') return
      if (new URL(url).pathname.startsWith('/api/')) {
        expect(res.headers.get('content-type'), label).toMatch(/^application\/json/)
        expect(Object.keys(JSON.parse(content)), label).toEqual(['error'])
      } else {
        expect(res.headers.get('content-type'), label).toMatch(/^text\/html/)
        expect(content, label).toMatch(/^<!DOCTYPE html>/)
      }
    } finally {
      clearTimeout(timer)
    }
  }

  it('answers hostile path parameters on every route without a 5xx or a hang', async () => {
    const patterns = routes()
    expect(patterns.length).toBeGreaterThan(10)
    for (const pattern of patterns) {
      const values = fc.array(urlValue, { minLength: 1, maxLength: 2 })
      await fc.assert(
        fc.asyncProperty(method, values, query, fc.option(text), async (m, v, q, body) => {
          await expectSaneAnswer(m, `http://localhost${fillPath(pattern, v)}${q}`, body ?? undefined)
        }),
        { numRuns: pattern.includes(':') ? RUNS_PER_ROUTE : RUNS_PER_ROUTE / 5 }, // a fixed path has less to vary
      )
    }
  }, 300_000)

  it('answers hostile query parameters on every GET route without a 5xx or a hang', async () => {
    for (const pattern of routes()) {
      // Path parameters stay sensible here, so that the query reaches the handler.
      const path = fillPath(pattern, [
        pattern.startsWith('/papers/week')
          ? '2026-W24'
          : pattern.startsWith('/papers/month')
            ? '2026-06'
            : '2026-06-11',
      ])
      await fc.assert(
        fc.asyncProperty(query, async (q) => expectSaneAnswer('GET', `http://localhost${path}${q}`)),
        { numRuns: QUERY_RUNS_PER_ROUTE },
      )
    }
  }, 300_000)

  it('answers the inputs that once gave 500 on PostgreSQL with 400', async () => {
    for (const path of [
      '/papers/date/9999-12-31',
      '/papers/month/9999-12',
      '/papers/week/9999-W52',
      '/api/daily_papers?date=9999-12-31',
      '/api/daily_papers?month=9999-12',
      '/api/daily_papers?submitter=%00',
      '/api/daily_papers?week=2026-W24&sort=%00',
      `/api/papers?cursor=${Buffer.from('["2024","2401.00001"]').toString('base64url')}`,
      `/api/papers?cursor=${Buffer.from('["1","2401.00001"]').toString('base64url')}`,
      `/api/papers?cursor=${Buffer.from('["2024-01-01T00:00:00.000Z","a\\u0000b"]').toString('base64url')}`,
      `/api/papers?cursor=${Buffer.from('["0000-01-01T00:00:00.000Z","2401.00001"]').toString('base64url')}`,
      '/papers/2401.00001%00',
      '/search?q=%ED%A0%80',
      '/papers/date/%FF',
    ]) {
      expect((await app.request(path)).status, path).toBe(400)
    }
  })

  it('logged no unexpected error and no database outage', () => {
    expect(logged).toEqual([])
  })
})
