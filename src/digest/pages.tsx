import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { readForm } from '../community/accounts/forms.js'
import { confirmLinkRoute, ConfirmLinkPage, NoticePage } from '../community/accounts/views.js'
import { newToken, tokenHash } from '../community/accounts/tokens.js'
import type { Db } from '../platform/db/connect.js'
import { badRequest, HttpError } from '../platform/http/http-error.js'
import { clientIp, type RateLimits } from '../platform/http/rate-limit.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { siteSecret } from '../platform/secrets.js'
import type { Site } from '../platform/views/site.js'
import { localDay } from './compose.js'
import { composeDigest, periodFor } from './digest.js'
import { alreadySubscribedEmail, confirmEmail } from './emails.js'
import { renderDigest } from './render.js'
import { fromForm, preferenceErrors, preferencesForm } from './preferences.js'
import { signSubscription, verifySubscription } from './signed-links.js'
import { confirmSubscription, getSubscription, requestSubscription, savePreferences, unsubscribe } from './store.js'
import { PreferencesPage, SubscribeResult } from './views.js'

const NO_STORE = { 'Cache-Control': 'no-store' }
const CONFIRM_DAYS = 7
const DAY_MS = 86_400_000
export const UNSUBSCRIBE_PATH = '/digest/unsubscribe'
const PREFERENCES_PATH = '/digest/preferences'
const PREVIEW_PATH = '/digest/preview'

// A few addresses an hour from one place is a lab signing up; more is someone filling our outbox.
const SUBSCRIBE_LIMIT = { name: 'subscribe-ip', points: 10, durationS: 3600 }

const subscribeForm = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'an email address has at most 254 characters')
    .pipe(z.email({ message: 'enter a valid email address' })),
})

export interface DigestDeps {
  db: Db
  site: Site
  mailer: Mailer
  limits: RateLimits
  trustProxy: boolean
  now: () => number
  /** DIGEST_TIMEZONE: which day "the next digest" is. */
  timezone: string
}

/**
 * Subscriptions to the digest: the header's form (double opt-in: a mailed link to a page whose
 * button confirms), and the preferences and unsubscribe pages every email links to with a signed
 * token, which work without logging in. Nothing changes on a GET: mail scanners open links.
 */
