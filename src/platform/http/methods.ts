import type { MiddlewareHandler } from 'hono'
import { TrieRouter } from 'hono/router/trie-router'
import type { RouterRoute } from 'hono/types'
import { HttpError } from './http-error.js'

/** The methods each address takes, read from the app's own routes. */
export interface AllowedMethods {
  (path: string): string[]
  /** Whether the address takes this method: one route lookup, what almost every request needs. */
  takes(method: string, path: string): boolean
}

/**
 * Builds the method table from an app's routes (middleware, registered for 'ALL', is not a route).
 * A GET route also takes HEAD, which Hono answers from it, and every route takes OPTIONS.
 */
export function methodTable(routes: RouterRoute[]): AllowedMethods {
  const router = new TrieRouter<string>()
  const methods = new Set<string>()
  for (const { method, path } of routes) {
    if (method === 'ALL') continue
    router.add(method, path, method)
    methods.add(method)
  }
  const takes = (method: string, path: string) => router.match(method, path)[0].length > 0
  const allowedAt = (path: string) => {
    const allowed = [...methods].filter((m) => takes(m, path))
    if (allowed.length === 0) return []
    if (allowed.includes('GET')) allowed.splice(allowed.indexOf('GET') + 1, 0, 'HEAD')
    return [...allowed, 'OPTIONS']
  }
  return Object.assign(allowedAt, { takes })
}

/**
 * Answers OPTIONS with 204 and `Allow`, and a method an address does not take with 405 and `Allow`
 * (RFC 9110 §15.5.6), before CSRF runs: a POST to a page is the wrong method, not a forgery, and a
 * 405 changes nothing. `routes` is read on
 * the first request, once every feature has registered its routes.
 */
export function allowMethods(routes: () => RouterRoute[]): MiddlewareHandler {
  let allowedAt: AllowedMethods | undefined
  return async (c, next) => {
    allowedAt ??= methodTable(routes())
    const method = c.req.method
    // A route for the request's own method: nothing to answer here (HEAD goes to a GET route).
    if (method !== 'OPTIONS' && method !== 'HEAD' && allowedAt.takes(method, c.req.path)) return next()
    const allowed = allowedAt(c.req.path)
    // Before CSRF too: an unknown address is a 404 whatever the method.
    if (allowed.length === 0) return c.notFound()
    if (allowed.includes(method) && method !== 'OPTIONS') return next()
    c.header('Allow', allowed.join(', '))
    if (method === 'OPTIONS') return c.body(null, 204)
    throw new HttpError(405, `This address does not take ${method}; it takes ${allowed.join(', ')}.`)
  }
}
