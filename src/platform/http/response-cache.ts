import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { HtmlEscapedCallbackPhase, type HtmlEscapedString, resolveCallback } from 'hono/utils/html'
import { LRUCache } from 'lru-cache'
import { type BestBrotliOptions, bestBrotli } from './best-brotli.js'
import { type CacheHits, cacheHits, type RequestFields } from './cache-hits.js'
import { compressIn } from './compression.js'
import { chooseCoding, type Coding, isNotModified } from './negotiation.js'
import { currentViewer } from './viewer.js'

// Room for a few hundred of the largest API listings (~0.5 MB each with both codings) or
// thousands of pages (~60 KB each); the oldest-read entry goes first when it is full.
const MAX_BYTES = 64 * 1024 * 1024
// The "new" mark on pages depends on the clock, so an entry lives at most this long whatever the version.
const MAX_AGE_MS = 5 * 60_000
// Keys remembered for `keep: 'asked-again'` (~100 bytes each): a few minutes of a crawl.
const ASKED_ONCE_KEYS = 10_000

/** What a handler renders for the cache to keep: a 200 response's body and the headers that belong to it. */
export interface Representation {
  body: string
  contentType: string
  /** Headers that describe the content, such as `Link`; kept with it and sent with every copy. */
  headers?: Record<string, string>
}

export interface Entry {
  version: string
  etag: string
  contentType: string
  headers: Record<string, string>
  /** The body as rendered, and in each coding once a reader has asked for it (`bodyIn`). */
  bodies: { identity: Uint8Array } & Partial<Record<Coding, Uint8Array>>
}

export interface RespondOptions {
  /**
   * `asked-again`: an answer is kept from the second time its key is asked within the entries'
   * lifetime. For routes of many keys each read by few (a paper's page): a crawler asking every
   * paper once would otherwise push out the listings everyone reads, and a page read once would
   * pay for a kept entry's hash and slower compression for nothing.
   */
  keep?: 'at-once' | 'asked-again'
}

export interface ResponseCache {
  /**
   * Answers from the cache when `key` was rendered at the current version; otherwise renders, keeps
   * (at once, or as `options.keep` says) and answers. `key` must name everything the representation
   * depends on, normalized (see cacheKey). What `render` throws (a 404, say) reaches the error
   * handler and is not kept.
   */
  respond(c: Context, key: string, render: () => Promise<Representation>, options?: RespondOptions): Promise<Response>
  /** Entries held, for tests and diagnostics. */
  readonly size: number
  /** Repeats of anonymous requests answered before the app (cache-hits.ts). */
  readonly hits: CacheHits
}

/**
 * One in-memory cache for the GET responses of pages and API, keyed by a canonical key and by
 * `version()`, which must change whenever the data behind them does. A hit costs one version lookup
 * instead of the queries, the rendering and the compression: each entry is compressed once in each
 * coding a reader asks for, and carries an ETag so a client that has it gets 304
 * (docs/decisions/0010-response-cache.md).
 */
export function responseCache(
  version: () => Promise<string>,
  options: {
    maxBytes?: number
    log?: (fields: RequestFields) => void
    bestBrotli?: Omit<BestBrotliOptions<Entry>, 'isCurrent'>
  } = {},
): ResponseCache {
  const { maxBytes = MAX_BYTES } = options
  const entries = new LRUCache<string, Entry>({
    maxSize: maxBytes,
    sizeCalculation: (e) => Object.values(e.bodies).reduce((n, body) => n + body.byteLength, 0),
    ttl: MAX_AGE_MS,
  })
  // Requests for a key that is being rendered wait for that rendering instead of starting another,
  // so fifty readers arriving after an import cost one rendering, not fifty.
  const rendering = new Map<string, { version: string; entry: Promise<Entry> }>()
  const recompress = bestBrotli<Entry>({
    ...options.bestBrotli,
    isCurrent: async (key, entry) => entries.peek(key) === entry && (await version()) === entry.version,
  })
  // A body is compressed in a coding when a reader first asks for it: most entries are read in
  // one coding (every browser asks for brotli), and a search's page is often read once.
  const compressing = new WeakMap<Entry, Partial<Record<Coding, Promise<Uint8Array>>>>()
  const bodyIn = (key: string, entry: Entry, coding: Coding): Uint8Array | Promise<Uint8Array> => {
    const body = entry.bodies[coding]
    if (body) return body
    let pending = compressing.get(entry)
    if (!pending) compressing.set(entry, (pending = {}))
    pending[coding] ??= compressIn(coding, entry.bodies.identity, 'kept')
      .then((compressed) => {
        entry.bodies[coding] = compressed
        // Counted in the cache's bound from now on (the same value set again is measured again).
        if (entries.peek(key) === entry) entries.set(key, entry, { noUpdateTTL: true })
        return compressed
      })
      .finally(() => delete pending[coding])
    return pending[coding]
  }
  const hits = cacheHits(
    async (key, aliased) => {
      const current = await version()
      const entry = entries.get(key)
      if (current !== aliased || entry?.version !== current) return undefined
      recompress.served(key, entry)
      return entry
    },
    bodyIn,
    options.log,
  )

  const fill = (key: string, current: string, render: () => Promise<Representation>): Promise<Entry> => {
    const pending = rendering.get(key)
    if (pending?.version === current) return pending.entry
    const entry = render().then((r) => encode(r, current))
    rendering.set(key, { version: current, entry })
    entry
      .then(
        // Kept only if nothing was written meanwhile: what was rendered may already show the write
        // in part (a paper fetched from arXiv into the catalog by this very rendering, say).
        async (e) => {
          if ((await version()) === current) entries.set(key, e)
        },
        () => {}, // the request that rendered reports the error; nothing is kept
      )
      .finally(() => {
        if (rendering.get(key)?.entry === entry) rendering.delete(key)
      })
    return entry
  }

  // Keys asked once lately, of routes that keep an answer only when it is asked again.
  const askedOnce = new LRUCache<string, true>({ max: ASKED_ONCE_KEYS, ttl: MAX_AGE_MS })

  return {
    async respond(c, key, render, options = {}) {
      // A signed-in reader's pages show their name, votes and forms with their own CSRF token:
      // rendered for them alone, and kept by no cache on the way.
      if (currentViewer()) return sendUnkept(c, await render(), 'private, no-store')
      const current = await version()
      const hit = entries.get(key)
      if (!hit && options.keep === 'asked-again' && !askedOnce.has(key)) {
        askedOnce.set(key, true)
        return sendUnkept(c, await render(), 'no-cache')
      }
      const entry = hit?.version === current ? hit : await fill(key, current, render)
      if (entry === hit) recompress.served(key, entry)
      hits.mark(c, key, entry)
      return send(c, entry, (coding) => bodyIn(key, entry, coding))
    },
    get size() {
      return entries.size
    },
    hits,
  }
}

