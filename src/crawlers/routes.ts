import { Hono } from 'hono'
import { paperPath, periodPath } from '../papers/paths.js'
import { type PeriodKind, periodContaining } from '../papers/period.js'
import { listFeaturedDays, listPaperMonths, listPaperStamps } from '../papers/sitemap-store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { robotsTxt } from './robots.js'
import { MAX_URLS_PER_SITEMAP, parsePartName, splitMonths } from './sitemap-parts.js'
import { renderSitemapIndex, renderUrlSet, type SitemapEntry } from './sitemap-xml.js'

// Crawlers read these rarely, and a month's sitemap scans the papers of that month.
const CACHE_CONTROL = 'public, max-age=3600'
const XML = { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': CACHE_CONTROL }
const LISTINGS = 'listings'

/**
 * What search engines read first: robots.txt, and a sitemap index pointing at one sitemap of
 * listing pages and one per month of paper pages (docs/decisions/0009-crawlers-and-canonical-addresses.md).
 */
export function crawlerRoutes(db: Db, baseUrl: string): Hono {
  const app = new Hono()
  const sitemapUrl = (name: string) => `${baseUrl}/sitemaps/${name}.xml`

  app.get('/robots.txt', (c) =>
    c.body(robotsTxt(baseUrl), 200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': CACHE_CONTROL }),
  )

  app.get('/sitemap.xml', async (c) => {
    const parts = splitMonths(await listPaperMonths(db))
    const entries = [
      { loc: sitemapUrl(LISTINGS) },
      ...parts.map((p) => ({ loc: sitemapUrl(p.name), lastmod: p.lastModified })),
    ]
    return c.body(renderSitemapIndex(entries), 200, XML)
  })

  app.get('/sitemaps/:file', async (c) => {
    const file = c.req.param('file')
    const name = file.endsWith('.xml') ? file.slice(0, -'.xml'.length) : ''
    if (name === LISTINGS) return c.body(renderUrlSet(await listingEntries()), 200, XML)
    const parsed = parsePartName(name)
    const stamps = parsed
      ? await listPaperStamps(db, parsed.period, {
          offset: (parsed.part - 1) * MAX_URLS_PER_SITEMAP,
          limit: MAX_URLS_PER_SITEMAP,
        })
      : []
    // An empty sitemap would be a page that does not exist: no papers that month, or no such part.
    if (stamps.length === 0) {
      throw new HttpError(404, `There is no sitemap “${file}”. The list of sitemaps is at /sitemap.xml.`)
    }
    const entries = stamps.map((s) => ({
      loc: `${baseUrl}${paperPath(s.id)}`,
      lastmod: s.lastModified,
    }))
    return c.body(renderUrlSet(entries), 200, XML)
  })

  /** The trending page, then every day, week and month that has papers. */
  async function listingEntries(): Promise<SitemapEntry[]> {
    const days = await listFeaturedDays(db)
    const paths = new Set(['/papers/trending']) // / names the latest day's page as its canonical
    for (const kind of ['day', 'week', 'month'] as PeriodKind[]) {
      for (const day of days) paths.add(periodPath(kind, periodContaining(kind, day).key))
    }
    return [...paths].map((path) => ({ loc: `${baseUrl}${path}` }))
  }

  return app
}
