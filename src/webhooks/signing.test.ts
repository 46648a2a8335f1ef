import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isValidSignature, newSigningSecret, signBody } from './signing.js'

describe('webhook signatures', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body", as the README tells receivers to compute it', () => {
    const secret = 'whsec_test'
    const body = '{"type":"paperboy.alert"}'
    const hex = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex')
    expect(signBody(secret, 1700000000, body)).toBe(`sha256=${hex}`)
  })

  it('verifies with the secret and fails with another secret, another body or another timestamp', () => {
    const secret = newSigningSecret()
    const signature = signBody(secret, 1700000000, 'body')
    expect(isValidSignature(secret, 1700000000, 'body', signature)).toBe(true)
    expect(isValidSignature(newSigningSecret(), 1700000000, 'body', signature)).toBe(false)
    expect(isValidSignature(secret, 1700000000, 'body!', signature)).toBe(false)
    expect(isValidSignature(secret, 1700000001, 'body', signature)).toBe(false)
    expect(isValidSignature(secret, 1700000000, 'body', 'sha256=')).toBe(false)
  })

  it('makes a different secret every time', () => {
    expect(newSigningSecret()).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/)
    expect(newSigningSecret()).not.toBe(newSigningSecret())
  })
})
