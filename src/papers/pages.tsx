import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../platform/db/connect.js'
import { badRequest, HttpError } from '../platform/http/http-error.js'
import { cacheKey, htmlOf, type Representation, type ResponseCache } from '../platform/http/response-cache.js'
import { pageNumber, parseQuery } from '../platform/http/params.js'
import type { Site } from '../platform/views/site.js'
import { previewImageOf } from '../previews/page-image.js'
import { similarPapers } from '../search/similar.js'
import { commentOrderOf } from '../community/comments/discussion.js'
import { paperCommunity } from '../community/paper-community.js'
import { viewerVotes } from '../community/votes/viewer-votes.js'
import { parsePaperId } from './arxiv-id.js'
import { findPaper, type PaperLookup } from './lookup.js'
import { EXPORT_FORMATS, exportPapers } from './citation/export.js'
import { toMarkdown } from './citation/markdown.js'
import type { Paper } from './model.js'
import {
  LATEST_PATHS,
  PAPER_ROUTE,
  type PaperFormat,
  PERIOD_ROUTES,
  paperPath,
  periodPath,
  splitPaperParam,
  TRENDING_PATH,
} from './paths.js'
import { FIRST_YEAR, LAST_YEAR, type Period, type PeriodKind, parsePeriod, periodContaining } from './period.js'
import {
  countFeatured,
  featuredDaysAround,
  latestFeaturedDay,
  listFeatured,
  type PaperWithFeaturings,
} from './store.js'
import { ListingPage, periodHeading } from './views/listing-page.js'
import { PaperPage } from './views/paper-page.js'

export const PAGE_SIZE = 50
const MAX_PAGE = 1000

const pageQuery = z.object({ page: pageNumber(MAX_PAGE) })

const PERIOD_FORMATS: Record<PeriodKind, string> = {
  day: 'a date like 2026-08-21',
  week: 'an ISO week like 2026-W34',
  month: 'a month like 2026-08',
}

/** A page past a listing's last paper does not exist, and crawlers should hear so. */
const pastTheEnd = (page: number) =>
  new HttpError(404, `This listing has no page ${page}: it ends before that. Its first page has the top papers.`)

/**
 * The listing pages (day, week, month, trending) and the paper pages with their copies. They change
 * only when the catalog does (votes and comments move it too), so an anonymous reader's are served
 * from `cache`, keyed by what they read (docs/decisions/0010-response-cache.md).
 */
