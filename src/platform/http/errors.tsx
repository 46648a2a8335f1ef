import type { Context, ErrorHandler, NotFoundHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Logger } from 'pino'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { ErrorPage } from '../views/error-page.js'
import type { Site } from '../views/site.js'
import { HttpError } from './http-error.js'

const TITLES: Record<number, string> = {
  400: 'That address doesn’t look right',
  401: 'Log in first',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Not allowed here',
  409: 'Conflict',
  413: 'Too large',
  429: 'Slow down',
  500: 'Something went wrong on our side',
  503: 'Try again in a moment',
}

// A database that restarts or fails over is back within seconds; ask clients to wait that long.
const DATABASE_RETRY_AFTER_S = 10

const isApi = (c: Context) => c.req.path.startsWith('/api/')

/**
 * Every error ends here: JSON `{"error": "…"}` for the API, an HTML page for everything else. A
 * database that cannot be reached is a 503 with `Retry-After`, since trying again will work.
 */
export function errorHandler(logger: Logger, site: Site): ErrorHandler {
  return (err, c) => {
    let status = 500
    let message = 'An unexpected error occurred. It has been logged; please try again later.'
    if (err instanceof HttpError) {
      status = err.status
      message = err.message
      for (const [name, value] of Object.entries(err.headers)) c.header(name, value)
    } else if (err instanceof HTTPException && err.status < 500) {
      // Hono's own middleware (body limit, CSRF) signals bad requests this way.
      status = err.status
      message = err.message || (TITLES[status] ?? 'Bad request')
    } else if (isDatabaseUnavailable(err)) {
      logger.warn({ err, requestId: c.get('requestId'), path: c.req.path }, 'database unavailable')
      status = 503
      message = 'The database cannot be reached just now. Please try again in a moment.'
      c.header('Retry-After', String(DATABASE_RETRY_AFTER_S))
    } else {
      logger.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error')
    }
    return respond(c, site, status, message)
  }
}

export const notFoundHandler =
  (site: Site): NotFoundHandler =>
  (c) =>
    respond(c, site, 404, isApi(c) ? 'No such API route' : 'There is no page at this address.')

function respond(c: Context, site: Site, status: number, message: string) {
  c.status(status as 400)
  if (isApi(c)) return c.json({ error: message })
  return c.html(<ErrorPage site={site} status={status} title={TITLES[status] ?? 'Error'} message={message} />)
}
