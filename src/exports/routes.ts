import { type Context, Hono } from 'hono'
import { EXPORT_FORMATS, type ExportFormat, exportPapers } from '../papers/citation/export.js'
import { paperPath, PERIOD_ROUTES, TRENDING_PATH } from '../papers/paths.js'
import type { PeriodKind } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { cacheKey, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import { SEARCH_PATH } from '../search/paths.js'
import { LATEST_FEED_BASE } from '../feeds/links.js'
import { CATEGORY_DAY_ROUTE, CATEGORY_ROUTE } from '../categories/paths.js'
import { COLLECTION_ROUTE } from '../community/profiles/paths.js'
import { latestList, type PaperList, periodList, searchList, trendingList } from '../feeds/lists.js'
import { categoryDayList } from '../feeds/category-lists.js'
import { collectionList } from '../feeds/member-lists.js'

/** `export.bib`, `export.ris` or `export.csl.json` as the last segment of a list's path. */
const FILE = ':file{export\\.(?:bib|ris|csl\\.json)}'
const formatOf = (c: Context) => c.req.param('file')!.slice('export.'.length) as ExportFormat

/** A list's file name: `papers-2026-08-21.bib`, `papers-trending.ris`. */
const fileName = (list: PaperList, format: ExportFormat) =>
  `papers-${
    list.path
      .replace(/^\/((papers|search|u)\/?)?/, '')
      .replace(/\?.*/, 'search')
      .replace(/[^A-Za-z0-9-]+/g, '-') || 'latest'
  }.${format}`

/**
 * Every list as BibTeX, RIS or CSL-JSON, for a reference manager: the latest days, each day, week
 * and month, trending, any search (its first results), a category's day and a public collection,
 * beside the list (`…/export.bib`).
 */
export function exportRoutes(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()
  const respond = async (c: Context, pending: PaperList | Promise<PaperList>) => {
    const list = await pending
    const format = formatOf(c)
    return cache.respond(c, cacheKey(list.key, { export: format }), async () => {
      const papers = (await list.load()).map((e) => e.paper)
      const body = exportPapers(format, papers, (p) => `${site.baseUrl}${paperPath(p.id)}`)
      const headers = { 'Content-Disposition': `attachment; filename="${fileName(list, format)}"` }
      return { body, contentType: EXPORT_FORMATS[format].type, headers }
    })
  }
  app.get(`${LATEST_FEED_BASE}/${FILE}`, (c) => respond(c, latestList(db, site.name, now())))
  for (const kind of ['day', 'week', 'month'] as PeriodKind[]) {
    app.get(`${PERIOD_ROUTES[kind]}/${FILE}`, (c) => respond(c, periodList(db, kind, c.req.param('key')!)))
  }
  app.get(`${TRENDING_PATH}/${FILE}`, (c) => respond(c, trendingList(db)))
  app.get(`${SEARCH_PATH}/${FILE}`, (c) => respond(c, searchList(db, site.name, c.req.query(), now(), true)))
  app.get(`${CATEGORY_ROUTE}/${FILE}`, (c) => respond(c, categoryDayList(db, c.req.param('category')!)))
  app.get(`${CATEGORY_DAY_ROUTE}/${FILE}`, (c) =>
    respond(c, categoryDayList(db, c.req.param('category')!, c.req.param('day')!)),
  )
  app.get(`${COLLECTION_ROUTE}/${FILE}`, (c) =>
    respond(c, collectionList(db, c.req.param('username')!, c.req.param('slug')!)),
  )
  return app
}
