import { Hono } from 'hono'
import { viewerVotes } from '../community/votes/viewer-votes.js'
import { pageNumber } from '../community/profiles/page-number.js'
import { viewerFollow } from '../follows/viewer-follows.js'
import { authorName } from '../authors/name.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { cacheKey, htmlOf, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import { AUTHOR_ROUTE, authorPath } from './paths.js'
import { authorPaperIds, countAuthorPapers, frequentCategories, frequentCoauthors } from './store.js'
import { AuthorPage } from './views.js'

export const AUTHOR_PAGE_SIZE = 30
/** What the Follow form offers to tick: enough to tell namesakes apart, few enough to read. */
const COAUTHORS_SHOWN = 8
const CATEGORIES_SHOWN = 6

/** `/authors/{name}`: an author's papers, served from the cache to anonymous readers. */
export function authorPages(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()

  app.get(AUTHOR_ROUTE, async (c) => {
    const raw = c.req.param('name')
    const name = authorName(raw)
    const page = pageNumber(c.req.query('page'))
    // One address per name: `Ada  Lovelace ` is `Ada Lovelace`.
    if (name !== raw) return c.redirect(`${authorPath(name)}${page > 1 ? `?page=${page}` : ''}`, 301)
    return cache.respond(c, cacheKey(authorPath(name), { page }), async () => {
      const [ids, total, coauthors, categories, follow] = await Promise.all([
        authorPaperIds(db, name, { limit: AUTHOR_PAGE_SIZE + 1, offset: (page - 1) * AUTHOR_PAGE_SIZE }),
        countAuthorPapers(db, name),
        frequentCoauthors(db, name, COAUTHORS_SHOWN),
        frequentCategories(db, name, CATEGORIES_SHOWN),
        viewerFollow(db, 'author', name),
      ])
      if (total === 0) throw new HttpError(404, `There are no papers by “${name.slice(0, 100)}” in the catalog.`)
      const papers = await getPapers(db, ids.slice(0, AUTHOR_PAGE_SIZE))
      const voted = await viewerVotes(
        db,
        papers.map((p) => p.id),
      )
      const view = {
        name,
        papers,
        total,
        page,
        hasNext: ids.length > AUTHOR_PAGE_SIZE,
        perPage: AUTHOR_PAGE_SIZE,
        coauthors,
        categories,
        follow,
        voted,
        now: now(),
      }
      return htmlOf(<AuthorPage site={site} view={view} />)
    })
  })

  return app
}
