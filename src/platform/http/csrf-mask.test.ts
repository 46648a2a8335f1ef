import { describe, expect, it } from 'vitest'
import { carriesCsrfToken, maskCsrfToken } from './csrf-mask.js'

const token = 'yT3lXJ0c3m4Qw7S2b2CqKk9v1m8d1qJr4m2xPpZc0sE' // a SHA-256 in base64url, as csrfTokenFor makes

describe('masked CSRF tokens', () => {
  it('differ on every form and each carries the token', () => {
    const masked = Array.from({ length: 20 }, () => maskCsrfToken(token))
    expect(new Set(masked).size).toBe(20)
    for (const m of masked) expect(carriesCsrfToken(m, token)).toBe(true)
  })

  it('accept the token as it is, and refuse another token, a changed byte, a truncation or nothing', () => {
    expect(carriesCsrfToken(token, token)).toBe(true)
    const other = 'AAAAXJ0c3m4Qw7S2b2CqKk9v1m8d1qJr4m2xPpZc0sE'
    expect(carriesCsrfToken(maskCsrfToken(other), token)).toBe(false)
    expect(carriesCsrfToken(other, token)).toBe(false)
    const masked = maskCsrfToken(token)
    const flipped = masked[10] === 'A' ? 'B' : 'A'
    expect(carriesCsrfToken(masked.slice(0, 10) + flipped + masked.slice(11), token)).toBe(false)
    expect(carriesCsrfToken(masked.slice(0, -4), token)).toBe(false)
    for (const junk of [undefined, '', '\u0000', 'x'.repeat(10_000), `${masked}=`]) {
      expect(carriesCsrfToken(junk, token)).toBe(false)
    }
  })
})
