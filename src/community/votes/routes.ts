import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { parsePaperId } from '../../papers/arxiv-id.js'
import { paperPath } from '../../papers/paths.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Limit } from '../../platform/http/rate-limit.js'
import { requireApiViewer } from '../accounts/api-tokens.js'
import { readForm, safeNext, signedIn } from '../accounts/forms.js'
import type { CommunityDeps } from '../routes.js'
import { API_VOTE_ROUTE, VOTE_ROUTE } from './paths.js'
import { setVote } from './store.js'

/**
 * Two votes a second for a minute is more than any reader clicking through a listing of fifty
 * papers; a script casting more is refused, with Retry-After.
 */
export const VOTE_LIMIT: Limit = { name: 'vote', points: 120, durationS: 60 }
const VOTE_LIMIT_MESSAGE = 'You are voting faster than a person reads. Wait a minute, then vote again.'

const voteField = z.enum(['up', 'none'], { message: 'vote must be up or none' })

/**
 * `POST /papers/{id}/vote` (the button's form; `vote=up|none`, so that sending it twice is
 * harmless), and the write API's `PUT` and `DELETE /api/v1/papers/{id}/vote`.
 */
export function voteRoutes({ db, limits, now }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  app.post(VOTE_ROUTE, async (c) => {
    const paperId = paperIdOf(c)
    const form = await readForm(c)
    const back = form.next ? safeNext(form.next) : paperPath(paperId)
    const json = wantsJson(c)
    const viewer = signedIn(c, back, { verified: true })
    if (viewer instanceof Response) {
      // The script falls back to sending the form itself, which leads to the log-in page.
      return json ? c.json({ error: 'Log in to vote.' }, 401) : viewer
    }
    const parsed = voteField.safeParse(form.vote)
    if (!parsed.success) throw new HttpError(400, 'The vote must be “up” or “none”. Reload the page and try again.')
    await limits.consume(VOTE_LIMIT, `user:${viewer.id}`, VOTE_LIMIT_MESSAGE)
    const state = await setVote(db, viewer.id, paperId, parsed.data === 'up', iso())
    return json ? c.json(state, 200, { 'Cache-Control': 'no-store' }) : c.redirect(back, 303)
  })

  for (const [method, up] of [
    ['put', true],
    ['delete', false],
  ] as const) {
    app.on(method.toUpperCase(), API_VOTE_ROUTE, async (c) => {
      // Who asks first: a client without a token learns that, whatever the paper.
      const viewer = requireApiViewer({ verified: true })
      const paperId = paperIdOf(c)
      await limits.consume(VOTE_LIMIT, `user:${viewer.id}`, VOTE_LIMIT_MESSAGE)
      return c.json(await setVote(db, viewer.id, paperId, up, iso()), 200, { 'Cache-Control': 'no-store' })
    })
  }

  return app
}

function paperIdOf(c: Context): string {
  const raw = c.req.param('id') ?? ''
  const parsed = parsePaperId(raw)
  if (!parsed) throw new HttpError(404, `“${raw.slice(0, 80)}” is not a paper id. Ids look like 2401.00001.`)
  return parsed.id
}

/** The button's script asks for JSON; a plain form submission gets a page. */
function wantsJson(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('application/json')
}
