import type { MiddlewareHandler } from 'hono'

// Enough for every day, week and month page a crowd is reading, at ~50 KB each.
const MAX_ENTRIES = 500
// The "new" mark depends on the clock, so an entry lives at most this long whatever the version.
const MAX_AGE_MS = 5 * 60_000

interface Entry {
  version: string
  body: string
  storedAt: number
}

/**
 * Caches rendered HTML of GET pages in memory, keyed by URL and by `version()`, which must change
 * whenever the data behind the pages does. A hit costs one version lookup instead of the page's
 * queries and rendering (docs/decisions/0004-page-cache.md).
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
      return c.html(hit.body)
    }
    await next()
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return
    const body = await c.res.clone().text()
    entries.delete(key)
    entries.set(key, { version: current, body, storedAt: Date.now() })
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  }
}
