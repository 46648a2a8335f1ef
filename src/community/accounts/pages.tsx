import { Hono } from 'hono'
import { clientIp } from '../../platform/http/rate-limit.js'
import type { Site } from '../../platform/views/site.js'
import type { CommunityDeps } from '../routes.js'
import { alreadyRegisteredEmail } from './emails.js'
import { readForm } from './forms.js'
import { SIGNUP_PER_IP } from './limits.js'
import { loginPages } from './login-pages.js'
import { hashPassword } from './passwords.js'
import { resetPages } from './reset-pages.js'
import { completeFirstFactor } from './sign-in.js'
import {
  consumeEmailToken,
  createUser,
  findUserByEmail,
  findUserById,
  isUsernameTaken,
  markEmailVerified,
} from './store.js'
import { fieldErrors, signupForm } from './validation.js'
import { sendVerification, VERIFY_LINK_HOURS } from './verification.js'
import { confirmLinkRoute, NO_STORE, NoticePage, SignupPage } from './views.js'

export type AccountDeps = CommunityDeps

/** Sign-up with a confirmed address, then log-in, log-out and password reset (their own modules). */
export function accountPages(deps: AccountDeps): Hono {
  const { db, site, mailer, logger, now, limits, trustProxy } = deps
  const app = new Hono()
  const secure = site.baseUrl.startsWith('https:')
  const iso = () => new Date(now()).toISOString()

  app.get('/signup', (c) => c.html(<SignupPage site={site} />, 200, NO_STORE))
  app.post('/signup', async (c) => {
    const form = await readForm(c)
    const values = { username: form.username ?? '', email: form.email ?? '' }
    const parsed = signupForm.safeParse({ ...values, password: form.password ?? '' })
    if (!parsed.success)
      return c.html(<SignupPage site={site} values={values} errors={fieldErrors(parsed.error)} />, 400, NO_STORE)
    const { username, email, password } = parsed.data
    // Counted once the form is valid, so that a reader fixing typos is not the one who gets limited.
    await limits.consume(
      SIGNUP_PER_IP,
      clientIp(c, trustProxy),
      (wait) => `Too many accounts were created from your network recently. Try again in ${wait}.`,
    )
    // Usernames are public (every comment shows one), so saying one is taken discloses nothing.
    if (await isUsernameTaken(db, username)) {
      const errors = { username: 'That username is taken; choose another.' }
      return c.html(<SignupPage site={site} values={values} errors={errors} />, 409, NO_STORE)
    }
    // Whether the address has an account is never shown: both cases answer the same page, and
    // the mailbox's owner learns which it was.
    const existing = await findUserByEmail(db, email)
    if (existing) {
      await mailer.send(
        alreadyRegisteredEmail(email, site.name, `${site.baseUrl}/login`, `${site.baseUrl}/account/reset`),
      )
    } else {
      const passwordHash = await hashPassword(password)
      const user = await createUser(
        db,
        { username, displayName: username, email, passwordHash, verifiedAt: null },
        iso(),
      )
      if (user) await sendVerification(deps, user.id, email)
      else logger.info('a sign-up lost a race for its username or address')
    }
    return c.html(<CheckInbox site={site} email={email} />, 200, NO_STORE)
  })

  app.get(
    '/account/verify',
    confirmLinkRoute(site, {
      title: 'Confirm your email address',
      text: 'Press the button to confirm your address and log in.',
      action: '/account/verify',
      button: 'Confirm my address',
    }),
  )
  app.post('/account/verify', async (c) => {
    const form = await readForm(c)
    const used = await consumeEmailToken(db, form.token ?? '', 'verify', iso())
    const user = used && (await findUserById(db, used.userId))
    if (!used || !user || user.email.toLowerCase() !== used.email.toLowerCase()) {
      return c.html(
        <NoticePage site={site} title="This link does not work any more">
          <p>
            It was used already, or it is older than {VERIFY_LINK_HOURS} hours. <a href="/login">Log in</a> and ask for
            a new one on your settings page, or <a href="/signup">sign up</a> again.
          </p>
        </NoticePage>,
        400,
        NO_STORE,
      )
    }
    await markEmailVerified(db, user.id, iso())
    if (user.banned) return c.redirect('/', 303)
    return c.redirect(await completeFirstFactor(c, { db, now, secure }, user.id, '/?welcome=1'), 303)
  })

  app.route('/', loginPages(deps))
  app.route('/', resetPages(deps))
  return app
}

function CheckInbox({ site, email }: { site: Site; email: string }) {
  return (
    <NoticePage site={site} title="Check your inbox">
      <p>
        We sent an email to <strong>{email}</strong>. Open the link in it to confirm your address and finish signing up.
      </p>
      <p>Nothing arrived after a few minutes? Look in your spam folder, or sign up again.</p>
    </NoticePage>
  )
}
