import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaultServer } from '../../test/support/fault-server.js'
import { FetchFailed, PoliteClient, retryAfterMs } from './polite-client.js'

const MIN_INTERVAL = 150

const client = (overrides = {}) =>
  new PoliteClient({
    minIntervalMs: MIN_INTERVAL, timeoutMs: 1000, maxRetries: 3, backoffBaseMs: 50,
    maxRetryAfterMs: 5000, userAgent: 'paperboy-test', ...overrides,
  })

describe('the polite HTTP client', () => {
  const server = new FaultServer()
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(() => server.reset())

  it('keeps the minimum interval between requests, even when called concurrently', async () => {
    server.on('/a', { body: 'ok' })
    const c = client()
    await Promise.all([c.get(`${server.url}/a`), c.get(`${server.url}/a`), c.get(`${server.url}/a`)])
    const gaps = server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at)
    expect(gaps).toHaveLength(2)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(MIN_INTERVAL - 5)
  })

  it('lets a caller that gives up leave the queue at once, while the next still waits its turn', async () => {
    server.on('/slow', { body: 'late', delayMs: 800 }).on('/a', { body: 'ok' })
    const c = client()
    let slowEnded = 0
    const slow = c.get(`${server.url}/slow`).then(() => (slowEnded = Date.now()))
    const started = Date.now()
    await expect(c.get(`${server.url}/a`, AbortSignal.timeout(200))).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(400)
    expect(c.pending).toBe(1)
    await c.get(`${server.url}/a`)
    await slow
    expect(server.requests.map((r) => r.path)).toEqual(['/slow', '/a'])
    expect(server.requests[1]!.at - slowEnded).toBeGreaterThanOrEqual(MIN_INTERVAL - 5)
  })

  it('waits as long as a 503 Retry-After says, then succeeds', async () => {
    server.on('/busy', { status: 503, headers: { 'retry-after': '1' } }, { body: 'finally' })
    const started = Date.now()
    const res = await client().get(`${server.url}/busy`)
    expect(res.text).toBe('finally')
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1000 - 5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('backs off on 429 and 403 without Retry-After', async () => {
    server.on('/limited', { status: 429 }, { status: 403 }, { body: 'ok' })
    expect((await client().get(`${server.url}/limited`)).text).toBe('ok')
    expect(server.requests).toHaveLength(3)
  })

  it('retries a connection reset in the middle of the body', async () => {
    server.on('/reset', { body: 'x'.repeat(100_000), resetAfterBytes: 1000 }, { body: 'whole' })
    expect((await client().get(`${server.url}/reset`)).text).toBe('whole')
  })

  it('times out a slow response and retries it', async () => {
    server.on('/slow', { body: 'late', delayMs: 600 }, { body: 'quick' })
    expect((await client({ timeoutMs: 300 }).get(`${server.url}/slow`)).text).toBe('quick')
  })

  it('gives up with a clear message after its retries', async () => {
    server.on('/down', { status: 503 })
    await expect(client({ maxRetries: 2 }).get(`${server.url}/down`)).rejects.toThrow(
      new FetchFailed(`HTTP 503 from ${new URL(server.url).host} after 3 attempts`, 503),
    )
  })

  it('gives up at once when Retry-After asks for longer than it may wait', async () => {
    server.on('/later', { status: 503, headers: { 'retry-after': '3600' } })
    await expect(client().get(`${server.url}/later`)).rejects.toThrow(/asked to wait 3600 s/)
    expect(server.requests).toHaveLength(1)
  })

  it('returns a 400 body to the caller: arXiv reports bad queries as an error feed', async () => {
    server.on('/bad', { status: 400, body: '<feed/>' })
    expect(await client().get(`${server.url}/bad`)).toMatchObject({ status: 400, text: '<feed/>' })
  })

  it('decodes invalid UTF-8 with replacement characters instead of failing', async () => {
    server.on('/bytes', { body: Buffer.from([0x61, 0xff, 0x62]) })
    expect((await client().get(`${server.url}/bytes`)).text).toBe('a\uFFFDb')
  })
})

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120')).toBe(120_000)
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(10_000)
    expect(retryAfterMs('soon')).toBeNull()
    expect(retryAfterMs(null)).toBeNull()
  })
})
