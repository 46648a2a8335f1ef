import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../../platform/db/connect.js'
import { readSessionCookie, sessionExpiry, writeSessionCookie } from './session-cookie.js'
import { createSession, deleteSession } from './store.js'
import { newToken } from './tokens.js'
import { createLoginChallenge, isTwoFactorEnabled } from './two-factor-store.js'

export interface SignInDeps {
  db: Db
  now: () => number
  /** Whether the site is served over https (BASE_URL): cookies are then Secure. */
  secure: boolean
}

/**
 * Starts a session for `userId` in this browser and sets its cookie. A session the browser had
 * (another account's, say) ends first: one browser, one session, and never a token chosen earlier.
 */
export async function startSession(c: Context, { db, now, secure }: SignInDeps, userId: number): Promise<void> {
  const previous = readSessionCookie(c)
  if (previous) await deleteSession(db, previous)
  const token = newToken()
  const at = now()
  await createSession(
    db,
    token,
    userId,
    { now: new Date(at).toISOString(), expiresAt: sessionExpiry(at) },
    c.req.header('user-agent') ?? null,
  )
  writeSessionCookie(c, token, secure)
}

/** The cookie that names a log-in waiting for its second factor (its state stays in the database). */
export const CHALLENGE_COOKIE = 'paperboy_login'
export const CHALLENGE_PATH = '/login/two-factor'
/** Long enough to find one's phone; short enough that an unattended half-login expires. */
const CHALLENGE_MINUTES = 10

export function readChallengeCookie(c: Context): string | undefined {
  const value = getCookie(c, CHALLENGE_COOKIE)
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
}

export function clearChallengeCookie(c: Context, secure: boolean): void {
  deleteCookie(c, CHALLENGE_COOKIE, { path: CHALLENGE_PATH, httpOnly: true, sameSite: 'Lax', secure })
}

/**
 * Signs a reader in whose password (or mailed link) was right: at once, or, when the account has
 * two-factor authentication, by way of the code step. Returns where to send the browser.
 */
export async function completeFirstFactor(c: Context, deps: SignInDeps, userId: number, next: string): Promise<string> {
  if (!(await isTwoFactorEnabled(deps.db, userId))) {
    await startSession(c, deps, userId)
    return next
  }
  const token = newToken()
  await createLoginChallenge(deps.db, token, {
    userId,
    next,
    expiresAt: new Date(deps.now() + CHALLENGE_MINUTES * 60_000).toISOString(),
  })
  setCookie(c, CHALLENGE_COOKIE, token, {
    path: CHALLENGE_PATH,
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.secure,
    maxAge: CHALLENGE_MINUTES * 60,
  })
  return CHALLENGE_PATH
}
