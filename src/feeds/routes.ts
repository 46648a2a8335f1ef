import { type Context, Hono } from 'hono'
import { PERIOD_ROUTES, TRENDING_PATH } from '../papers/paths.js'
import type { PeriodKind } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { cacheKey, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import { SEARCH_PATH } from '../search/paths.js'
import { type FeedChannel, renderFeed } from './build.js'
import { FEED_FORMATS, type FeedFormat, feedLinks, LATEST_FEED_BASE } from './links.js'
import { CATEGORY_ROUTE } from '../categories/paths.js'
import { COLLECTION_ROUTE, PROFILE_ROUTE } from '../community/profiles/paths.js'
import { categoryFeedList } from './category-lists.js'
import { collectionList, submissionsList } from './member-lists.js'
import { authorList, latestList, type PaperList, periodList, searchList, trendingList } from './lists.js'
import { AUTHOR_ROUTE } from '../authors/paths.js'
import { FOLLOWING_FEED_ROUTE } from '../follows/paths.js'
import { followingList } from './following-list.js'

/** `feed.rss`, `feed.atom` or `feed.json` as the last segment of a view's path. */
const FILE = ':file{feed\\.(?:rss|atom|json)}'
const formatOf = (c: Context) => c.req.param('file')!.slice('feed.'.length) as FeedFormat

/**
 * RSS 2.0, Atom 1.0 and JSON Feed 1.1 for every listing: the latest days, each day, week and month,
 * trending, any search (so any author or query), each arXiv category, a public collection and a
 * member's submissions, and a member's Following page at a secret address. Served from the response cache, so they carry an ETag and Last-Modified
 * and answer 304 to a reader that has the current one.
 */
export function feedRoutes(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()

  const respond = async (c: Context, pending: PaperList | Promise<PaperList>) => {
    const list = await pending
    const format = formatOf(c)
    return cache.respond(c, cacheKey(list.key, { feed: format }), async () => {
      const entries = await list.load()
      const urls = Object.fromEntries(
        feedLinks(list.path, list.title).map((l) => [l.format, `${site.baseUrl}${l.href}`]),
      )
      const channel: FeedChannel = {
        title: `${list.title} · ${site.name}`,
        description: list.description,
        pageUrl: `${site.baseUrl}${list.path}`,
        feedUrls: urls as Record<FeedFormat, string>,
        siteName: site.name,
        baseUrl: site.baseUrl,
      }
      const newest = entries.reduce((latest, e) => (e.date > latest ? e.date : latest), '')
      const headers: Record<string, string> = {}
      if (newest) headers['Last-Modified'] = new Date(newest).toUTCString()
      const contentType = `${FEED_FORMATS[format].type}; charset=utf-8`
      return { body: renderFeed(format, channel, entries), contentType, headers }
    })
  }

  app.get(`${LATEST_FEED_BASE}/${FILE}`, (c) => respond(c, latestList(db, site.name, now())))
  for (const kind of ['day', 'week', 'month'] as PeriodKind[]) {
    app.get(`${PERIOD_ROUTES[kind]}/${FILE}`, (c) => respond(c, periodList(db, kind, c.req.param('key')!)))
  }
  app.get(`${TRENDING_PATH}/${FILE}`, (c) => respond(c, trendingList(db)))
  app.get(`${SEARCH_PATH}/${FILE}`, (c) => respond(c, searchList(db, site.name, c.req.query(), now())))
  app.get(`${CATEGORY_ROUTE}/${FILE}`, (c) => respond(c, categoryFeedList(db, c.req.param('category')!)))
  app.get(`${COLLECTION_ROUTE}/${FILE}`, (c) =>
    respond(c, collectionList(db, c.req.param('username')!, c.req.param('slug')!)),
  )
  app.get(`${PROFILE_ROUTE}/${FILE}`, (c) => respond(c, submissionsList(db, c.req.param('username')!)))
  app.get(`${AUTHOR_ROUTE}/${FILE}`, (c) => respond(c, authorList(db, site.name, c.req.param('name')!)))
  app.get(`${FOLLOWING_FEED_ROUTE}/${FILE}`, (c) => respond(c, followingList(db, c.req.param('token')!, now())))
  return app
}
