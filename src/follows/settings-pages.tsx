import { Hono } from 'hono'
import { z } from 'zod'
import { readForm, signedIn } from '../community/accounts/forms.js'
import type { CommunityDeps } from '../community/routes.js'
import { HttpError } from '../platform/http/http-error.js'
import { followPaths } from './follow-paths.js'
import { FOLLOW_WRITES } from './follow-routes.js'
import { collectedAlert, setCollectedAlert } from './collected.js'
import { COLLECTED_ALERT_PATH, FOLLOW_ALERT_ROUTE, FOLLOW_SETTINGS_PATH } from './paths.js'
import { FollowSettingsPage } from './settings-views.js'
import { listFollows, setAlert } from './store.js'

const NO_STORE = { 'Cache-Control': 'no-store' }
const DONE: Record<string, string> = { saved: 'Alert saved.', unfollowed: 'Unfollowed.' }

const alertForm = z.object({
  alert: z.enum(['off', 'instant', 'daily', 'weekly'], { message: 'The alert must be off, instant, daily or weekly.' }),
  email: z.literal('1').optional(),
})

/** `/settings/follows` and each follow's alert form. */
export function followSettingsPages({ db, site, now, limits }: CommunityDeps): Hono {
  const app = new Hono()

  app.get(FOLLOW_SETTINGS_PATH, async (c) => {
    const viewer = signedIn(c, FOLLOW_SETTINGS_PATH)
    if (viewer instanceof Response) return viewer
    const [follows, collected] = await Promise.all([listFollows(db, viewer.id), collectedAlert(db, viewer.id)])
    const view = { follows, collected, paths: await followPaths(db, follows), done: DONE[c.req.query('done') ?? ''] }
    return c.html(<FollowSettingsPage site={site} view={view} />, 200, NO_STORE)
  })

  // Before the `:id` route, which would read `collected` as a follow's id.
  app.post(COLLECTED_ALERT_PATH, async (c) => {
    const form = await readForm(c)
    const viewer = signedIn(c, FOLLOW_SETTINGS_PATH, { verified: true })
    if (viewer instanceof Response) return viewer
    await limits.consume(FOLLOW_WRITES, `user:${viewer.id}`, 'Too many changes in a minute; wait a moment.')
    const parsed = alertForm.safeParse({ alert: form.alert, email: form.email })
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]!.message)
    const alert = { cadence: parsed.data.alert, email: parsed.data.email === '1' }
    await setCollectedAlert(db, viewer.id, alert, new Date(now()).toISOString())
    return c.redirect(`${FOLLOW_SETTINGS_PATH}?done=saved#collected-title`, 303)
  })

  app.post(FOLLOW_ALERT_ROUTE, async (c) => {
    const form = await readForm(c)
    const viewer = signedIn(c, FOLLOW_SETTINGS_PATH, { verified: true })
    if (viewer instanceof Response) return viewer
    await limits.consume(FOLLOW_WRITES, `user:${viewer.id}`, 'Too many changes in a minute; wait a moment.')
    const id = c.req.param('id')
    const parsed = alertForm.safeParse({ alert: form.alert, email: form.email })
    if (!/^\d{1,9}$/.test(id)) throw new HttpError(404, 'You follow no such thing.')
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]!.message)
    const alert = { cadence: parsed.data.alert, email: parsed.data.email === '1' }
    if (!(await setAlert(db, viewer.id, Number(id), alert, new Date(now()).toISOString()))) {
      throw new HttpError(404, 'You follow no such thing.')
    }
    return c.redirect(`${FOLLOW_SETTINGS_PATH}?done=saved#follow-${id}-title`, 303)
  })

  return app
}
