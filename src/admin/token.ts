import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { notFound } from '../platform/http/http-error.js'

/**
 * Admin pages until accounts exist: open to whoever presents ADMIN_TOKEN, as
 * `Authorization: Bearer <token>` or through the sign-in form's cookie. Without a token set, or
 * without it presented, they do not exist (404), so the public learns nothing about them.
 */
export const ADMIN_COOKIE = 'paperboy_admin'

/**
 * What the sign-in cookie holds: a value derived from the token, so the token itself never sits
 * in a browser, and changing the token signs every browser out.
 */
export function adminCookieValue(token: string): string {
  return createHmac('sha256', token).update('paperboy admin cookie').digest('base64url')
}

/** Compares secrets in constant time: both sides are hashed first, so lengths leak nothing either. */
export function isSameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

/** Whether the request presents the admin token (header) or the cookie the sign-in form set. */
export function isAdmin(c: Context, token: string | null): boolean {
  if (!token) return false
  const bearer = /^Bearer (.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]
  if (bearer !== undefined) return isSameSecret(bearer, token)
  const cookie = getCookie(c, ADMIN_COOKIE)
  return cookie !== undefined && isSameSecret(cookie, adminCookieValue(token))
}

/** Lets admins through; anyone else gets the site's ordinary 404. Admin pages are never cached. */
export const requireAdmin =
  (token: string | null): MiddlewareHandler =>
  async (c, next) => {
    if (!isAdmin(c, token)) throw notFound('There is no page at this address.')
    await next()
    c.header('Cache-Control', 'no-store')
  }
