import { type BinaryToTextEncoding, createHmac, timingSafeEqual } from 'node:crypto'

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
  return isMac(secret, id, match[2]!, 'base64url') ? id : null
}

/**
 * The same proof for the mailto List-Unsubscribe's address (`unsubscribe+f12-9f…@host`): `f` tells it
 * from a digest's token, and lower-case hex survives a mail system that changes an address's case.
 */
export function signFollowForMail(secret: string, id: number): string {
  return `f${id}-${mac(secret, id, 'hex', 32)}`
}

/** The follow id a mail token names (in any case), or null when it is not an alert's or not ours. */
export function verifyFollowMailToken(secret: string, token: string): number | null {
  const match = /^f(\d{1,9})-([0-9a-f]{32})$/.exec(token.toLowerCase())
  return match && isMac(secret, Number(match[1]), match[2]!, 'hex') ? Number(match[1]) : null
}

const mac = (secret: string, id: number, encoding: BinaryToTextEncoding = 'base64url', length = 22) =>
  createHmac('sha256', secret).update(`alert follow ${id}`).digest(encoding).slice(0, length)

/** Whether `given` is the MAC of `id`, compared in constant time. */
function isMac(secret: string, id: number, given: string, encoding: BinaryToTextEncoding): boolean {
  const expected = Buffer.from(mac(secret, id, encoding, given.length))
  return Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected)
}
