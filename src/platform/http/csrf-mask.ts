import { randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * A reader's CSRF token as each page shows it: a fresh random mask and the token XORed with it.
 * Pages are sent compressed, and a compressed page that shows both a fixed secret and text an
 * attacker chose (a search query) lets the attacker guess the secret from the page's length, a
 * byte at a time (BREACH); a token that differs on every page gives such guesses nothing to
 * converge on. The token itself is unchanged, so a form carries either spelling.
 */
export function maskCsrfToken(token: string): string {
  const raw = Buffer.from(token, 'base64url')
  const mask = randomBytes(raw.length)
  return Buffer.concat([mask, xor(mask, raw)]).toString('base64url')
}

/** Whether a form's `_csrf` field carries `token`, masked by `maskCsrfToken` or as it is. */
export function carriesCsrfToken(sent: string | undefined, token: string): boolean {
  if (sent === undefined) return false
  const raw = Buffer.from(token, 'base64url')
  const field = Buffer.from(sent, 'base64url')
  if (field.length === 2 * raw.length && sent === field.toString('base64url')) {
    return timingSafeEqual(xor(field.subarray(0, raw.length), field.subarray(raw.length)), raw)
  }
  const plain = Buffer.from(sent)
  const expected = Buffer.from(token)
  return plain.length === expected.length && timingSafeEqual(plain, expected)
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  return Buffer.from(a.map((byte, i) => byte ^ b[i]!))
}
