import { Hono } from 'hono'
import { z } from 'zod'
import { requireApiViewer } from '../community/accounts/api-tokens.js'
import type { CommunityDeps } from '../community/routes.js'
import { HttpError } from '../platform/http/http-error.js'
import { readJson } from '../platform/http/json-body.js'
import { followPaths } from './follow-paths.js'
import { addFollow, FOLLOW_WRITES, followFields } from './follow-routes.js'
import { findFollow, findFollowById, type Follow, listFollows, setAlert, unfollowById } from './store.js'
import { checkQualifiers, FOLLOW_KINDS } from './target.js'

export const FOLLOWS_API = '/api/v1/follows'

const cadence = z.enum(['off', 'instant', 'daily', 'weekly'], {
  message: 'alert must be off, instant, daily or weekly',
})
const created = z.object({
  kind: z.enum(FOLLOW_KINDS, { message: 'kind must be author, category, search or collection' }),
  target: z.string({ message: 'target must be text' }).max(2000, 'target is longer than 2000 characters'),
  qualifiers: z.array(z.string(), { message: 'qualifiers must be a list of names and categories' }).optional(),
  alert: cadence.optional(),
  email: z.boolean({ message: 'email must be true or false' }).optional(),
})
const changed = z
  .object({ alert: cadence, email: z.boolean({ message: 'email must be true or false' }) })
  .partial()
  .strict()

/** `/api/v1/follows…`: a token holder's follows and their alerts, as /settings/follows shows them. */
export function followsApi({ db, site, now, limits }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  /** Follows as the API shows them, each with the address of its page (null for a collection gone). */
  const json = async (follows: Follow[]) => {
    const paths = await followPaths(db, follows)
    return follows.map((f) => one(f, paths.get(f.id)))
  }
  const one = (f: Follow, path: string | undefined) => ({
    id: f.id,
    kind: f.kind,
    target: f.target,
    label: f.label,
    qualifiers: f.qualifiers,
    alert: f.alert,
    email: f.alertEmail,
    url: path ? `${site.baseUrl}${path}` : null,
    created_at: f.createdAt,
  })
  const writer = async () => {
    const viewer = requireApiViewer({ verified: true })
    await limits.consume(FOLLOW_WRITES, `user:${viewer.id}`, 'Too many changes to follows in a minute; wait a moment.')
    return viewer
  }
  const own = async (userId: number, raw: string) => {
    const found = /^\d{1,9}$/.test(raw) ? await findFollowById(db, userId, Number(raw)) : null
    if (!found) throw new HttpError(404, 'You follow no such thing.')
    return found
  }

  app.get(FOLLOWS_API, async (c) => {
    const viewer = requireApiViewer()
    return c.json({ follows: await json(await listFollows(db, viewer.id)) })
  })

  // Following again is harmless: it answers 200 with the follow (its qualifiers replaced when given).
  app.post(FOLLOWS_API, async (c) => {
    const viewer = await writer()
    const body = await readJson(c, created)
    const qualifiers = body.kind === 'author' ? checkQualifiers(body.qualifiers ?? []) : []
    const fields = await followFields(db, body.kind, body.target, qualifiers, viewer)
    const existed = await findFollow(db, viewer.id, fields.kind, fields.target)
    await addFollow(db, viewer, fields, iso())
    let made = (await findFollow(db, viewer.id, fields.kind, fields.target))!
    if (body.alert !== undefined || body.email !== undefined) {
      const alert = { cadence: body.alert ?? made.alert, email: body.email ?? made.alertEmail }
      await setAlert(db, viewer.id, made.id, alert, iso())
      made = (await findFollowById(db, viewer.id, made.id))!
    }
    return c.json((await json([made]))[0], existed ? 200 : 201)
  })

  app.patch(`${FOLLOWS_API}/:id`, async (c) => {
    const viewer = await writer()
    const found = await own(viewer.id, c.req.param('id'))
    const body = await readJson(c, changed)
    const alert = { cadence: body.alert ?? found.alert, email: body.email ?? found.alertEmail }
    await setAlert(db, viewer.id, found.id, alert, iso())
    return c.json((await json([(await findFollowById(db, viewer.id, found.id))!]))[0])
  })

  app.delete(`${FOLLOWS_API}/:id`, async (c) => {
    const viewer = await writer()
    const found = await own(viewer.id, c.req.param('id'))
    await unfollowById(db, viewer.id, found.id)
    return c.body(null, 204)
  })

  return app
}
