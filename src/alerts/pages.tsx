import { Hono } from 'hono'
import { ConfirmLinkPage, NoticePage } from '../community/accounts/views.js'
import { findAlertFollow, stopAlertEmails } from '../follows/alert-follows.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { siteSecret } from '../platform/secrets.js'
import type { Site } from '../platform/views/site.js'
import { ALERT_UNSUBSCRIBE_PATH, MANAGE_FOLLOWS_PATH } from './paths.js'
import { verifyFollow } from './signed-links.js'

const NO_STORE = { 'Cache-Control': 'no-store' }

/**
 * The unsubscribe link of every alert email: a page with one button (GET changes nothing: mail
 * scanners open links), and the POST it and mail providers' one-click unsubscribe (RFC 8058) send.
 * The signed token in the address is the proof, so neither needs a login, cookie or form token.
 * It stops the email of that one follow; the member's other follows and webhooks go on.
 */
export function alertPages({ db, site, now }: { db: Db; site: Site; now: () => number }): Hono {
  const app = new Hono()
  const followOf = async (token: string | undefined) => {
    const id = token ? verifyFollow(await siteSecret(db, 'alert-links'), token) : null
    const follow = id === null ? null : await findAlertFollow(db, id)
    if (!follow)
      throw new HttpError(
        404,
        'This link does not name a follow: it was unfollowed, or the link was cut short. Manage your follows in your settings.',
      )
    return follow
  }

  app.get(ALERT_UNSUBSCRIBE_PATH, async (c) => {
    const token = c.req.query('f') ?? ''
    const follow = await followOf(token)
    return c.html(
      <ConfirmLinkPage
        site={site}
        title="Stop alert emails"
        text={`Stop emailing new papers for ${follow.label}? Your other follows keep their alerts.`}
        action={`${ALERT_UNSUBSCRIBE_PATH}?f=${token}`}
        token={token}
        button="Stop these emails"
      />,
      200,
      NO_STORE,
    )
  })

  app.post(ALERT_UNSUBSCRIBE_PATH, async (c) => {
    const follow = await followOf(c.req.query('f'))
    await stopAlertEmails(db, follow.id, new Date(now()).toISOString())
    return c.html(
      <NoticePage site={site} title="Alert emails stopped">
        <p>
          No more emails will be sent for <strong>{follow.label}</strong>. You still follow it, and your other follows
          keep their alerts. <a href={MANAGE_FOLLOWS_PATH}>Manage your follows</a>.
        </p>
      </NoticePage>,
      200,
      NO_STORE,
    )
  })
  return app
}
