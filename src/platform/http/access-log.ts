import type { MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import type { RequestFields } from './cache-hits.js'

/**
 * One line per request at info level: method, path, status and time taken, with the request id
 * that error lines carry too. Never the query string, which can hold what a reader searched for,
 * nor headers. Paths in `quiet` (health probes every few seconds) are logged at debug level.
 */
export function requestLogger(logger: Logger, quiet: readonly string[]): (fields: RequestFields) => void {
  return (fields) => {
    const level = quiet.includes(fields.path) ? 'debug' : 'info'
    if (logger.isLevelEnabled(level)) logger[level](fields, 'request')
  }
}

/** The access log of requests the app answers (cache-hits.ts logs those answered before it). */
export function accessLog(log: (fields: RequestFields) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const ms = Math.round((performance.now() - started) * 10) / 10
    log({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms })
  }
}
