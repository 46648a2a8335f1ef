import type { MiddlewareHandler } from 'hono'
import type { Db } from '../../platform/db/connect.js'
import { runAsViewer, type Viewer } from '../../platform/http/viewer.js'
import { readSessionCookie, sessionExpiry } from './session-cookie.js'
import { findSessionUser, touchSession, type User } from './store.js'
import { csrfTokenFor } from './tokens.js'

const TOUCH_EVERY_MS = 60 * 60_000 // a session's expiry slides hourly, not with a write per request

/**
 * Serves each request as the reader its session cookie names (platform/http/viewer.ts). The API
 * is left out: it is the same for everyone and authenticates writes with tokens, not cookies.
 * A request without the cookie costs nothing here, so anonymous pages stay as fast as before.
 */
export function viewerMiddleware(db: Db, now: () => number = Date.now): MiddlewareHandler {
  return async (c, next) => {
    const token = c.req.path.startsWith('/api/') ? undefined : readSessionCookie(c)
    if (!token) return next()
    const at = now()
    const user = await findSessionUser(db, token, new Date(at).toISOString())
    if (!user) return next() // expired, revoked or banned: anonymous (the stale cookie is harmless)
    if (at - Date.parse(user.lastSeenAt) > TOUCH_EVERY_MS) {
      await touchSession(db, user.sessionHash, new Date(at).toISOString(), sessionExpiry(at))
    }
    return runAsViewer(viewerOf(user, csrfTokenFor(token)), next)
  }
}

/** The reader a request is served for: the account's public face and its forms' CSRF token. */
export function viewerOf(
  user: Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'emailVerified'>,
  csrfToken: string,
): Viewer {
  const { id, username, displayName, role, emailVerified } = user
  return { id, username, displayName, role, emailVerified, csrfToken }
}
