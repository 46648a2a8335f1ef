import { type BinaryToTextEncoding, createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The token in a digest email's links (preferences, unsubscribe): the subscription's id and an HMAC
 * of it under the site's secret, so the link works without logging in and cannot be made for
 * another subscription. It never expires: an unsubscribe link in a year-old email must still work.
 */
export function signSubscription(secret: string, id: number): string {
  return `${id}.${mac(secret, id, 'base64url', 22)}`
}

/** The subscription id a token names, or null when it was not made with this secret. */
export function verifySubscription(secret: string, token: string): number | null {
  return verify(secret, /^(\d{1,9})\.([A-Za-z0-9_-]{22})$/.exec(token), 'base64url')
}

/**
 * The same proof for the mailto List-Unsubscribe's address (`unsubscribe+TOKEN@…`), in lower-case
 * hex: a mail system may change the case of an address's local part, which base64 would not survive.
 */
export function signSubscriptionForMail(secret: string, id: number): string {
  return `${id}-${mac(secret, id, 'hex', 32)}`
}

/** The subscription id a mail token names (in any case), or null. */
export function verifyMailToken(secret: string, token: string): number | null {
  return verify(secret, /^(\d{1,9})-([0-9a-f]{32})$/.exec(token.toLowerCase()), 'hex')
}

const mac = (secret: string, id: number, encoding: BinaryToTextEncoding, length: number) =>
  createHmac('sha256', secret).update(`digest subscription ${id}`).digest(encoding).slice(0, length)

/** The id of a matched token ([, id, mac]) whose MAC is right, in constant time; else null. */
function verify(secret: string, match: RegExpExecArray | null, encoding: BinaryToTextEncoding): number | null {
  if (!match) return null
  const id = Number(match[1])
  const given = Buffer.from(match[2]!)
  const expected = Buffer.from(mac(secret, id, encoding, given.length))
  return given.length === expected.length && timingSafeEqual(given, expected) ? id : null
}
