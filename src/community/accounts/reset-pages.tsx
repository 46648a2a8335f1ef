import { Hono } from 'hono'
import { clientIp } from '../../platform/http/rate-limit.js'
import { Field, Honeypot, PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import { deleteEmailTokens, peekEmailToken, setPasswordHash } from './account-changes.js'
import { passwordChangedEmail, resetEmail } from './emails.js'
import { readForm } from './forms.js'
import { LOGIN_FAILURES_PER_ACCOUNT, RESET_PER_ADDRESS, RESET_PER_IP } from './limits.js'
import type { AccountDeps } from './pages.js'
import { hashPassword, PASSWORD_MIN } from './passwords.js'
import { completeFirstFactor } from './sign-in.js'
import {
  consumeEmailToken,
  createEmailToken,
  deleteSessionsOf,
  emailKey,
  findUserByEmail,
  findUserById,
  markEmailVerified,
} from './store.js'
import { newToken } from './tokens.js'
import { email as emailSchema, newPasswordProblem } from './validation.js'
import { NoticePage, NO_STORE } from './views.js'

/** A reset link is a key to the account: short-lived and single-use. */
const RESET_LINK_MINUTES = 60

/** Password reset by an emailed one-time link. */
export function resetPages(deps: AccountDeps): Hono {
  const { db, site, mailer, now, limits, trustProxy } = deps
  const app = new Hono()
  const secure = site.baseUrl.startsWith('https:')
  const iso = () => new Date(now()).toISOString()

  app.get('/account/reset', (c) => c.html(<ResetRequestPage site={site} />, 200, NO_STORE))
  app.post('/account/reset', async (c) => {
    const form = await readForm(c)
    const parsed = emailSchema.safeParse(form.email ?? '')
    if (!parsed.success) {
      const error = parsed.error.issues[0]!.message
      return c.html(<ResetRequestPage site={site} email={form.email} error={error} />, 400, NO_STORE)
    }
    const email = parsed.data
    const tooMany = (wait: string) => `Too many reset emails were asked for. Try again in ${wait}.`
    await limits.consume(RESET_PER_IP, clientIp(c, trustProxy), tooMany)
    await limits.consume(RESET_PER_ADDRESS, emailKey(email), tooMany)
    // Known or not, the same page answers: only the mailbox's owner learns whether it has an account.
    const user = await findUserByEmail(db, email)
    if (user) {
      const token = newToken()
      await createEmailToken(db, token, {
        user_id: user.id,
        purpose: 'reset',
        email: user.email,
        created_at: iso(),
        expires_at: new Date(now() + RESET_LINK_MINUTES * 60_000).toISOString(),
      })
      await mailer.send(resetEmail(user.email, site.name, `${site.baseUrl}/account/reset/new?token=${token}`))
    }
    return c.html(
      <NoticePage site={site} title="Check your inbox">
        <p>
          If <strong>{email}</strong> belongs to an account, we sent it a link to choose a new password. The link works
          for one hour.
        </p>
        <p>
          Nothing arrived after a few minutes? Look in your spam folder, or <a href="/account/reset">try again</a> with
          the address you signed up with.
        </p>
      </NoticePage>,
      200,
      NO_STORE,
    )
  })

  const deadLink = () => (
    <NoticePage site={site} title="This link does not work any more">
      <p>
        Reset links work once and for one hour. <a href="/account/reset">Ask for a new one</a>.
      </p>
    </NoticePage>
  )

  // Opening the link only shows the form (a mail scanner's GET must use nothing up).
  app.get('/account/reset/new', async (c) => {
    const token = (c.req.query('token') ?? '').slice(0, 100)
    if (!(await peekEmailToken(db, token, 'reset', iso()))) return c.html(deadLink(), 400, NO_STORE)
    return c.html(<NewPasswordPage site={site} token={token} />, 200, NO_STORE)
  })
  app.post('/account/reset/new', async (c) => {
    const form = await readForm(c)
    const token = (form.token ?? '').slice(0, 100)
    const link = await peekEmailToken(db, token, 'reset', iso())
    const user = link && (await findUserById(db, link.userId))
    if (!link || !user) return c.html(deadLink(), 400, NO_STORE)
    const problem = newPasswordProblem(form.password ?? '', user)
    if (problem) return c.html(<NewPasswordPage site={site} token={token} error={problem} />, 400, NO_STORE)
    // Used up only now, atomically: of two submissions at once, one wins.
    if (!(await consumeEmailToken(db, token, 'reset', iso()))) return c.html(deadLink(), 400, NO_STORE)
    await setPasswordHash(db, user.id, await hashPassword(form.password!))
    await deleteSessionsOf(db, user.id)
    await deleteEmailTokens(db, user.id, 'reset')
    // The link reached the account's address: that proves it, as the sign-up link would have.
    if (link.email.toLowerCase() === user.email.toLowerCase()) await markEmailVerified(db, user.id, iso())
    await limits.clearFailures(LOGIN_FAILURES_PER_ACCOUNT, `user:${user.id}`)
    await mailer.send(passwordChangedEmail(user.email, site.name, `${site.baseUrl}/account/reset`))
    if (user.banned) return c.redirect('/login', 303)
    return c.redirect(await completeFirstFactor(c, { db, now, secure }, user.id, '/settings?done=password-reset'), 303)
  })

  return app
}

function ResetRequestPage({ site, email, error }: { site: Site; email?: string; error?: string }) {
  return (
    <Layout site={site} title="Reset your password">
      <section class="message-page account-form">
        <h1>Reset your password</h1>
        <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
        <PostForm action="/account/reset">
          <Honeypot />
          <Field
            id="reset-email"
            name="email"
            label="Email address"
            type="email"
            value={email}
            autocomplete="email"
            required
            maxlength={254}
            error={error}
          />
          <button type="submit">Send me a link</button>
        </PostForm>
        <p>
          Remembered it? <a href="/login">Log in</a>
        </p>
      </section>
    </Layout>
  )
}

function NewPasswordPage({ site, token, error }: { site: Site; token: string; error?: string }) {
  return (
    <Layout site={site} title="Choose a new password">
      <section class="message-page account-form">
        <h1>Choose a new password</h1>
        <PostForm action="/account/reset/new">
          <input type="hidden" name="token" value={token} />
          <Field
            id="reset-password"
            name="password"
            label="New password"
            type="password"
            autocomplete="new-password"
            required
            minlength={PASSWORD_MIN}
            hint={`At least ${PASSWORD_MIN} characters. This logs you out on every other device.`}
            error={error}
          />
          <button type="submit">Save my new password</button>
        </PostForm>
      </section>
    </Layout>
  )
}
