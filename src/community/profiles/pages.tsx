import { Hono } from 'hono'
import { getPapers } from '../../papers/store.js'
import { HttpError } from '../../platform/http/http-error.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { readForm, signedIn } from '../accounts/forms.js'
import { findUserByName } from '../accounts/store.js'
import { isTwoFactorEnabled } from '../accounts/two-factor-store.js'
import { claimedPapers } from '../claims/store.js'
import { listCollections } from '../collections/store.js'
import { commentsByUser } from '../comments/store.js'
import { submittedPaperIds } from '../submissions/store.js'
import { votedPapers } from '../votes/store.js'
import type { CommunityDeps } from '../routes.js'
import { identiconSvg } from './identicon.js'
import { pageNumber } from './page-number.js'
import { PROFILE_ROUTE, profilePath } from './paths.js'
import { areUpvotesPublic, setUpvotesPublic } from './store.js'
import { type Paged, ProfilePage } from './views.js'

const PER_PAGE = 10
const NO_STORE = { 'Cache-Control': 'no-store' }
const AVATAR_NAME_MAX = 100 // longer than any username; past it there is nothing to draw for
// The picture of a name never changes, so browsers and proxies keep it for a year.
const AVATAR_HEADERS = { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=31536000, immutable' }

/** Members' profiles and avatars, and the one setting a member changes on their profile. */
export function profilePages({ db, site }: CommunityDeps): Hono {
  const app = new Hono()

  app.get('/avatars/:file{.+\\.svg}', (c) => {
    const name = c.req.param('file').slice(0, -'.svg'.length)
    if (!name || name.length > AVATAR_NAME_MAX) throw new HttpError(404, 'There is no such avatar.')
    return c.body(identiconSvg(name), 200, AVATAR_HEADERS)
  })

  app.get(PROFILE_ROUTE, async (c) => {
    const username = c.req.param('username')
    const user = username.length <= 100 ? await findUserByName(db, username) : null
    if (!user) throw new HttpError(404, `There is no member called “${username.slice(0, 100)}”.`)
    // One address per member: /u/Ada and /u/ada are one profile.
    if (username !== user.username) return c.redirect(profilePath(user.username), 301)
    const pages = {
      submitted: pageNumber(c.req.query('submitted_page'), 'submitted_page'),
      comments: pageNumber(c.req.query('comments_page'), 'comments_page'),
      upvotes: pageNumber(c.req.query('upvotes_page'), 'upvotes_page'),
    }
    const slice = (page: number) => ({ limit: PER_PAGE + 1, offset: (page - 1) * PER_PAGE })
    const paged = <T,>(items: T[], page: number): Paged<T> => ({
      items: items.slice(0, PER_PAGE),
      page,
      hasNext: items.length > PER_PAGE,
    })
    const isOwner = currentViewer()?.id === user.id
    const twoFactor = currentViewer()?.role === 'admin' ? await isTwoFactorEnabled(db, user.id) : null
    const upvotesPublic = await areUpvotesPublic(db, user.id)
    const [submittedIds, comments, collections, claimed, upvoted] = await Promise.all([
      submittedPaperIds(db, user.id, slice(pages.submitted)),
      commentsByUser(db, user.id, slice(pages.comments)),
      listCollections(db, user.id, { all: false }),
      claimedPapers(db, user.id),
      upvotesPublic || isOwner ? votedPapers(db, user.id, slice(pages.upvotes)) : null,
    ])
    const [submitted, commented] = await Promise.all([
      getPapers(db, submittedIds),
      getPapers(db, [...new Set(comments.map((cm) => cm.paperId))]),
    ])
    const titles = new Map(commented.map((p) => [p.id, p.title]))
    const query = Object.fromEntries(
      Object.entries({ submitted_page: pages.submitted, comments_page: pages.comments, upvotes_page: pages.upvotes })
        .filter(([, n]) => n > 1)
        .map(([k, n]) => [k, String(n)]),
    )
    const view = {
      user,
      isOwner,
      submitted: paged(submitted, pages.submitted),
      comments: paged(
        comments.map((cm) => ({ ...cm, paperTitle: titles.get(cm.paperId) ?? cm.paperId })),
        pages.comments,
      ),
      collections,
      claimed,
      upvoted:
        upvoted &&
        paged(
          upvoted.papers.map((v) => v.paper),
          pages.upvotes,
        ),
      upvotesPublic,
      query,
      twoFactor,
    }
    return c.html(<ProfilePage site={site} view={view} />, 200, isOwner ? NO_STORE : {})
  })

  app.post(`${PROFILE_ROUTE}/upvotes`, async (c) => {
    const form = await readForm(c)
    const here = profilePath(c.req.param('username').slice(0, 100))
    const viewer = signedIn(c, here)
    if (viewer instanceof Response) return viewer
    const user = await findUserByName(db, c.req.param('username').slice(0, 100))
    if (!user) throw new HttpError(404, 'There is no such member.')
    if (user.id !== viewer.id)
      throw new HttpError(403, 'Only the member themselves can change what their profile shows.')
    if (form.public !== '1' && form.public !== '0') throw new HttpError(400, 'public must be 1 or 0.')
    await setUpvotesPublic(db, user.id, form.public === '1')
    return c.redirect(`${profilePath(user.username)}#upvoted-title`, 303)
  })

  return app
}
