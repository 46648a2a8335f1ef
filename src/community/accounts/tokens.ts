import { createHash, randomBytes } from 'node:crypto'

/** A fresh secret for a cookie or a mailed link: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

/** What the database keeps of a token: its SHA-256, so a leaked table opens no session or link. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/**
 * The CSRF token of a session's forms, derived from the cookie's secret (which a forged request
 * cannot read) and never equal to anything the database stores.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`paperboy csrf ${sessionToken}`).digest('base64url')
}
