import { Hono } from 'hono'
import { readForm, signedIn } from '../community/accounts/forms.js'
import { pageNumber } from '../community/profiles/page-number.js'
import type { CommunityDeps } from '../community/routes.js'
import { followPaths } from './follow-paths.js'
import { FIRST_LOOK_DAYS, followedPapers } from './following.js'
import { FollowingPage } from './following-views.js'
import { feedLinks } from '../feeds/links.js'
import { followingFeedToken, resetFollowingFeed } from './feed-token.js'
import { FOLLOWING_FEED_RESET_PATH, followingFeedBase, FOLLOWING_PATH, MARK_SEEN_PATH } from './paths.js'
import { listFollows, markSeen, seenAt } from './store.js'

const NO_STORE = { 'Cache-Control': 'no-store' }
export const FOLLOWING_PAGE_SIZE = 50

/** `/following` and its "Mark all as seen". */
export function followingPages({ db, site, now }: CommunityDeps): Hono {
  const app = new Hono()

  app.get(FOLLOWING_PATH, async (c) => {
    const viewer = signedIn(c, FOLLOWING_PATH)
    if (viewer instanceof Response) return viewer
    const page = pageNumber(c.req.query('page'))
    const time = now()
    const [follows, seen] = await Promise.all([listFollows(db, viewer.id), seenAt(db, viewer.id)])
    const since = new Date(seen ?? time - FIRST_LOOK_DAYS * 86_400_000).toISOString()
    const [all, paths, token] = await Promise.all([
      followedPapers(db, viewer.id, follows, since, time),
      followPaths(db, follows),
      followingFeedToken(db, viewer.id),
    ])
    const feeds = feedLinks(`${site.baseUrl}${followingFeedBase(token)}`, 'Following, your private feed')
    const start = (page - 1) * FOLLOWING_PAGE_SIZE
    const view = {
      items: all.slice(start, start + FOLLOWING_PAGE_SIZE),
      total: all.length,
      page,
      hasNext: all.length > start + FOLLOWING_PAGE_SIZE,
      since,
      firstLook: seen === null,
      follows: follows.length,
      paths,
      shownAt: new Date(time).toISOString(),
      feeds,
      reset: c.req.query('done') === 'reset',
    }
    return c.html(<FollowingPage site={site} view={view} />, 200, NO_STORE)
  })

  app.post(MARK_SEEN_PATH, async (c) => {
    const form = await readForm(c)
    const viewer = signedIn(c, FOLLOWING_PATH)
    if (viewer instanceof Response) return viewer
    // Up to when the page was shown: a paper that arrived while the reader was reading stays new.
    // The page listed what was stamped in its own millisecond too, and "new" counts from `since`
    // on (>=), so seen starts at the next millisecond: else a paper added in the millisecond the
    // page was drawn stayed new after "mark all as seen".
    const shown = Date.parse(form.shown_at ?? '')
    const time = now()
    const upTo = Number.isFinite(shown) && shown < time ? shown : time
    await markSeen(db, viewer.id, new Date(upTo + 1).toISOString())
    return c.redirect(FOLLOWING_PATH, 303)
  })

  // A leaked address ends here: every token made before stops working.
  app.post(FOLLOWING_FEED_RESET_PATH, async (c) => {
    await readForm(c)
    const viewer = signedIn(c, FOLLOWING_PATH)
    if (viewer instanceof Response) return viewer
    await resetFollowingFeed(db, viewer.id)
    return c.redirect(`${FOLLOWING_PATH}?done=reset#following-feed-title`, 303)
  })

  return app
}
