import { type Context, Hono } from 'hono'
import { HttpError } from '../../platform/http/http-error.js'
import { clientIp } from '../../platform/http/rate-limit.js'
import { currentViewer } from '../../platform/http/viewer.js'
import { recoveryCodeUsedEmail } from './emails.js'
import { readForm, safeNext } from './forms.js'
import {
  LOCKED_OUT,
  LOGIN_FAILURES_PER_ACCOUNT,
  LOGIN_FAILURES_PER_IP,
  TOO_MANY_FROM_HERE,
  TWO_FACTOR_FAILURES,
} from './limits.js'
import type { AccountDeps } from './pages.js'
import { verifyAgainstNobody, verifyPassword } from './passwords.js'
import { clearSessionCookie, readSessionCookie } from './session-cookie.js'
import {
  CHALLENGE_PATH,
  clearChallengeCookie,
  completeFirstFactor,
  readChallengeCookie,
  startSession,
} from './sign-in.js'
import { deleteSession, findLogin, findUserById } from './store.js'
import { secondFactorUsed } from './second-factor.js'
import {
  countChallengeAttempt,
  deleteLoginChallenge,
  findLoginChallenge,
  unusedRecoveryCodes,
} from './two-factor-store.js'
import { LoginPage, TwoFactorLoginPage, NO_STORE } from './views.js'

/** Wrong codes one half-finished log-in may try before it has to start again with the password. */
const CHALLENGE_ATTEMPTS = 5

/** The 429 a limit answered, to show on the page itself; null when the limit let the request through. */
async function refusal(check: Promise<void>): Promise<HttpError | null> {
  try {
    await check
    return null
  } catch (error) {
    if (error instanceof HttpError && error.status === 429) return error
    throw error
  }
}

/** The key a log-in's failures are counted under: the account, or the name asked for when none has it. */
const accountKey = (login: string, userId?: number) => (userId ? `user:${userId}` : `name:${login.toLowerCase()}`)

/** Log-in (password, then a code when the account has two-factor authentication) and log-out. */
export function loginPages(deps: AccountDeps): Hono {
  const { db, site, now, limits, trustProxy } = deps
  const app = new Hono()
  const secure = site.baseUrl.startsWith('https:')
  const signIn = { db, now, secure }
  const iso = () => new Date(now()).toISOString()

  app.get('/login', (c) => {
    if (currentViewer()) return c.redirect(safeNext(c.req.query('next')), 303)
    return c.html(<LoginPage site={site} next={safeNext(c.req.query('next'))} />, 200, NO_STORE)
  })
  app.post('/login', async (c) => {
    const form = await readForm(c)
    const login = (form.login ?? '').trim().slice(0, 254)
    const next = safeNext(form.next)
    const ip = clientIp(c, trustProxy)
    // A lockout answers 429 on the log-in page itself, whose "Forgot your password?" is the way out.
    const lockedOut = (error: HttpError) =>
      c.html(<LoginPage site={site} next={next} login={login} error={error.message} />, 429, {
        ...NO_STORE,
        ...error.headers,
      })
    const ipLock = await refusal(limits.checkLockout(LOGIN_FAILURES_PER_IP, ip, TOO_MANY_FROM_HERE))
    if (ipLock) return lockedOut(ipLock)
    // A name with control characters is nobody's (and PostgreSQL refuses NUL in a query).
    const found = login && !/[\u0000-\u001f]/.test(login) ? await findLogin(db, login) : null
    const key = accountKey(login, found?.user.id)
    // Checked before the password, so that a locked account cannot be guessed at even rightly.
    const accountLock = await refusal(limits.checkLockout(LOGIN_FAILURES_PER_ACCOUNT, key, LOCKED_OUT))
    if (accountLock) return lockedOut(accountLock)
    const ok = found
      ? await verifyPassword(found.passwordHash, form.password ?? '')
      : await verifyAgainstNobody(form.password ?? '')
    if (!found || !ok) {
      await Promise.all([
        limits.recordFailure(LOGIN_FAILURES_PER_IP, ip),
        limits.recordFailure(LOGIN_FAILURES_PER_ACCOUNT, key),
      ])
      const error = 'That username or email and password do not match an account.'
      return c.html(<LoginPage site={site} next={next} login={login} error={error} />, 400, NO_STORE)
    }
    if (found.user.banned) {
      const error = 'This account has been suspended by the site’s moderators.'
      return c.html(<LoginPage site={site} next={next} login={login} error={error} />, 403, NO_STORE)
    }
    // The account's failures are forgotten; the address's are not, or one's own account would
    // let one guess at others between log-ins.
    await limits.clearFailures(LOGIN_FAILURES_PER_ACCOUNT, key)
    return c.redirect(await completeFirstFactor(c, signIn, found.user.id, next), 303)
  })

  const challengeOf = async (c: Context) => {
    const token = readChallengeCookie(c)
    const challenge = token ? await findLoginChallenge(db, token, iso()) : null
    return token && challenge ? { token, ...challenge } : null
  }
  const startAgain = (c: Context) => {
    clearChallengeCookie(c, secure)
    return c.redirect('/login', 303)
  }

  app.get(CHALLENGE_PATH, async (c) => {
    if (!(await challengeOf(c))) return startAgain(c)
    return c.html(<TwoFactorLoginPage site={site} />, 200, NO_STORE)
  })
  app.post(CHALLENGE_PATH, async (c) => {
    const form = await readForm(c)
    const challenge = await challengeOf(c)
    if (!challenge) return startAgain(c)
    const key = `user:${challenge.userId}`
    const lock = await refusal(limits.checkLockout(TWO_FACTOR_FAILURES, key, LOCKED_OUT))
    if (lock)
      return c.html(<TwoFactorLoginPage site={site} error={lock.message} />, 429, { ...NO_STORE, ...lock.headers })
    const used = await secondFactorUsed(db, challenge.userId, form.code ?? '', now())
    if (!used) {
      await limits.recordFailure(TWO_FACTOR_FAILURES, key)
      if ((await countChallengeAttempt(db, challenge.token)) >= CHALLENGE_ATTEMPTS) {
        await deleteLoginChallenge(db, challenge.token)
        clearChallengeCookie(c, secure)
      }
      const error = 'That code is not right. Check the time on your phone, or use one of your recovery codes.'
      return c.html(<TwoFactorLoginPage site={site} error={error} />, 400, NO_STORE)
    }
    await limits.clearFailures(TWO_FACTOR_FAILURES, key)
    await deleteLoginChallenge(db, challenge.token)
    clearChallengeCookie(c, secure)
    await startSession(c, signIn, challenge.userId)
    const user = used === 'recovery' ? await findUserById(db, challenge.userId) : null
    if (user) {
      const left = await unusedRecoveryCodes(db, user.id)
      await deps.mailer.send(recoveryCodeUsedEmail(user.email, site.name, left, `${site.baseUrl}/settings/two-factor`))
    }
    return c.redirect(challenge.next, 303)
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
