import type { MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'

/**
 * One line per request at info level: method, path, status and time taken, with the request id
 * that error lines carry too. Never the query string, which can hold what a reader searched for,
 * nor headers. Paths in `quiet` (health probes every few seconds) are logged at debug level.
 */
export function accessLog(logger: Logger, quiet: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const path = c.req.path
    const level = quiet.includes(path) ? 'debug' : 'info'
    if (!logger.isLevelEnabled(level)) return
    const ms = Math.round((performance.now() - started) * 10) / 10
    logger[level]({ requestId: c.get('requestId'), method: c.req.method, path, status: c.res.status, ms }, 'request')
  }
}
