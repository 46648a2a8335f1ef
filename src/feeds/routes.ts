import { type Context, Hono } from 'hono'
import { type FeaturedPaper } from '../papers/model.js'
import { PERIOD_ROUTES, periodPath, TRENDING_PATH } from '../papers/paths.js'
import { addDays, FIRST_YEAR, LAST_YEAR, parsePeriod, type PeriodKind, toDay } from '../papers/period.js'
import { latestFeaturedDay, listFeatured } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { badRequest } from '../platform/http/http-error.js'
import { cacheKey, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import { SEARCH_PATH } from '../search/paths.js'
import { parseQuery } from '../search/query.js'
import { asksForSomething, parseSearchOptions, searchParamsOf, toSearchRequest } from '../search/request.js'
import { searchPapers } from '../search/service.js'
import { type FeedChannel, type FeedEntry, renderFeed } from './build.js'
import { FEED_FORMATS, type FeedFormat, feedLinks, LATEST_FEED_BASE } from './links.js'

/** The latest feed spans the last week of featured days, so a reader who checks weekly misses nothing. */
const LATEST_DAYS = 7
const LATEST_ITEMS = 200
const PERIOD_ITEMS = 100
const TRENDING_ITEMS = 50
const SEARCH_ITEMS = 50

/** `feed.rss`, `feed.atom` or `feed.json` as the last segment of a view's path. */
const FILE = ':file{feed\\.(?:rss|atom|json)}'
const formatOf = (c: Context) => c.req.param('file')!.slice('feed.'.length) as FeedFormat

const featuredEntries = (list: FeaturedPaper[]): FeedEntry[] =>
  list.map(({ paper, featuring }) => ({ paper, date: `${featuring.featuredOn}T00:00:00.000Z` }))

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for every listing: the latest days, each day, week and month,
 * trending, and any search (so any category, author or query). Served from the response cache, so
 * they carry an ETag and Last-Modified and answer 304 to a reader that has the current one.
 */
export function feedRoutes(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()

  const channelOf = (base: string, title: string, description: string, pagePath: string): FeedChannel => {
    const urls = Object.fromEntries(feedLinks(base, title).map((l) => [l.format, `${site.baseUrl}${l.href}`]))
    return {
      title: `${title} · ${site.name}`,
      description,
      pageUrl: `${site.baseUrl}${pagePath}`,
      feedUrls: urls as Record<FeedFormat, string>,
      siteName: site.name,
      baseUrl: site.baseUrl,
    }
  }

  const respond = (c: Context, key: string, channel: () => Promise<[FeedChannel, FeedEntry[]]>) => {
    const format = formatOf(c)
    return cache.respond(c, cacheKey(key, { format }), async () => {
      const [info, entries] = await channel()
      const newest = entries.reduce((latest, e) => (e.date > latest ? e.date : latest), '')
      const headers: Record<string, string> = {}
      if (newest) headers['Last-Modified'] = new Date(newest).toUTCString()
      return {
        body: renderFeed(format, info, entries),
        contentType: `${FEED_FORMATS[format].type}; charset=utf-8`,
        headers,
      }
    })
  }

  app.get(`${LATEST_FEED_BASE}/${FILE}`, (c) =>
    respond(c, LATEST_FEED_BASE, async () => {
      const last = (await latestFeaturedDay(db)) ?? toDay(now())
      const range = { start: addDays(last, 1 - LATEST_DAYS), end: addDays(last, 1) }
      const list = await listFeatured(db, { range, sort: 'upvotes', offset: 0, limit: LATEST_ITEMS })
      const description = `The papers featured on ${site.name} over the last ${LATEST_DAYS} days, most upvoted first.`
      return [channelOf(LATEST_FEED_BASE, 'Daily Papers', description, '/papers'), featuredEntries(list)]
    }),
  )

  for (const kind of ['day', 'week', 'month'] as PeriodKind[]) {
    app.get(`${PERIOD_ROUTES[kind]}/${FILE}`, (c) => {
      const key = c.req.param('key')!
      const period = parsePeriod(kind, key)
      if (!period) throw badRequest(`“${key}” is not a valid ${kind} (years ${FIRST_YEAR} to ${LAST_YEAR}).`)
      const path = periodPath(kind, period.key)
      return respond(c, path, async () => {
        const range = { start: period.start, end: period.end }
        const list = await listFeatured(db, { range, sort: 'upvotes', offset: 0, limit: PERIOD_ITEMS })
        const title = `${{ day: 'Daily', week: 'Weekly', month: 'Monthly' }[kind]} Papers ${period.key}`
        return [
          channelOf(path, title, `The papers featured in ${period.key}, most upvoted first.`, path),
          featuredEntries(list),
        ]
      })
    })
  }

  app.get(`${TRENDING_PATH}/${FILE}`, (c) =>
    respond(c, TRENDING_PATH, async () => {
      const list = await listFeatured(db, { sort: 'trending', offset: 0, limit: TRENDING_ITEMS })
      const description = 'The papers readers upvote and discuss most, weighted toward the last days.'
      return [channelOf(TRENDING_PATH, 'Trending Papers', description, TRENDING_PATH), featuredEntries(list)]
    }),
  )

  // Any search, category browsing included (`?category=cs.LG`); newest first unless asked otherwise.
  app.get(`${SEARCH_PATH}/${FILE}`, (c) => {
    const asked = c.req.query()
    const options = { ...parseSearchOptions({ sort: 'newest', ...asked }), page: 1, perPage: SEARCH_ITEMS }
    const query = parseQuery(options.q)
    if (!asksForSomething(query, options))
      throw badRequest('A search feed needs a query or a category: add ?q=… or ?category=….')
    const search = searchParamsOf(options).toString()
    const time = now()
    const request = toSearchRequest(options, query, toDay(time))
    return respond(c, cacheKey(SEARCH_PATH, { search, from: request.from }), async () => {
      const found = await searchPapers(db, request)
      const entries = found.hits.map(({ paper }) => ({
        paper,
        date: paper.updatedAt ?? paper.publishedAt ?? new Date(0).toISOString(),
      }))
      const what = [options.q && `“${options.q}”`, options.categories.length > 0 && options.categories.join(', ')]
        .filter(Boolean)
        .join(' in ')
      const base = `${SEARCH_PATH}?${search}`
      return [channelOf(base, `Papers matching ${what}`, `New papers on ${site.name} matching ${what}.`, base), entries]
    })
  })

  return app
}
