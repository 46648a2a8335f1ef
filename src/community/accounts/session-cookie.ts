import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

export const SESSION_COOKIE = 'paperboy_session'
export const SESSION_DAYS = 30
const DAY_MS = 86_400_000

const options = (secure: boolean) => ({ path: '/', httpOnly: true, sameSite: 'Lax', secure }) as const

/** The cookie's expiry from `now`: a session lasts 30 days past its last use. */
export const sessionExpiry = (now: number) => new Date(now + SESSION_DAYS * DAY_MS).toISOString()

export function readSessionCookie(c: Context): string | undefined {
  const value = getCookie(c, SESSION_COOKIE)
  // A token is 43 base64url characters; anything else is not ours and is not looked up.
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined
}

/** `secure` when the site is served over https (BASE_URL), so the cookie never travels in the clear. */
export function writeSessionCookie(c: Context, token: string, secure: boolean): void {
  setCookie(c, SESSION_COOKIE, token, { ...options(secure), maxAge: SESSION_DAYS * 86_400 })
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, options(secure))
}
