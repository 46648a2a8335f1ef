import { type Context, Hono } from 'hono'
import { HttpError } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import {
  deleteAccount,
  peekEmailToken,
  setDisplayName,
  setEmail,
  setPasswordHash,
} from '../accounts/account-changes.js'
import { addressTakenEmail, confirmNewEmail, emailChangeNotice, passwordChangedEmail } from '../accounts/emails.js'
import { readForm, signedIn } from '../accounts/forms.js'
import { EMAILS_PER_ACCOUNT } from '../accounts/limits.js'
import { NO_STORE } from '../accounts/views.js'
import { hashPassword } from '../accounts/passwords.js'
import { clearSessionCookie, readSessionCookie } from '../accounts/session-cookie.js'
import {
  consumeEmailToken,
  createEmailToken,
  deleteSessionsOf,
  emailKey,
  findUserByEmail,
  findUserById,
} from '../accounts/store.js'
import { newToken } from '../accounts/tokens.js'
import { email as emailSchema, newPasswordProblem } from '../accounts/validation.js'
import { sendVerification } from '../accounts/verification.js'
import { confirmLinkRoute, NoticePage } from '../accounts/views.js'
import type { CommunityDeps } from '../routes.js'
import { displayName } from './forms.js'
import { renderSettings } from './render.js'
import { doneMessage } from './messages.js'
import { confirmPassword, WRONG_PASSWORD } from './reauth.js'
import { digestSettingsPages } from './digest-pages.js'
import { tokenPages } from './token-pages.js'
import { twoFactorPages } from './two-factor-pages.js'

const CHANGE_EMAIL_HOURS = 24