export function digestPages({ db, site, mailer, limits, trustProxy, now, timezone }: DigestDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const secret = () => siteSecret(db, 'digest-links')
  const signedLink = async (path: string, id: number) =>
    `${site.baseUrl}${path}?s=${signSubscription(await secret(), id)}`

  /** The subscription a signed token names; a 404 page that says what to do otherwise. */
  const subscriptionOf = async (token: string | undefined) => {
    const id = token ? verifySubscription(await secret(), token) : null
    const subscription = id === null ? null : await getSubscription(db, id)
    if (!subscription)
      throw new HttpError(404, 'This link does not name a subscription. Use the link in your latest digest email.')
    return subscription
  }

  app.post('/subscribe', async (c) => {
    const form = await readForm(c)
    const parsed = subscribeForm.safeParse({ email: form.email ?? '' })
    if (!parsed.success) throw badRequest(`Could not subscribe: ${parsed.error.issues[0]!.message}.`)
    await limits.consume(
      SUBSCRIBE_LIMIT,
      clientIp(c, trustProxy),
      'Too many subscriptions from your network just now. Try again in an hour.',
    )
    const { email } = parsed.data
    const token = newToken()
    const expiresAt = new Date(now() + CONFIRM_DAYS * DAY_MS).toISOString()
    const outcome = await requestSubscription(db, email, { hash: tokenHash(token), expiresAt }, iso())
    await mailer.send(
      outcome.kind === 'active'
        ? alreadySubscribedEmail(email, site.name, await signedLink(PREFERENCES_PATH, outcome.id))
        : confirmEmail(email, site.name, `${site.baseUrl}/digest/confirm?token=${token}`),
    )
    return c.html(<SubscribeResult site={site} email={email} />, 200, NO_STORE)
  })

  app.get(
    '/digest/confirm',
    confirmLinkRoute(site, {
      title: 'Confirm your subscription',
      text: 'Press the button to start getting the digest of trending papers.',
      action: '/digest/confirm',
      button: 'Confirm my subscription',
    }),
  )
  app.post('/digest/confirm', async (c) => {
    const form = await readForm(c)
    const id = await confirmSubscription(db, tokenHash(form.token ?? ''), iso())
    if (id === null) {
      return c.html(
        <NoticePage site={site} title="This link does not work any more">
          <p>
            It was used already, or it is older than {CONFIRM_DAYS} days. Subscribe again from the form at the top of
            any page.
          </p>
        </NoticePage>,
        400,
        NO_STORE,
      )
    }
    return c.redirect(`${PREFERENCES_PATH}?s=${signSubscription(await secret(), id)}&welcome=1`, 303)
  })

  const preferences = async (c: Context, saved: boolean, errors: Record<string, string> = {}) => {
    const token = c.req.query('s') ?? ''
    const subscription = await subscriptionOf(token)
    const welcome = c.req.query('welcome') === '1'
    const status = Object.keys(errors).length > 0 ? 400 : 200
    return c.html(
      <PreferencesPage
        site={site}
        subscription={subscription}
        token={token}
        saved={saved}
        welcome={welcome}
        errors={errors}
      />,
      status,
      NO_STORE,
    )
  }
  app.get(PREFERENCES_PATH, (c) => preferences(c, false))
  app.post(PREFERENCES_PATH, async (c) => {
    const form = await readForm(c)
    const subscription = await subscriptionOf(c.req.query('s'))
    const parsed = preferencesForm.safeParse(form)
    if (!parsed.success) return preferences(c, false, preferenceErrors(parsed.error))
    await savePreferences(db, subscription.id, fromForm(parsed.data), iso())
    return preferences(c, true)
  })

  // The next digest, in the browser: everyone's by default, a subscriber's own with their signed
  // token (the emails' "view in the browser" link). The email's HTML carries its styles inline, so
  // this page alone allows inline styles; it has no script at all.
  app.get(PREVIEW_PATH, async (c) => {
    const token = c.req.query('s')
    const subscription = token ? await subscriptionOf(token) : null
    const prefs = subscription ?? {
      frequency: 'daily' as const,
      everyDay: true,
      categories: [],
      keywords: [],
      maxPapers: 10,
    }
    const period = await periodFor(db, prefs.frequency, localDay(now(), timezone))
    const links = subscription
      ? {
          preferences: await signedLink(PREFERENCES_PATH, subscription.id),
          unsubscribe: await signedLink(UNSUBSCRIBE_PATH, subscription.id),
          viewInBrowser: await signedLink(PREVIEW_PATH, subscription.id),
        }
      : {
          preferences: `${site.baseUrl}/`,
          unsubscribe: `${site.baseUrl}/`,
          viewInBrowser: `${site.baseUrl}${PREVIEW_PATH}`,
        }
    const content = await composeDigest(db, site, period, prefs, links, new Set(), subscription?.userId ?? null)
    const digest = await renderDigest(content)
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    )
    c.header('X-Robots-Tag', 'noindex')
    return c.html(digest.html, 200, NO_STORE)
  })

  app.get(UNSUBSCRIBE_PATH, async (c) => {
    const token = c.req.query('s') ?? ''
    const subscription = await subscriptionOf(token)
    return c.html(
      <ConfirmLinkPage
        site={site}
        title="Unsubscribe"
        text={`Stop sending the digest to ${subscription.email}?`}
        action={`${UNSUBSCRIBE_PATH}?s=${token}`}
        token={token}
        button="Unsubscribe"
      />,
      200,
      NO_STORE,
    )
  })
  // Also the one-click unsubscribe of RFC 8058 that mail providers POST (List-Unsubscribe=One-Click):
  // the signed token in the address is the proof, so it needs no cookie, form token or origin.
  app.post(UNSUBSCRIBE_PATH, async (c) => {
    const subscription = await subscriptionOf(c.req.query('s'))
    await unsubscribe(db, subscription.id, iso())
    return c.html(
      <NoticePage site={site} title="You are unsubscribed">
        <p>
          No more digests will be sent to <strong>{subscription.email}</strong>. Changed your mind? Subscribe again from
          the form at the top of any page.
        </p>
      </NoticePage>,
      200,
      NO_STORE,
    )
  })
  return app
}
