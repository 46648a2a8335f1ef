import { describe, expect, it } from 'vitest'
import { isDataError } from './data-error.js'

describe('telling a refused value from a failing database', () => {
  it.each([
    '22021',
    '22008',
    '23502',
    '23505',
    '54000',
    'SQLITE_CONSTRAINT_NOTNULL',
    'SQLITE_TOOBIG',
    'SQLITE_MISMATCH',
  ])('calls %s a refused value', (code) => expect(isDataError(Object.assign(new Error('x'), { code }))).toBe(true))

  it.each(['57P01', '08006', '53100', '40001', 'SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_IOERR', 'ECONNREFUSED'])(
    'calls %s a failing database',
    (code) => expect(isDataError(Object.assign(new Error('x'), { code }))).toBe(false),
  )

  it('calls an error without a code a failing database', () => {
    expect(isDataError(new Error('driver has already been destroyed'))).toBe(false)
    expect(isDataError(null)).toBe(false)
  })
})
