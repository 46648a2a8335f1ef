import { createServer, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { importHfDaily } from '../src/papers/huggingface/import.js'
import { connect } from '../src/platform/db/connect.js'
import { createTestDb, describeEachDatabase, type TestDb } from './support/db.js'
import { HF_DAILY_DIR } from './support/env.js'

/**
 * What HTTP clients other than a reader's browser rely on: status codes and `Allow` for methods,
 * CORS for scripts on other sites, health probes for load balancers, 503 when the database is
 * gone, and one access-log line per request.
 */
const BASE_URL = 'https://papers.example.org'
const DAY = '2026-06-11'

function appFor(db: TestDb | ReturnType<typeof connect>, env: Record<string, string> = {}, lines: string[] = []) {
  const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent', ...env })
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
  return createApp({ config, db, logger })
}

describeEachDatabase('HTTP manners', (db) => {
  let app: ReturnType<typeof createApp>
  const lines: string[] = []

  beforeAll(async () => {
    await importHfDaily(db(), join(HF_DAILY_DIR, `${DAY}.json`))
    app = appFor(db(), {}, lines)
  })

  describe('GET /api/papers/{id}', () => {
    it.each(['0000.00000', '0612.0001', '2413.00001', 'hep-th/9913001', '2401.00001v0'])(
      'gives 404 {"error"} for %s, an id that cannot exist, as Hugging Face does',
      async (id) => {
        const res = await app.request(`/api/papers/${id}`)
        expect(res.status).toBe(404)
        expect(Object.keys(await res.json())).toEqual(['error'])
      },
    )

    it.each(['not-an-id', '2401.00001.pdf', '12345', 'HEP-TH/9901001'])(
      'keeps 400 for %s, which is no id at all',
      async (raw) => {
        expect((await app.request(`/api/papers/${raw}`)).status).toBe(400)
      },
    )
  })

  describe('CORS on the read API', () => {
    it('lets a script on any site read the API and its Link header, without credentials', async () => {
      const res = await app.request('/api/papers?limit=1', {
        headers: { Origin: 'https://notebook.example' },
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-expose-headers')).toMatch(/\bLink\b/)
      expect(res.headers.get('access-control-allow-credentials')).toBeNull()
      expect(res.headers.get('link')).toMatch(/rel="next"/)
    })

    it('lets a script read an API error too', async () => {
      const res = await app.request('/api/daily_papers?limit=0', {
        headers: { Origin: 'https://notebook.example' },
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
    })

    it('answers a preflight with 204, the methods shared and the headers asked for', async () => {
      const res = await app.request('/api/daily_papers', {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://notebook.example',
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      })
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe('*')
      expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD')
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization')
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
      expect(await res.text()).toBe('')
    })

    it('shares no page, only the API', async () => {
      const res = await app.request('/', { headers: { Origin: 'https://notebook.example' } })
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
    })
  })

  describe('methods', () => {
    it.each([
      ['/', 'GET, HEAD, OPTIONS'],
      [`/papers/date/${DAY}`, 'GET, HEAD, OPTIONS'],
      ['/papers/2401.00001', 'GET, HEAD, OPTIONS'],
      ['/subscribe', 'POST, OPTIONS'],
      ['/api/papers', 'GET, HEAD, OPTIONS'],
    ])('answers OPTIONS %s with 204 and Allow: %s', async (path, allow) => {
      const res = await app.request(path, { method: 'OPTIONS' })
      expect(res.status).toBe(204)
      expect(res.headers.get('allow')).toBe(allow)
    })

    it('answers a POST to a page with 405 and Allow, not the CSRF 403, whatever its origin', async () => {
      for (const origin of [BASE_URL, 'https://evil.example']) {
        const res = await app.request(`/papers/date/${DAY}`, {
          method: 'POST',
          body: 'x=1',
          headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        })
        expect(res.status, origin).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
        expect(res.headers.get('content-type')).toMatch(/^text\/html/)
      }
    })

    it.each(['PUT', 'DELETE', 'PATCH', 'POST'])(
      'answers %s on the API with 405 {"error"} and Allow',
      async (method) => {
        const res = await app.request('/api/daily_papers', { method })
        expect(res.status).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
        expect((await res.json()).error).toContain(method)
      },
    )

    it('answers GET on the subscribe form’s target with 405', async () => {
      const res = await app.request('/subscribe')
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('POST, OPTIONS')
    })

    it('still rejects a form posted from another site to a state-changing route with 403 (CSRF)', async () => {
      const res = await app.request('/subscribe', {
        method: 'POST',
        body: 'email=a%40b.org',
        headers: {
          Origin: 'https://evil.example',
          'Content-Type': 'application/x-www-form-urlencoded',
        },
      })
      expect(res.status).toBe(403)
    })

    it('answers any method on an unknown address with 404', async () => {
      for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
        expect((await app.request('/no/such/page', { method })).status, method).toBe(404)
      }
    })

    it('answers HEAD like GET, without a body', async () => {
      const res = await app.request(`/api/daily_papers?date=${DAY}`, { method: 'HEAD' })
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('')
    })
  })

  describe('health probes', () => {
    it('/healthz says the process is alive, uncached', async () => {
      const res = await app.request('/healthz')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
      expect(res.headers.get('cache-control')).toBe('no-store')
    })

    it('/readyz says the database answers and is migrated', async () => {
      const res = await app.request('/readyz')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
      expect(res.headers.get('cache-control')).toBe('no-store')
    })

    it('/readyz answers 503 while a migration is pending', async () => {
      const last = await db()
        .kysely.selectFrom('kysely_migration' as any)
        .selectAll()
        .orderBy('name', 'desc')
        .executeTakeFirstOrThrow()
      await db()
        .kysely.deleteFrom('kysely_migration' as any)
        .where('name', '=', last.name)
        .execute()
      try {
        const res = await app.request('/readyz')
        expect(res.status).toBe(503)
        expect(await res.json()).toEqual({ status: 'unavailable', reason: 'migrations pending' })
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      } finally {
        await db()
          .kysely.insertInto('kysely_migration' as any)
          .values(last)
          .execute()
      }
      expect((await app.request('/readyz')).status).toBe(200)
    })
  })

  describe('access log', () => {
    it('writes one info line per request with method, path, status and time, and no query string', async () => {
      lines.length = 0
      await app.request('/api/daily_papers?submitter=private-name&limit=0')
      const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === 'request')
      expect(entries).toHaveLength(1)
      expect(entries[0]).toMatchObject({
        level: 30,
        method: 'GET',
        path: '/api/daily_papers',
        status: 400,
      })
      expect(entries[0].ms).toBeGreaterThanOrEqual(0)
      expect(entries[0].requestId).toMatch(/\S/)
      expect(lines.join('\n')).not.toContain('private-name')
    })

    it('logs health probes at debug level only', async () => {
      lines.length = 0
      await app.request('/healthz')
      expect(lines.map((l) => JSON.parse(l).level)).toEqual([20])
    })

    it('is silent with ACCESS_LOG=false', async () => {
      const quiet: string[] = []
      await appFor(db(), { ACCESS_LOG: 'false' }, quiet).request('/api/daily_papers?limit=1')
      expect(quiet).toEqual([])
    })
  })
})

describeEachDatabase('a database that goes away', (_db, dialect) => {
  let gone: TestDb
  let app: ReturnType<typeof createApp>
  const lines: string[] = []

  beforeAll(async () => {
    gone = await createTestDb(dialect)
    await importHfDaily(gone, join(HF_DAILY_DIR, `${DAY}.json`))
    app = appFor(gone, {}, lines)
    expect((await app.request('/api/daily_papers')).status).toBe(200)
    expect((await app.request('/readyz')).status).toBe(200)
    await gone.close()
  })

  afterAll(async () => {
    await gone.drop().catch(() => {}) // already closed; drop() closes again, then deletes
  })

  it('answers the API with 503 {"error"} and Retry-After, not 500', async () => {
    const res = await app.request(`/api/daily_papers?date=${DAY}`)
    expect(res.status).toBe(503)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(Object.keys(await res.json())).toEqual(['error'])
  })

  it('answers a page with a 503 page', async () => {
    for (const path of ['/', `/papers/week/2026-W24`, '/papers/2606.11176']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(503)
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(await res.text()).toContain('try again')
    }
  })

  it('is not ready, though alive', async () => {
    expect((await app.request('/readyz')).status).toBe(503)
    expect((await app.request('/healthz')).status).toBe(200)
  })

  it('logs a warning, not an unhandled error', () => {
    const levels = lines
      .map((l) => JSON.parse(l))
      .filter((e) => e.msg !== 'request')
      .map((e) => [e.level, e.msg])
    expect(levels.length).toBeGreaterThan(0)
    expect(levels.every(([level, msg]) => level === 40 && msg === 'database unavailable')).toBe(true)
  })
})

describe('a PostgreSQL server that cannot be reached', () => {
  // Port 9 (discard) has no PostgreSQL behind it: connection refused, as when the server is down.
  const db = connect('postgres://postgres@127.0.0.1:9/paperboy')
  const app = appFor(db)
  afterAll(() => db.close())

  it('answers 503 with Retry-After, and /readyz 503', async () => {
    const res = await app.request('/api/papers')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect((await app.request('/papers/trending')).status).toBe(503)
    expect((await app.request('/readyz')).status).toBe(503)
  })
})

describe('a PostgreSQL server that accepts connections and never answers', () => {
  let server: Server
  const sockets: Socket[] = []
  let db: ReturnType<typeof connect>

  beforeAll(async () => {
    server = createServer((socket) => void sockets.push(socket)) // a hung host: silent, never closes
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    db = connect(`postgres://postgres@127.0.0.1:${port}/paperboy`)
  })

  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    await db.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('answers 503 after the connect timeout instead of hanging, and /readyz sooner', async () => {
    const app = appFor(db)
    let started = performance.now()
    expect((await app.request('/readyz')).status).toBe(503)
    expect(performance.now() - started).toBeLessThan(3000)
    started = performance.now()
    const res = await app.request('/api/papers')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(performance.now() - started).toBeLessThan(12_000)
  }, 20_000)
})
