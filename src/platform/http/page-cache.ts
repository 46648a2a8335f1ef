import { gzipSync } from 'node:zlib'
import type { Context, MiddlewareHandler } from 'hono'

// Enough for every day, week and month page a crowd is reading, at ~50 KB each (plus ~8 KB gzipped).
const MAX_ENTRIES = 500
// The "new" mark depends on the clock, so an entry lives at most this long whatever the version.
const MAX_AGE_MS = 5 * 60_000

interface Entry {
  version: string
  html: string
  gzipped: Uint8Array
  storedAt: number
}

/**
 * Caches rendered HTML of GET pages in memory, keyed by URL and by `version()`, which must change
 * whenever the data behind the pages does. A hit costs one version lookup instead of the page's
 * queries and rendering, and is sent gzipped, compressed once, to every client that accepts it
 * (docs/decisions/0004-page-cache.md).
 */
export function pageCache(version: () => Promise<string>): MiddlewareHandler {
  const entries = new Map<string, Entry>()
  return async (c, next) => {
    const key = c.req.url
    const current = await version()
    const hit = entries.get(key)
    if (hit && hit.version === current && Date.now() - hit.storedAt < MAX_AGE_MS) {
      entries.delete(key) // re-insert: Map order is the LRU order
      entries.set(key, hit)
      return send(c, hit)
    }
    await next()
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return
    const html = await c.res.clone().text()
    const entry = { version: current, html, gzipped: new Uint8Array(gzipSync(html)), storedAt: Date.now() }
    entries.delete(key)
    entries.set(key, entry)
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
    c.res = send(c, entry)
  }
}

function send(c: Context, entry: Entry): Response {
  c.header('Vary', 'Accept-Encoding')
  if (!/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) return c.html(entry.html)
  c.header('Content-Encoding', 'gzip')
  c.header('Content-Type', 'text/html; charset=UTF-8')
  return c.body(entry.gzipped as Uint8Array<ArrayBuffer>)
}
