import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FaultServer } from '../../test/support/fault-server.js'
import { type Clock, FetchFailed, PoliteClient, retryAfterMs } from './polite-client.js'

const MIN_INTERVAL = 150

/**
 * Virtual time: a wait advances it at once, so the client's waits are measured exactly and cost
 * the test nothing. The network still runs in real time, but takes no virtual time.
 */
function virtualClock(): Clock & { t: number } {
  const clock = {
    t: Date.parse('2026-03-04T12:00:00Z'),
    now: () => clock.t,
    async sleep(ms: number, signal?: AbortSignal) {
      signal?.throwIfAborted()
      clock.t += ms
    },
  }
  return clock
}

const clock = virtualClock()
const client = (overrides = {}) =>
  new PoliteClient(
    {
      minIntervalMs: MIN_INTERVAL,
      timeoutMs: 1000,
      maxRetries: 3,
      backoffBaseMs: 50,
      maxRetryAfterMs: 5000,
      userAgent: 'paperboy-test',
      ...overrides,
    },
    clock,
  )

describe('the polite HTTP client', () => {
  const server = new FaultServer(clock.now)
  const gaps = () => server.requests.slice(1).map((r, i) => r.at - server.requests[i]!.at)
  beforeAll(() => server.start())
  afterAll(() => server.stop())
  beforeEach(() => server.reset())

  it('keeps the minimum interval between requests, even when called concurrently', async () => {
    server.on('/a', { body: 'ok' })
    const c = client()
    await Promise.all([c.get(`${server.url}/a`), c.get(`${server.url}/a`), c.get(`${server.url}/a`)])
    expect(gaps()).toHaveLength(2)
    for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(MIN_INTERVAL)
  })

  it('lets a caller that gives up leave the queue at once, while the next still waits its turn', async () => {
    server.on('/slow', { body: 'late', delayMs: 300 }).on('/a', { body: 'ok' })
    const c = client()
    let slowEnded: number | null = null
    const slow = c.get(`${server.url}/slow`).then(() => (slowEnded = clock.now()))
    const giveUp = new AbortController()
    const waiting = c.get(`${server.url}/a`, giveUp.signal)
    giveUp.abort()
    await expect(waiting).rejects.toThrow()
    expect(slowEnded).toBeNull() // it left without waiting for the request ahead of it
    expect(c.pending).toBe(1)
    await c.get(`${server.url}/a`)
    await slow
    expect(server.requests.map((r) => r.path)).toEqual(['/slow', '/a'])
    expect(server.requests[1]!.at - slowEnded!).toBeGreaterThanOrEqual(MIN_INTERVAL)
  })

  it('waits as long as a 503 Retry-After says, then succeeds', async () => {
    server.on('/busy', { status: 503, headers: { 'retry-after': '1' } }, { body: 'finally' })
    const res = await client().get(`${server.url}/busy`)
    expect(res.text).toBe('finally')
    expect(gaps()).toEqual([1000])
  })

  it('backs off on 429 and 403 without Retry-After', async () => {
    server.on('/limited', { status: 429 }, { status: 403 }, { body: 'ok' })
    expect((await client().get(`${server.url}/limited`)).text).toBe('ok')
    // Backoff doubles (50, then 100 ms) but never shortens the minimum interval.
    expect(gaps()).toEqual([MIN_INTERVAL, MIN_INTERVAL])
    expect((await client({ backoffBaseMs: 200 }).get(`${server.url}/limited`)).text).toBe('ok')
  })

  it('retries a connection reset in the middle of the body', async () => {
    server.on('/reset', { body: 'x'.repeat(100_000), resetAfterBytes: 1000 }, { body: 'whole' })
    expect((await client().get(`${server.url}/reset`)).text).toBe('whole')
  })

  it('times out a slow response and retries it', async () => {
    server.on('/slow', { body: 'late', delayMs: 1500 }, { body: 'quick' })
    expect((await client({ timeoutMs: 300 }).get(`${server.url}/slow`)).text).toBe('quick')
  })

  it('gives up with a clear message after its retries', async () => {
    server.on('/down', { status: 503 })
    await expect(client({ maxRetries: 2 }).get(`${server.url}/down`)).rejects.toThrow(
      new FetchFailed(`HTTP 503 from ${new URL(server.url).host} after 3 attempts`, 503),
    )
    expect(gaps()).toEqual([MIN_INTERVAL, MIN_INTERVAL])
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

describe('a server that accepts connections and never answers', () => {
  const sockets: Socket[] = []
  let requests = 0
  let silent: Server
  let url = ''
  beforeAll(async () => {
    silent = createServer((socket) => {
      sockets.push(socket)
      socket.on('data', (data) => (requests += data.toString('latin1').match(/^GET /gm)?.length ?? 0))
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(silent.address() as { port: number }).port}/`
  })
  afterAll(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => silent.close(() => resolve()))
  })

  it('costs one timeout per attempt, and two attempts in all however many retries are allowed', async () => {
    const host = new URL(url).host
    await expect(client({ timeoutMs: 500, maxRetries: 4 }).get(url)).rejects.toThrow(
      new FetchFailed(`timed out from ${host} after 2 attempts`, null),
    )
    expect(requests).toBe(2)
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
