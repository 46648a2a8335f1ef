import { type Context, Hono } from 'hono'
import { viewerVotes } from '../community/votes/viewer-votes.js'
import { FollowButton } from '../follows/follow-button.js'
import { viewerFollow } from '../follows/viewer-follows.js'
import { feedLinks } from '../feeds/links.js'
import { CATEGORY_DAY_ITEMS } from '../feeds/category-lists.js'
import {
  announcedOn,
  categoryDayPapers,
  categoryDaysAround,
  latestAnnouncementDay,
  primaryCategoryCounts,
} from '../papers/category-store.js'
import type { Db } from '../platform/db/connect.js'
import { cacheKey, htmlOf, type ResponseCache } from '../platform/http/response-cache.js'
import type { Site } from '../platform/views/site.js'
import { categoryLatestDay, parseCategoryCode, parseCategoryDay } from './category.js'
import { categoryIndex } from './category-index.js'
import { archiveAnchor, CATEGORIES_PATH, CATEGORY_DAY_ROUTE, CATEGORY_ROUTE, categoryPath } from './paths.js'
import { intoSections } from './sections.js'
import { categoryName, isArchiveWithSubjects } from './taxonomy.js'
import { CategoryPage } from './views/category-page.js'
import { IndexPage } from './views/index-page.js'

/**
 * Every arXiv category as a view (docs/decisions/0028-category-views.md): `/c` indexes them,
 * `/c/cs.LG` shows a category's latest day and `/c/cs.LG/2026-08-21` any day, in arXiv's
 * sections. Served from the response cache, as the other listings are.
 */
export function categoryPages(db: Db, site: Site, cache: ResponseCache, now = Date.now): Hono {
  const app = new Hono()

  app.get(CATEGORIES_PATH, (c) =>
    cache.respond(c, CATEGORIES_PATH, async () => {
      const day = await latestAnnouncementDay(db)
      const [counts, announced] = await Promise.all([primaryCategoryCounts(db), day ? announcedOn(db, day) : []])
      return htmlOf(<IndexPage site={site} groups={categoryIndex(counts, announced, day)} day={day} />)
    }),
  )

  /** The canonical address, when `raw` spells the category another way (`cs.lg`), else null. */
  const respelled = (c: Context, raw: string, code: string, day?: string) =>
    raw === code ? null : c.redirect(categoryPath(code, day), 301)

  app.get(CATEGORY_ROUTE, async (c) => {
    const raw = c.req.param('category')
    const code = parseCategoryCode(raw)
    // An archive with subject classes (cs, math) is a group of categories: its part of the index.
    if (isArchiveWithSubjects(code)) return c.redirect(`${CATEGORIES_PATH}#${archiveAnchor(code)}`, 302)
    return respelled(c, raw, code) ?? cache.respond(c, categoryPath(code), () => categoryDay(code, null))
  })

  app.get(CATEGORY_DAY_ROUTE, async (c) => {
    const raw = c.req.param('category')
    const code = parseCategoryCode(raw)
    const day = parseCategoryDay(c.req.param('day'))
    if (isArchiveWithSubjects(code)) return c.redirect(`${CATEGORIES_PATH}#${archiveAnchor(code)}`, 302)
    return (
      respelled(c, raw, code, day) ?? cache.respond(c, cacheKey(categoryPath(code, day)), () => categoryDay(code, day))
    )
  })

  const categoryDay = async (code: string, asked: string | null) => {
    const latest = await categoryLatestDay(db, code)
    const day = asked ?? latest
    const [papers, around] = day
      ? await Promise.all([categoryDayPapers(db, code, day, CATEGORY_DAY_ITEMS), categoryDaysAround(db, code, day)])
      : [[], { before: null, after: null }]
    const name = categoryName(code)
    const view = {
      code,
      day,
      dayAsked: asked !== null,
      sections: intoSections(papers, code, day ?? ''),
      before: around.before,
      after: around.after,
      voted: await viewerVotes(
        db,
        papers.map((p) => p.id),
      ),
      // A day is over once it is announced: every day's page offers the category's rolling feed.
      feeds: feedLinks(categoryPath(code), `${site.name}: ${name ? `${name} (${code})` : code}`),
      now: now(),
    }
    const here = asked ? categoryPath(code, asked) : categoryPath(code)
    const follow = (
      <FollowButton
        kind="category"
        target={code}
        label={code}
        following={(await viewerFollow(db, 'category', code)) !== null}
        back={here}
      />
    )
    return htmlOf(<CategoryPage site={site} view={view} follow={follow} />)
  }

  return app
}