export function paperPages(db: Db, site: Site, cache: ResponseCache, lookup?: PaperLookup, now = Date.now): Hono {
  const app = new Hono()

  const listing = async (period: Period, page: number) => {
    const range = { start: period.start, end: period.end }
    const offset = (page - 1) * PAGE_SIZE
    const [entries, total, around, anchorDay] = await Promise.all([
      listFeatured(db, { range, sort: 'upvotes', offset, limit: PAGE_SIZE }),
      countFeatured(db, { range }),
      featuredDaysAround(db, range),
      latestFeaturedDay(db, range),
    ])
    if (entries.length === 0 && page > 1) throw pastTheEnd(page)
    const view = {
      period,
      heading: periodHeading(period),
      entries,
      voted: await viewerVotes(
        db,
        entries.map((e) => e.paper.id),
      ),
      firstRank: offset + 1,
      page,
      hasMore: offset + entries.length < total,
      path: periodPath(period.kind, period.key),
      now: now(),
      before: around.before,
      after: around.after,
      anchorDay: anchorDay ?? period.start,
    }
    return htmlOf(<ListingPage site={site} view={view} />)
  }

  const latest = async (c: Context) => {
    const q = c.req.query('q')
    if (q !== undefined) return c.redirect(`/search?q=${encodeURIComponent(q)}`)
    const { page } = parseQuery(pageQuery, c.req.query()) // its "more papers" link is ?page=2
    return cache.respond(c, cacheKey('/', { page }), async () => {
      const day = await latestFeaturedDay(db)
      const period = periodContaining('day', day ?? new Date(now()).toISOString().slice(0, 10))
      return listing(period, page)
    })
  }
  for (const path of LATEST_PATHS) app.get(path, latest)

  for (const kind of ['day', 'week', 'month'] as const) {
    app.get(PERIOD_ROUTES[kind], async (c) => {
      const key = c.req.param('key')
      const period = parsePeriod(kind, key)
      if (!period) {
        const years = `from ${FIRST_YEAR} to ${LAST_YEAR}`
        throw badRequest(`“${key}” is not a valid ${kind}: use ${PERIOD_FORMATS[kind]}, ${years}.`)
      }
      const { page } = parseQuery(pageQuery, c.req.query())
      const path = periodPath(kind, period.key)
      return cache.respond(c, cacheKey(path, { page }), () => listing(period, page))
    })
  }

  app.get(TRENDING_PATH, async (c) => {
    const { page } = parseQuery(pageQuery, c.req.query())
    return cache.respond(c, cacheKey(TRENDING_PATH, { page }), () => trending(page))
  })

  const trending = async (page: number) => {
    const offset = (page - 1) * PAGE_SIZE
    const [entries, total] = await Promise.all([
      listFeatured(db, { sort: 'trending', offset, limit: PAGE_SIZE }),
      countFeatured(db, {}),
    ])
    if (entries.length === 0 && page > 1) throw pastTheEnd(page)
    const view = {
      period: null,
      heading: 'Trending Papers',
      entries,
      voted: await viewerVotes(
        db,
        entries.map((e) => e.paper.id),
      ),
      firstRank: offset + 1,
      page,
      hasMore: offset + entries.length < total,
      path: TRENDING_PATH,
      now: now(),
      before: null,
      after: null,
      anchorDay: null,
    }
    return htmlOf(<ListingPage site={site} view={view} />)
  }

  app.get(PAPER_ROUTE, async (c) => {
    const raw = c.req.param('id')
    const { id, format } = splitPaperParam(raw)
    const parsed = parsePaperId(id)
    if (!parsed) throw new HttpError(404, `“${raw}” is not an arXiv id. Ids look like 2401.00001 or hep-th/9901001.`)
    if (parsed.version !== null) return c.redirect(paperPath(parsed.id, { format }), 301)
    // The discussion's order is all the page reads of the request; the copies read nothing of it.
    const comments = format === 'html' ? commentOrderOf(c.req.query('comments')) : undefined
    // A paper fetched from arXiv as this rendering asks for it is a write: that answer is not kept
    // (response-cache.ts), and the next reader's is, from the catalog.
    // Kept from its second reading: a crawler reads every paper once, people read some many times.
    const key = cacheKey(paperPath(parsed.id, { format }), { comments })
    return cache.respond(
      c,
      key,
      async () => {
        const found = await findPaper(db, parsed, lookup)
        return format === 'html' ? paperPage(found, comments!) : paperCopy(found.paper, format)
      },
      { keep: 'asked-again' },
    )
  })

  const paperPage = async (found: PaperWithFeaturings, comments: string) => {
    const [image, similar, community] = await Promise.all([
      previewImageOf(db, found.paper, site),
      similarPapers(db, found.paper),
      paperCommunity(db, found.paper, { query: { comments }, now: now() }),
    ])
    return htmlOf(
      <PaperPage
        site={site}
        paper={found.paper}
        featurings={found.featurings}
        image={image}
        similar={similar}
        community={community}
      />,
    )
  }

  /** A copy of the paper page: the Link header points crawlers at the page, as <link rel="canonical"> would. */
  const paperCopy = (paper: Paper, format: Exclude<PaperFormat, 'html'>): Representation => {
    const headers: Record<string, string> = { Link: `<${site.baseUrl}${paperPath(paper.id)}>; rel="canonical"` }
    if (format === 'md')
      return { body: toMarkdown(paper, site.baseUrl), contentType: 'text/markdown; charset=utf-8', headers }
    headers['Content-Disposition'] = `attachment; filename="${paper.id.replace('/', '-')}.${format}"`
    const body = exportPapers(format, [paper], () => `${site.baseUrl}${paperPath(paper.id)}`)
    return { body, contentType: EXPORT_FORMATS[format].type, headers }
  }

  return app
}
