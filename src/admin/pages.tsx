import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { Layout } from '../platform/views/layout.js'
import type { Site } from '../platform/views/site.js'
import { ADMIN_COOKIE, adminCookieValue, isSameSecret } from './token.js'

/** A working day; then the token is asked for again. */
const SIGN_IN_MAX_AGE_S = 8 * 60 * 60
const NO_STORE = { 'Cache-Control': 'no-store' }
/** Where a signed-in admin lands: the only admin page so far. */
const ADMIN_HOME = '/admin/ingest'

/**
 * `/admin/sign-in`: a form that takes ADMIN_TOKEN and sets a cookie for the admin pages
 * (`requireAdmin`), and `/admin/sign-out`. Like the pages themselves, both are 404 without a token.
 */
export function adminPages(site: Site, token: string | null): Hono {
  const app = new Hono()
  const cookieOptions = {
    path: '/admin',
    httpOnly: true,
    sameSite: 'Strict',
    secure: site.baseUrl.startsWith('https:'),
  } as const
  if (!token) return app
  app.get('/admin/sign-in', (c) => c.html(<SignInPage site={site} />, 200, NO_STORE))
  app.post('/admin/sign-in', async (c) => {
    const body = await c.req.parseBody()
    const presented = typeof body.token === 'string' ? body.token.trim() : ''
    if (!isSameSecret(presented, token)) {
      return c.html(<SignInPage site={site} error="That is not the admin token." />, 403, NO_STORE)
    }
    setCookie(c, ADMIN_COOKIE, adminCookieValue(token), { ...cookieOptions, maxAge: SIGN_IN_MAX_AGE_S })
    return c.redirect(ADMIN_HOME, 303)
  })
  app.post('/admin/sign-out', (c) => {
    deleteCookie(c, ADMIN_COOKIE, cookieOptions)
    return c.redirect('/', 303)
  })
  return app
}

function SignInPage({ site, error }: { site: Site; error?: string }) {
  return (
    <Layout site={site} title="Admin sign-in">
      <section class="message-page">
        <h1>Admin sign-in</h1>
        <p>Enter the ADMIN_TOKEN this site was started with.</p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <form class="admin-sign-in" method="post" action="/admin/sign-in">
          <label for="admin-token">Admin token</label>
          <input id="admin-token" name="token" type="password" autocomplete="current-password" required />
          <button type="submit">Sign in</button>
        </form>
      </section>
    </Layout>
  )
}