/** The settings page and its forms; each change redirects back to it saying what it did. */
export function settingsPages(deps: CommunityDeps): Hono {
  const { db, site, mailer, now, limits } = deps
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const secure = site.baseUrl.startsWith('https:')
  const back = (c: Context, done: string, anchor: string) => c.redirect(`/settings?done=${done}#${anchor}`, 303)
  const invalid = (c: Context, viewer: Viewer, errors: Record<string, string>, values?: Record<string, string>) =>
    renderSettings(c, deps, viewer, { errors, values }, 400)

  app.get('/settings', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    return renderSettings(c, deps, viewer, { done: doneMessage(c.req.query('done')) })
  })

  app.post('/settings/profile', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const parsed = displayName.safeParse(form.display_name ?? '')
    if (!parsed.success)
      return invalid(
        c,
        viewer,
        { 'profile-name': parsed.error.issues[0]!.message },
        { display_name: form.display_name ?? '' },
      )
    await setDisplayName(db, viewer.id, parsed.data)
    return back(c, 'profile', 'profile')
  })

  app.post('/settings/email', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const values = { email: form.email ?? '' }
    const parsed = emailSchema.safeParse(form.email ?? '')
    if (!parsed.success) return invalid(c, viewer, { 'email-new': parsed.error.issues[0]!.message }, values)
    const user = await findUserById(db, viewer.id)
    if (!user) throw new HttpError(404, 'This account no longer exists.')
    if (emailKey(parsed.data) === emailKey(user.email))
      return invalid(c, viewer, { 'email-new': 'That is your address already.' }, values)
    if (!(await confirmPassword(deps, viewer.id, form.password ?? '')))
      return invalid(c, viewer, { 'email-password': WRONG_PASSWORD }, values)
    await limits.consume(EMAILS_PER_ACCOUNT, `user:${viewer.id}`)
    const newEmail = parsed.data
    // Another account's address gets a note instead of a link, and this page answers the same:
    // the settings page must not become a way to learn who has an account.
    if (await findUserByEmail(db, newEmail)) {
      await mailer.send(addressTakenEmail(newEmail, site.name))
    } else {
      const token = newToken()
      await createEmailToken(db, token, {
        user_id: viewer.id,
        purpose: 'change-email',
        email: newEmail,
        created_at: iso(),
        expires_at: new Date(now() + CHANGE_EMAIL_HOURS * 3_600_000).toISOString(),
      })
      await mailer.send(
        confirmNewEmail(newEmail, site.name, user.username, `${site.baseUrl}/account/email?token=${token}`),
      )
    }
    await mailer.send(emailChangeNotice(user.email, site.name, newEmail, `${site.baseUrl}/settings`))
    return back(c, 'email-sent', 'email')
  })

  app.get(
    '/account/email',
    confirmLinkRoute(site, {
      title: 'Confirm your new email address',
      text: 'Press the button to make this address your account’s address.',
      action: '/account/email',
      button: 'Use this address',
    }),
  )
  app.post('/account/email', async (c) => {
    const form = await readForm(c)
    const token = (form.token ?? '').slice(0, 100)
    const link = await peekEmailToken(db, token, 'change-email', iso())
    if (!link || !(await consumeEmailToken(db, token, 'change-email', iso()))) {
      return c.html(
        <NoticePage site={site} title="This link does not work any more">
          <p>
            It was used already, or it is older than {CHANGE_EMAIL_HOURS} hours. Ask for a new one on your{' '}
            <a href="/settings#email">settings page</a>.
          </p>
        </NoticePage>,
        400,
        NO_STORE,
      )
    }
    if (!(await setEmail(db, link.userId, link.email, iso()))) {
      return c.html(
        <NoticePage site={site} title="That address has an account now">
          <p>
            Another account started using this address since you asked. Your account keeps its old address;{' '}
            <a href="/settings#email">choose another one</a>.
          </p>
        </NoticePage>,
        409,
        NO_STORE,
      )
    }
    return c.redirect('/settings?done=email#email', 303)
  })

  app.post('/settings/verification', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    await readForm(c)
    const user = await findUserById(db, viewer.id)
    if (!user) throw new HttpError(404, 'This account no longer exists.')
    if (user.emailVerified) return back(c, 'email', 'email')
    await limits.consume(EMAILS_PER_ACCOUNT, `user:${viewer.id}`)
    await sendVerification(deps, user.id, user.email)
    return back(c, 'verification', 'email')
  })

  app.post('/settings/password', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const user = await findUserById(db, viewer.id)
    if (!user) throw new HttpError(404, 'This account no longer exists.')
    if (!(await confirmPassword(deps, viewer.id, form.current ?? '')))
      return invalid(c, viewer, { 'password-current': WRONG_PASSWORD })
    const problem = newPasswordProblem(form.password ?? '', user)
    if (problem) return invalid(c, viewer, { 'password-new': problem })
    await setPasswordHash(db, viewer.id, await hashPassword(form.password!))
    // Whoever else knew the old password is logged out; this browser stays.
    await deleteSessionsOf(db, viewer.id, readSessionCookie(c))
    await mailer.send(passwordChangedEmail(user.email, site.name, `${site.baseUrl}/account/reset`))
    return back(c, 'password', 'password')
  })

  app.post('/settings/sessions/others', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    await readForm(c)
    await deleteSessionsOf(db, viewer.id, readSessionCookie(c))
    return back(c, 'sessions', 'sessions')
  })

  app.post('/settings/delete', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    if (!(await confirmPassword(deps, viewer.id, form.password ?? '')))
      return invalid(c, viewer, { 'delete-password': WRONG_PASSWORD })
    await deleteAccount(db, viewer.id, iso())
    clearSessionCookie(c, secure)
    return c.redirect('/account/deleted', 303)
  })
  app.get('/account/deleted', (c) =>
    c.html(
      <NoticePage site={site} title="Your account is deleted">
        <p>
          We erased your email address and password and logged you out everywhere. Your comments stay, shown as
          “[deleted]”. Thank you for reading with us.
        </p>
      </NoticePage>,
      200,
      NO_STORE,
    ),
  )

  app.route('/', tokenPages(deps))
  app.route('/', digestSettingsPages(deps))
  app.route('/', twoFactorPages(deps))
  return app
}
