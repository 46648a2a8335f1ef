import type { Context, MiddlewareHandler } from 'hono'
import { HttpError, notFound } from '../platform/http/http-error.js'
import { currentViewer, type Viewer } from '../platform/http/viewer.js'
import { isSameSecret } from '../platform/secrets.js'

/**
 * Who may see the admin pages: a signed-in admin account, or a headless client presenting
 * ADMIN_TOKEN as `Authorization: Bearer <token>` (monitoring, scripts). Everyone else gets the
 * site's ordinary 404, so the public learns nothing about them. Actions that change something
 * need an admin account (requireAdminAccount): the moderation log names who acted.
 * See docs/decisions/0023-moderation-and-claims.md.
 */

/** Whether the request comes from an admin account or presents the admin token. */
export function isAdmin(c: Context, token: string | null): boolean {
  if (currentViewer()?.role === 'admin') return true
  if (!token) return false
  const bearer = /^Bearer (.+)$/i.exec(c.req.header('Authorization') ?? '')?.[1]
  return bearer !== undefined && isSameSecret(bearer, token)
}

/** Lets admins through; anyone else gets the site's ordinary 404. Admin pages are never cached. */
export const requireAdmin =
  (token: string | null): MiddlewareHandler =>
  async (c, next) => {
    if (!isAdmin(c, token)) throw notFound('There is no page at this address.')
    await next()
    c.header('Cache-Control', 'no-store')
  }

/**
 * The admin account an action is taken by. Anyone else (a member, an anonymous reader, a script
 * with only the token) is refused with 403 before the form is read: the action exists, and saying
 * so costs nothing, while the answer tells a member they lack the right.
 */
export function requireAdminAccount(): Viewer {
  const viewer = currentViewer()
  if (viewer?.role !== 'admin') throw new HttpError(403, 'Only an admin can do this.')
  return viewer
}
