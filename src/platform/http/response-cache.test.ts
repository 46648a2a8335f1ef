import { randomBytes } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { requestId } from 'hono/request-id'
import { describe, expect, it } from 'vitest'
import { HttpError } from './http-error.js'
import { cacheKey, jsonOf, type Representation, responseCache } from './response-cache.js'

/** An app whose one route renders `/n/:n` through the cache, counting its renderings. */
function setup(options: { maxBytes?: number; render?: (n: string) => Promise<Representation> } = {}) {
  let version = 'v1'
  const rendered: string[] = []
  const cache = responseCache(async () => version, { maxBytes: options.maxBytes })
  const app = new Hono()
  app.use(requestId(), cors({ origin: 'https://client.example', exposeHeaders: ['ETag', 'Link'] }))
  app.get('/n/:n', (c) => {
    const n = c.req.param('n')
    return cache.respond(c, cacheKey('/n', { n }), async () => {
      rendered.push(n)
      return options.render ? options.render(n) : jsonOf({ n, padding: 'x'.repeat(1000) })
    })
  })
  app.onError((error, c) => c.json({ error: error.message }, error instanceof HttpError ? error.status : 500))
  return {
    app,
    cache,
    rendered,
    setVersion: (v: string) => {
      version = v
    },
  }
}

/** Entries are kept just after the answer is sent. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 5))

describe('response cache', () => {
  it('renders a key once per version and answers every later request from memory', async () => {
    const { app, rendered, setVersion } = setup()
    for (let i = 0; i < 3; i++) expect((await app.request('/n/1')).status).toBe(200)
    expect(rendered).toEqual(['1'])
    setVersion('v2')
    expect(await (await app.request('/n/1')).json()).toMatchObject({ n: '1' })
    expect(rendered).toEqual(['1', '1'])
  })

  it('renders once for many requests that arrive while the key is being rendered', async () => {
    const { app, rendered } = setup()
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.request('/n/1')))
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200))
    expect(rendered).toEqual(['1'])
  })

  it('does not keep what was rendered while the version moved', async () => {
    let setVersion = (_: string) => {}
    const { app, cache, rendered, ...rest } = setup({
      render: async (n) => {
        setVersion('v2') // as a paper fetched from arXiv into the catalog during the rendering
        return jsonOf({ n })
      },
    })
    setVersion = rest.setVersion
    expect((await app.request('/n/1')).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(cache.size).toBe(0)
    await app.request('/n/1')
    expect(rendered).toEqual(['1', '1'])
  })

  it('keeps no error: the next request renders again', async () => {
    let fail = true
    const { app, cache, rendered } = setup({
      render: async (n) => {
        if (fail) throw new HttpError(404, `no ${n}`)
        return jsonOf({ n })
      },
    })
    const first = await app.request('/n/1')
    expect(first.status).toBe(404)
    expect(await first.json()).toEqual({ error: 'no 1' })
    expect(cache.size).toBe(0)
    fail = false
    expect((await app.request('/n/1')).status).toBe(200)
    expect(rendered).toEqual(['1', '1'])
  })

  it('holds at most its size in bytes, dropping the entry read longest ago', async () => {
    // Each entry is ~1 KB of JSON plus its two compressions, each made when first asked for and
    // counted from then on: 8 KB holds a few, not twenty.
    const { app, cache, rendered } = setup({ maxBytes: 8 * 1024 })
    const inEach = [{ 'accept-encoding': 'gzip' }, { 'accept-encoding': 'br' }]
    await app.request('/n/hot')
    for (let i = 0; i < 20; i++) {
      for (const headers of inEach) await app.request(`/n/${i}`, { headers })
      await app.request('/n/hot')
      await new Promise((resolve) => setTimeout(resolve, 1)) // the entry is kept after it is sent
    }
    expect(cache.size).toBeGreaterThan(1)
    expect(cache.size).toBeLessThan(8)
    expect(rendered.filter((n) => n === 'hot')).toHaveLength(1)
  })

  it('compresses a body in a coding when a reader first asks for it, and counts it from then on', async () => {
    // 6 KB of random text compresses to ~4.5 KB in each coding: one entry in all three is ~15 KB.
    const noise = (n: string) => Promise.resolve(jsonOf({ n, noise: randomBytes(4_500).toString('base64') }))
    const { app, cache, rendered } = setup({ maxBytes: 20 * 1024, render: noise })
    const a = await app.request('/n/a', { headers: { 'accept-encoding': 'br' } })
    expect(a.headers.get('content-encoding')).toBe('br')
    await app.request('/n/b') // identity only: ~6 KB, both fit
    await settle()
    expect(cache.size).toBe(2)
    // The second coding of `a`, made now and counted: 15 + 6 KB no longer fit, so `b` (read longest ago) goes.
    const zipped = await app.request('/n/a', { headers: { 'accept-encoding': 'gzip' } })
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString()).toContain('"n":"a"')
    await settle()
    await app.request('/n/a')
    await app.request('/n/b')
    expect(rendered).toEqual(['a', 'b', 'b'])
  })

  it('sends gzip to a client that asks for it, and what it sends unzips to the identity body', async () => {
    const { app } = setup()
    const plain = await (await app.request('/n/1')).arrayBuffer()
    const zipped = await app.request('/n/1', { headers: { 'accept-encoding': 'gzip, deflate' } })
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('vary')).toMatch(/^Accept-Encoding\b/)
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer()))).toEqual(Buffer.from(plain))
  })
})

describe('response cache behind other middleware', () => {
  it('sends the headers middleware sets on each request, never those of the request that filled the entry', async () => {
    const { app } = setup()
    const answers = []
    for (const origin of ['https://client.example', 'https://client.example', 'https://other.example']) {
      answers.push(await app.request('/n/1', { headers: { origin } }))
    }
    const ids = answers.map((r) => r.headers.get('x-request-id'))
    expect(new Set(ids).size).toBe(3)
    expect(answers.map((r) => r.headers.get('access-control-allow-origin'))).toEqual([
      'https://client.example',
      'https://client.example',
      null,
    ])
    expect(answers[1]!.headers.get('access-control-expose-headers')).toBe('ETag,Link')
    expect(answers[1]!.headers.get('vary')).toBe('Accept-Encoding, Origin')
  })
})

describe('cacheKey', () => {
  it('puts parameters in one order and leaves out absent ones', () => {
    const key = cacheKey('/api/x', { limit: 50, after: null, sort: 'trending', q: undefined })
    expect(key).toBe(cacheKey('/api/x', { sort: 'trending', limit: 50 }))
    expect(key).not.toBe(cacheKey('/api/x', { sort: 'trending', limit: 51 }))
    expect(cacheKey('/')).toBe('/')
  })

  it('cannot be confused by a value that looks like another parameter', () => {
    expect(cacheKey('/a', { q: 'x&limit=1' })).not.toBe(cacheKey('/a', { q: 'x', limit: 1 }))
    expect(cacheKey('/a', { q: 'x","limit":1' })).not.toBe(cacheKey('/a', { q: 'x', limit: 1 }))
    expect(cacheKey('/a', { n: 1 })).not.toBe(cacheKey('/a', { n: '1' }))
  })

  it('takes any string, lone surrogates and NUL included', () => {
    expect(cacheKey('/a', { q: '\uD800\u0000' })).not.toBe(cacheKey('/a', { q: '' }))
  })
})
