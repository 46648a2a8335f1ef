import { describe, expect, it } from 'vitest'
import { chooseCoding, isNotModified } from './negotiation.js'

describe('chooseCoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'], // Chromium, Firefox
    ['gzip, deflate, br', 'br'], // Python requests with brotli installed
    ['gzip, deflate', 'gzip'], // Python requests
    ['gzip', 'gzip'],
    ['deflate', 'identity'],
    ['identity', 'identity'],
    ['', 'identity'],
    [undefined, 'identity'],
  ])('picks %s → %s', (header, coding) => {
    expect(chooseCoding(header)).toBe(coding)
  })

  it('follows q-values, and never sends a coding given q=0', () => {
    expect(chooseCoding('br;q=0.5, gzip;q=0.9')).toBe('gzip')
    expect(chooseCoding('br;q=0, gzip')).toBe('gzip')
    expect(chooseCoding('gzip;q=0, br;q=0')).toBe('identity')
    expect(chooseCoding('BR ; Q=1 , GZIP')).toBe('br')
  })

  it('reads * as every coding not named', () => {
    expect(chooseCoding('*')).toBe('br')
    expect(chooseCoding('br;q=0, *')).toBe('gzip')
  })

  it('ignores a malformed q instead of failing', () => {
    expect(chooseCoding('br;q=abc, gzip')).toBe('gzip')
  })
})

describe('isNotModified', () => {
  const etag = 'W/"abc"'

  it('matches the tag, weakly, in a list or as *', () => {
    expect(isNotModified('W/"abc"', etag)).toBe(true)
    expect(isNotModified('"abc"', etag)).toBe(true)
    expect(isNotModified('"x", W/"abc"', etag)).toBe(true)
    expect(isNotModified('*', etag)).toBe(true)
  })

  it('does not match another tag or no header', () => {
    expect(isNotModified('W/"abd"', etag)).toBe(false)
    expect(isNotModified('abc', etag)).toBe(false)
    expect(isNotModified(undefined, etag)).toBe(false)
    expect(isNotModified('', etag)).toBe(false)
  })
})
