// Socket errors from Node: the server is down, unreachable or dropped the connection.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
])
// PostgreSQL SQLSTATEs: class 08 (connection exception), 57P01–57P03 (the server is shutting down
// or starting), class 53 (out of connections, memory or disk).
const POSTGRES_CODES = /^(08...|57P0[123]|53...)$/
// SQLite: another process holds the lock past busy_timeout, or the file cannot be opened or read.
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR|FULL)/
// The drivers' own words for a connection that is gone: pg and pg-pool, better-sqlite3 after
// close(), and Kysely once Db.close() has destroyed it (the app shutting down under a request).
const MESSAGES = [
  /^driver has already been destroyed/,
  /^Connection terminated/,
  /not queryable/,
  /^Cannot use a pool after calling end/,
  /^timeout exceeded when trying to connect/,
  /^The database connection is not open/,
]

/**
 * Whether an error means the database cannot be used right now (it is down, restarting, locked
 * or closed) rather than that a query is wrong: the first is a 503 to retry, the second a bug.
 * Looks through `cause` and AggregateError's `errors`, as a driver may wrap the socket error.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false
  const code = (error as { code?: unknown }).code
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || POSTGRES_CODES.test(code) || SQLITE_CODES.test(code))) {
    return true
  }
  if (MESSAGES.some((m) => m.test(error.message))) return true
  const inner = error instanceof AggregateError ? error.errors : [error.cause]
  return inner.some((e) => isDatabaseUnavailable(e, depth + 1))
}
