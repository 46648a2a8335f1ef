import { describe, expect, it } from 'vitest'
import {
  acceptedStep,
  groupedSecret,
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  otpauthUri,
  totpCodeAt,
} from './two-factor.js'

const NOW = Date.parse('2026-12-03T07:00:10Z')
const step = (t: number) => Math.floor(t / 30_000)

describe('TOTP codes', () => {
  const secret = newTotpSecret()

  it('makes a base32 secret and an otpauth address apps read', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const uri = new URL(otpauthUri(secret, 'Paperboy', 'ada'))
    expect(uri.protocol).toBe('otpauth:')
    expect(uri.searchParams.get('secret')).toBe(secret)
    expect(uri.searchParams.get('issuer')).toBe('Paperboy')
    expect(groupedSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ')
  })

  it('accepts the current code, and the one before or after for a drifting clock', () => {
    expect(acceptedStep(secret, totpCodeAt(secret, NOW), NOW, 0)).toBe(step(NOW))
    expect(acceptedStep(secret, totpCodeAt(secret, NOW - 30_000), NOW, 0)).toBe(step(NOW) - 1)
    expect(acceptedStep(secret, totpCodeAt(secret, NOW + 30_000), NOW, 0)).toBe(step(NOW) + 1)
    expect(acceptedStep(secret, totpCodeAt(secret, NOW - 120_000), NOW, 0)).toBeNull()
  })

  it('refuses a code used already (a replay), and anything but six digits', () => {
    const code = totpCodeAt(secret, NOW)
    expect(acceptedStep(secret, code, NOW, step(NOW))).toBeNull()
    expect(acceptedStep(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOW, 0)).toBe(step(NOW))
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345\u0000'])
      expect(acceptedStep(secret, bad, NOW, 0)).toBeNull()
  })
})

describe('recovery codes', () => {
  it('makes ten distinct codes that read back as typed in any form', () => {
    const codes = newRecoveryCodes()
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) {
      expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/)
      expect(normalizeRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(code)
    }
  })

  it('refuses what cannot be a code', () => {
    for (const bad of ['', 'abcd-efgh', 'abcd-efgh-ijk1', 'abcd-efgh-ijkm-n'])
      expect(normalizeRecoveryCode(bad)).toBeNull()
  })
})
