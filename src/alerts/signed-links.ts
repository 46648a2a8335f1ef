import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The token in an alert email's unsubscribe link: the follow's id and an HMAC of it under the
 * site's secret (`alert-links`), so the link works without logging in, cannot be made for another
 * follow, and never expires (as the digest's, src/digest/signed-links.ts).
 */
export function signFollow(secret: string, id: number): string {
  return `${id}.${mac(secret, id)}`
}

/** The follow id a token names, or null when it was not made with this secret. */
export function verifyFollow(secret: string, token: string): number | null {
  const match = /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(token)
  if (!match) return null
  const id = Number(match[1])
  const expected = Buffer.from(mac(secret, id))
  const given = Buffer.from(match[2]!)
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}

const mac = (secret: string, id: number) =>
  createHmac('sha256', secret).update(`alert follow ${id}`).digest('base64url').slice(0, 22)
