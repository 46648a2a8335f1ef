import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { HttpBindings } from '@hono/node-server'
import type { Context, MiddlewareHandler } from 'hono'
import { LRUCache } from 'lru-cache'
import { type Coding, chooseCoding, isNotModified } from './negotiation.js'
import type { Entry } from './response-cache.js'

/**
 * How long a learned request stays answerable without the app. Short, because what a URL names can
 * change with the clock alone (`/` is the latest day, and a day begins at midnight): within this
 * time a repeat may show the page the app chose for the same URL a moment earlier.
 */
const ALIAS_TTL_MS = 10_000
// A learned request costs its URL and some 700 bytes of headers: this bounds them in memory however
// many distinct URLs (junk parameters, say) readers send.
const MAX_ALIAS_BYTES = 8 * 1024 * 1024
const MAX_URL_LENGTH = 2048
/** Headers that belong to one response, or to one cache entry, rather than to the route. */
const PER_RESPONSE = new Set(['content-type', 'content-encoding', 'content-length', 'etag', 'x-request-id', 'date'])

interface Alias {
  key: string
  version: string
  /**
   * What the app's middleware and the cache added for this route (security, CORS, Vary,
   * Cache-Control) as one list of name, value, name, value: Node writes such a list with the least
   * work. An object of the same fifteen headers built for every answer halved a bare server's rate
   * at a 7.6 KB body (BENCHMARKS.md, stop 34).
   */
  headers: string[]
}

export interface RequestFields {
  requestId: string
  method: string
  path: string
  status: number
  ms: number
}

export interface CacheHits {
  /** First middleware of the app: learns which raw requests were answered from which entry. */
  learn: MiddlewareHandler
  /** Called by the cache when it answers an anonymous request from the entry it keeps at `key`. */
  mark(c: Context, key: string, entry: Entry): void
  /** Answers a repeat of a learned request from Node's own objects; false leaves it to the app. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<boolean>
  /** Requests answered here, for tests and diagnostics. */
  readonly served: number
}

/**
 * The response cache's fast path (docs/decisions/0034-cache-hits-before-the-app.md). Once the app
 * has answered an anonymous GET from a cache entry, a repeat of the same request line (same raw
 * URL and Accept) is answered from that entry without building a Fetch Request, routing, or running
 * middleware: the headers the app's middleware added are learned from the first answer and sent
 * again. Anything that could make the answer differ goes to the app: a cookie or Authorization
 * (a reader's own page), If-Modified-Since, a client's own request id, a catalog write since.
 */
export function cacheHits(
  current: (key: string, version: string) => Promise<Entry | undefined>,
  bodyIn: (key: string, entry: Entry, coding: Coding) => Uint8Array | Promise<Uint8Array>,
  log?: (fields: RequestFields) => void,
): CacheHits {
  const aliases = new LRUCache<string, Alias>({
    maxSize: MAX_ALIAS_BYTES,
    sizeCalculation: (alias, key) => key.length + alias.headers.reduce((n, field) => n + field.length, 64),
    ttl: ALIAS_TTL_MS,
  })
  const marks = new WeakMap<Context, { key: string; version: string; entryHeaders: Set<string> }>()
  let served = 0

  return {
    learn: async (c, next) => {
      await next()
      const mark = marks.get(c)
      const incoming = (c.env as HttpBindings | undefined)?.incoming
      const status = c.res.status
      if (
        !mark ||
        !incoming ||
        (status !== 200 && status !== 304) ||
        !answerable(incoming) ||
        c.res.headers.has('set-cookie')
      )
        return
      if ((incoming.url ?? '').length > MAX_URL_LENGTH) return
      const headers = [...c.res.headers]
        .filter(([name]) => !PER_RESPONSE.has(name) && !mark.entryHeaders.has(name))
        .flat()
      aliases.set(aliasOf(incoming), { key: mark.key, version: mark.version, headers })
    },
    mark(c, key, entry) {
      const entryHeaders = new Set(Object.keys(entry.headers).map((name) => name.toLowerCase()))
      marks.set(c, { key, version: entry.version, entryHeaders })
    },
    async serve(req, res) {
      if (!answerable(req)) return false
      const alias = aliases.get(aliasOf(req))
      if (!alias) return false
      const started = performance.now()
      let entry: Entry | undefined
      try {
        entry = await current(alias.key, alias.version)
      } catch {
        return false // the database is down: the app answers with its own error page
      }
      if (!entry) return false
      const notModified = isNotModified(req.headers['if-none-match'], entry.etag)
      const coding = chooseCoding(req.headers['accept-encoding'])
      let body: Uint8Array | undefined
      if (!notModified) {
        const compressed = bodyIn(alias.key, entry, coding)
        try {
          // Awaited only the first time a coding is asked: a repeat's body is at hand.
          body = compressed instanceof Uint8Array ? compressed : await compressed
        } catch {
          return false // the app answers, with its own error should compressing fail again
        }
      }
      const requestId = randomUUID()
      // No name twice: the learned headers leave out the entry's own and those of one response.
      const headers = alias.headers.concat('x-request-id', requestId, 'etag', entry.etag)
      let status = 304
      if (!body) {
        res.writeHead(304, headers).end()
      } else {
        status = 200
        headers.push(...entryFields(entry), 'content-type', entry.contentType)
        if (coding !== 'identity') headers.push('content-encoding', coding)
        headers.push('content-length', String(body.byteLength))
        res.writeHead(200, headers).end(body)
      }
      served++
      const ms = Math.round((performance.now() - started) * 10) / 10
      log?.({ requestId, method: 'GET', path: (req.url ?? '/').split('?')[0]!, status, ms })
      return true
    },
    get served() {
      return served
    },
  }
}

const fieldsOfEntry = new WeakMap<Entry, string[]>()

/** An entry's own headers (a Link, say) as name, value, …, made once per entry. */
function entryFields(entry: Entry): string[] {
  let fields = fieldsOfEntry.get(entry)
  if (!fields) {
    fields = Object.entries(entry.headers).flatMap(([name, value]) => [name.toLowerCase(), value])
    fieldsOfEntry.set(entry, fields)
  }
  return fields
}

/** A GET whose answer depends on nothing but its URL, Accept and the catalog. */
function answerable(req: IncomingMessage): boolean {
  const h = req.headers
  return (
    req.method === 'GET' &&
    h.cookie === undefined &&
    h.authorization === undefined &&
    h['if-modified-since'] === undefined &&
    h['x-request-id'] === undefined
  )
}

function aliasOf(req: IncomingMessage): string {
  return `${req.url}\n${req.headers.accept ?? ''}`
}
