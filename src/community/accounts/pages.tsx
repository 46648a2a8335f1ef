import { type Context, Hono } from 'hono'
import type { CommunityDeps } from '../routes.js'
import { currentViewer } from '../../platform/http/viewer.js'
import type { Site } from '../../platform/views/site.js'
import { alreadyRegisteredEmail, verifyEmail } from './emails.js'
import { readForm, safeNext } from './forms.js'
import { hashPassword, verifyAgainstNobody, verifyPassword } from './passwords.js'
import { clearSessionCookie, readSessionCookie, sessionExpiry, writeSessionCookie } from './session-cookie.js'
import {
  consumeEmailToken,
  createEmailToken,
  createSession,
  createUser,
  deleteSession,
  findLogin,
  findUserByEmail,
  findUserById,
  isUsernameTaken,
  markEmailVerified,
} from './store.js'
import { newToken } from './tokens.js'
import { fieldErrors, signupForm } from './validation.js'
import { ConfirmLinkPage, LoginPage, NoticePage, SignupPage } from './views.js'

const NO_STORE = { 'Cache-Control': 'no-store' }
const VERIFY_LINK_HOURS = 24
const HOUR_MS = 3_600_000

export type AccountDeps = CommunityDeps

/** Sign-up with a confirmed address, log-in and log-out. */
export function accountPages({ db, site, mailer, logger, now }: AccountDeps): Hono {
  const app = new Hono()
  const secure = site.baseUrl.startsWith('https:')
  const iso = () => new Date(now()).toISOString()

  /** Starts a session for `userId` and sets its cookie. */
  const startSession = async (c: Context, userId: number) => {
    const token = newToken()
    await createSession(
      db,
      token,
      userId,
      { now: iso(), expiresAt: sessionExpiry(now()) },
      c.req.header('user-agent') ?? null,
    )
    writeSessionCookie(c, token, secure)
  }

  app.get('/signup', (c) => c.html(<SignupPage site={site} />, 200, NO_STORE))
  app.post('/signup', async (c) => {
    const form = await readForm(c)
    const values = { username: form.username ?? '', email: form.email ?? '' }
    const parsed = signupForm.safeParse({ ...values, password: form.password ?? '' })
    if (!parsed.success)
      return c.html(<SignupPage site={site} values={values} errors={fieldErrors(parsed.error)} />, 400, NO_STORE)
    const { username, email, password } = parsed.data
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
      const user = await createUser(
        db,
        { username, displayName: username, email, passwordHash: await hashPassword(password), verifiedAt: null },
        iso(),
      )
      if (user) await sendVerification(user.id, email)
      else logger.info('a sign-up lost a race for its username or address')
    }
    return c.html(<CheckInbox site={site} email={email} />, 200, NO_STORE)
  })

  const sendVerification = async (userId: number, email: string) => {
    const token = newToken()
    await createEmailToken(db, token, {
      user_id: userId,
      purpose: 'verify',
      email,
      created_at: iso(),
      expires_at: new Date(now() + VERIFY_LINK_HOURS * HOUR_MS).toISOString(),
    })
    await mailer.send(verifyEmail(email, site.name, `${site.baseUrl}/account/verify?token=${token}`))
  }

  app.get('/account/verify', (c) => {
    const token = c.req.query('token') ?? ''
    return c.html(
      <ConfirmLinkPage
        site={site}
        title="Confirm your email address"
        text="Press the button to confirm your address and log in."
        action="/account/verify"
        token={token.slice(0, 100)}
        button="Confirm my address"
      />,
      200,
      NO_STORE,
    )
  })
  app.post('/account/verify', async (c) => {
    const form = await readForm(c)
    const used = await consumeEmailToken(db, form.token ?? '', 'verify', iso())
    const user = used && (await findUserById(db, used.userId))
    if (!used || !user || user.email.toLowerCase() !== used.email.toLowerCase()) {
      return c.html(
        <NoticePage site={site} title="This link does not work any more">
          <p>
            It was used already, or it is older than a day. <a href="/login">Log in</a> and ask for a new one on your
            settings page, or <a href="/signup">sign up</a> again.
          </p>
        </NoticePage>,
        400,
        NO_STORE,
      )
    }
    await markEmailVerified(db, user.id, iso())
    if (!user.banned) await startSession(c, user.id)
    return c.redirect('/?welcome=1', 303)
  })

  app.get('/login', (c) => {
    if (currentViewer()) return c.redirect(safeNext(c.req.query('next')), 303)
    return c.html(<LoginPage site={site} next={safeNext(c.req.query('next'))} />, 200, NO_STORE)
  })
  app.post('/login', async (c) => {
    const form = await readForm(c)
    const login = (form.login ?? '').trim().slice(0, 254)
    const next = safeNext(form.next)
    const found = login ? await findLogin(db, login) : null
    const ok = found
      ? await verifyPassword(found.passwordHash, form.password ?? '')
      : await verifyAgainstNobody(form.password ?? '')
    if (!found || !ok) {
      const error = 'That username or email and password do not match an account.'
      return c.html(<LoginPage site={site} next={next} login={login} error={error} />, 400, NO_STORE)
    }
    if (found.user.banned) {
      const error = 'This account has been suspended by the site’s moderators.'
      return c.html(<LoginPage site={site} next={next} login={login} error={error} />, 403, NO_STORE)
    }
    await startSession(c, found.user.id)
    return c.redirect(next, 303)
  })

  app.post('/logout', async (c) => {
    await readForm(c)
    const token = readSessionCookie(c)
    if (token) await deleteSession(db, token)
    clearSessionCookie(c, secure)
    return c.redirect('/', 303)
  })

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
