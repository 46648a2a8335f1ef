import type { MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'

/**
 * A strict Content-Security-Policy: our own scripts, styles and images only, no inline code.
 * Thumbnails are copied from Hugging Face's CDN and served from here (src/previews), so no third
 * party learns who reads the site; data: is for the stylesheet's small inline icons.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

// The headers every response carries. Headers for browsers long gone (IE's XSS filter and
// download options, Flash's cross-domain policies) are left out: CSP and nosniff cover them.
const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', CSP],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
]

/**
 * Sets the security headers before the handler runs, so they travel with the response the
 * handler builds (setting them afterwards, on a finished Response, costs more than a cached page).
 */
export const securityHeaders = (): MiddlewareHandler => async (c, next) => {
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value)
  await next()
}

/**
 * CSRF defence for every state-changing request: the browser's Origin must be this site (as
 * configured in BASE_URL, or as the request itself was addressed). Hono's middleware rejects form
 * posts from anywhere else with 403.
 */
export const csrfProtection = (baseUrl: string): MiddlewareHandler => {
  const configured = new URL(baseUrl).origin
  const check = csrf({ origin: (origin, c) => origin === configured || origin === new URL(c.req.url).origin })
  // A Bearer token is never sent by a browser on its own, as a cookie is, so a request that
  // carries one cannot be forged by another site: API clients (curl, scripts) send no Origin.
  return (c, next) => (/^Bearer\s/i.test(c.req.header('authorization') ?? '') ? next() : check(c, next))
}