/**
 * A cache key from a route and the parameters its handler read, after parsing: absent values left
 * out, names in a fixed order. Built from parsed values, so spellings of one request (`limit=050`,
 * a date as a full timestamp, another host, parameters nobody reads) share one entry.
 */
export function cacheKey(route: string, params: Record<string, string | number | null | undefined> = {}): string {
  const present = Object.entries(params)
    .filter((entry) => entry[1] !== undefined && entry[1] !== null)
    .sort(([a], [b]) => (a < b ? -1 : 1))
  // JSON quotes every value, so no value can pass for another parameter, and it never throws.
  return present.length > 0 ? `${route} ${JSON.stringify(Object.fromEntries(present))}` : route
}

/** A page as the cache keeps it: the HTML `c.html` would send for the same element. */
export async function htmlOf(page: HtmlEscapedString | Promise<HtmlEscapedString>): Promise<Representation> {
  const body = await resolveCallback(await page, HtmlEscapedCallbackPhase.Stringify, false, {})
  return { body, contentType: 'text/html; charset=UTF-8' }
}

/** A value as the cache keeps it: the JSON `c.json` would send. */
export function jsonOf(value: unknown, headers?: Record<string, string>): Representation {
  return { body: JSON.stringify(value), contentType: 'application/json', ...(headers && { headers }) }
}

function encode(r: Representation, version: string): Entry {
  const identity = Buffer.from(r.body, 'utf8')
  return {
    version,
    // Weak: the tag names the content, which is the same whichever coding carries it.
    etag: `W/"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
    contentType: r.contentType,
    headers: r.headers ?? {},
    bodies: { identity },
  }
}

/** If-Modified-Since, for clients that keep dates rather than tags (RFC 9110 §13.1.3: only without If-None-Match). */
function isUnmodifiedSince(
  ifNoneMatch: string | undefined,
  since: string | undefined,
  lastModified: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined || !since || !lastModified) return false
  const s = Date.parse(since)
  return !Number.isNaN(s) && Date.parse(lastModified) <= s
}

/**
 * An answer this cache does not keep: a signed-in reader's (`private, no-store`), or one not kept
 * yet (`no-cache`). Compressed on its way out, as other answers are (compress.ts).
 */
function sendUnkept(c: Context, r: Representation, cacheControl: 'private, no-store' | 'no-cache'): Response {
  c.header('Cache-Control', cacheControl)
  return c.body(r.body, 200, { ...r.headers, 'Content-Type': r.contentType })
}

async function send(
  c: Context,
  entry: Entry,
  bodyIn: (coding: Coding) => Uint8Array | Promise<Uint8Array>,
): Promise<Response> {
  c.header('Vary', 'Accept-Encoding', { append: true })
  c.header('ETag', entry.etag)
  // Shared caches and browsers may keep a copy but must ask again, which the ETag makes cheap.
  c.header('Cache-Control', 'no-cache')
  if (isNotModified(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304)
  if (
    isUnmodifiedSince(c.req.header('if-none-match'), c.req.header('if-modified-since'), entry.headers['Last-Modified'])
  ) {
    c.header('Last-Modified', entry.headers['Last-Modified'])
    return c.body(null, 304)
  }
  const coding = chooseCoding(c.req.header('accept-encoding'))
  const headers: Record<string, string> = { ...entry.headers, 'Content-Type': entry.contentType }
  if (coding !== 'identity') headers['Content-Encoding'] = coding
  return c.body((await bodyIn(coding)) as Uint8Array<ArrayBuffer>, 200, headers)
}
