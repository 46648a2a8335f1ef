import type { MiddlewareHandler } from 'hono'
import { csrf } from 'hono/csrf'
import { secureHeaders } from 'hono/secure-headers'

/**
 * A strict Content-Security-Policy: our own scripts and styles only, no inline code. Images may
 * come from any https host because paper thumbnails and avatars live on Hugging Face's CDN.
 */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginEmbedderPolicy: false,
    // Headers for browsers long gone (IE's download options and XSS filter, Flash's cross-domain
    // policies, DNS prefetch hints): CSP, nosniff and frame-ancestors cover what they did.
    xXssProtection: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xDnsPrefetchControl: false,
  })

/**
 * CSRF defence for every state-changing request: the browser's Origin must be this site (as
 * configured in BASE_URL, or as the request itself was addressed). Hono's middleware rejects form
 * posts from anywhere else with 403.
 */
export const csrfProtection = (baseUrl: string): MiddlewareHandler => {
  const configured = new URL(baseUrl).origin
  return csrf({ origin: (origin, c) => origin === configured || origin === new URL(c.req.url).origin })
}
