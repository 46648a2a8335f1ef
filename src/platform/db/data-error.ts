/**
 * Whether the database refused the values it was given (bad text, a number or date out of range, a
 * broken constraint) rather than failed itself (a lost connection, a full disk, a lock timeout).
 * Only the first kind is a bad record: retrying it alone fails again, and its neighbours can land.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return false
  // PostgreSQL SQLSTATE classes: 22 data exception, 23 integrity constraint violation,
  // 54 program limit exceeded (a value too large for an index row, say).
  if (/^(22|23|54)[0-9A-Z]{3}$/.test(code)) return true
  return /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code)
}
