import { Hono } from 'hono'
import { fromForm, preferenceErrors, preferencesForm } from '../../digest/preferences.js'
import {
  accountSubscription,
  linkToAccount,
  savePreferences,
  subscribeAccount,
  unsubscribe,
} from '../../digest/store.js'
import { SETTINGS_DIGEST_PATH } from '../../digest/views.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { readForm, signedIn } from '../accounts/forms.js'
import { findUserById } from '../accounts/store.js'
import type { CommunityDeps } from '../routes.js'
import { renderSettings } from './render.js'

/** The digest from account settings: subscribe the confirmed address at once, change preferences, leave. */
export function digestSettingsPages(deps: CommunityDeps): Hono {
  const { db, now } = deps
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const accountOf = async (viewer: Viewer) => {
    const user = await findUserById(db, viewer.id)
    if (!user) throw new HttpError(404, 'This account no longer exists.')
    return user
  }
  /** The member's live subscription, linked to the account now that they manage it here. */
  const liveSubscription = async (viewer: Viewer) => {
    const user = await accountOf(viewer)
    const s = await accountSubscription(db, user.id, user.emailVerified ? user.email : null)
    if (s?.status !== 'active')
      throw new HttpError(409, 'You are not subscribed to the digest any more. Subscribe again from your settings.')
    if (s.userId === null) await linkToAccount(db, s.id, user.id)
    return s
  }

  app.post(`${SETTINGS_DIGEST_PATH}/subscribe`, async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    await readForm(c)
    const user = await accountOf(viewer)
    if (!user.emailVerified)
      throw new HttpError(409, 'Confirm your email address first: open the link we sent, then subscribe.')
    await subscribeAccount(db, user.id, user.email, iso())
    return c.redirect('/settings?done=digest-subscribed#digest', 303)
  })

  app.post(SETTINGS_DIGEST_PATH, async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const subscription = await liveSubscription(viewer)
    const parsed = preferencesForm.safeParse(form)
    if (!parsed.success) return renderSettings(c, deps, viewer, { digestErrors: preferenceErrors(parsed.error) }, 400)
    await savePreferences(db, subscription.id, fromForm(parsed.data), iso())
    return c.redirect('/settings?done=digest-saved#digest', 303)
  })

  app.post(`${SETTINGS_DIGEST_PATH}/unsubscribe`, async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    await readForm(c)
    const subscription = await liveSubscription(viewer)
    await unsubscribe(db, subscription.id, iso())
    return c.redirect('/settings?done=digest-unsubscribed#digest', 303)
  })

  return app
}
