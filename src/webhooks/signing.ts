import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** The headers every delivery carries, as receivers read them. */
export const SIGNATURE_HEADER = 'X-Paperboy-Signature'
export const TIMESTAMP_HEADER = 'X-Paperboy-Timestamp'
export const DELIVERY_HEADER = 'X-Paperboy-Delivery'

/** A new signing secret: 32 random bytes, prefixed so that a leaked one is recognisable in a scan. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the scheme Stripe and Slack use: the
 * timestamp inside the MAC lets a receiver refuse a replayed request older than a few minutes.
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** Whether `signature` is `body`'s at `timestamp` under `secret` (constant-time): what a receiver checks. */
export function isValidSignature(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body))
  const presented = Buffer.from(signature)
  return presented.length === expected.length && timingSafeEqual(presented, expected)
}
