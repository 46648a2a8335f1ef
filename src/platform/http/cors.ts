import type { MiddlewareHandler } from 'hono'

// Headers a script may read besides the CORS-safelisted ones: the next page of /api/papers, a
// response's version for If-None-Match, and how long to wait after a 429 or 503.
const EXPOSED_HEADERS = 'Link, ETag, Retry-After'
// How long a browser may reuse a preflight answer; Chromium caps it at two hours anyway.
const PREFLIGHT_MAX_AGE_S = 7200

/**
 * Lets scripts on any site read a public, read-only API, as Hugging Face's does: `*` and no
 * credentials, so no cookie ever rides along and nothing a visitor is logged in to can leak. Only
 * GET and HEAD are shared; a preflight is answered by the OPTIONS handling in `methods.ts`, which
 * sends these headers with its 204. Hono's own `cors()` would answer OPTIONS itself, without `Allow`.
 */
export const shareReadApi = (): MiddlewareHandler => async (c, next) => {
  const method = c.req.method
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  }
  if (method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
    c.header('Access-Control-Allow-Methods', 'GET, HEAD')
    // Any header a client sends (Authorization from a Hugging Face client, say) is ignored here.
    const requested = c.req.header('Access-Control-Request-Headers')
    if (requested) c.header('Access-Control-Allow-Headers', requested)
    c.header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_S))
  }
  await next()
}
