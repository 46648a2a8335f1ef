import { randomInt } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'

/**
 * TOTP (RFC 6238) as every authenticator app reads it: SHA-1, 6 digits, 30-second steps; a code
 * of the step before or after is accepted too, for a phone whose clock drifts.
 */
const PERIOD_S = 30
const DRIFT_STEPS = 1
export const RECOVERY_CODE_COUNT = 10

const totp = (secret: string, issuer: string, label: string) =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD_S })

/** A fresh 160-bit secret, base32 (what the apps expect). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

/** The `otpauth://` address an authenticator app adds the account from. */
export function otpauthUri(secret: string, issuer: string, username: string): string {
  return totp(secret, issuer, username).toString()
}

/** The secret in groups of four, easier to type into an app by hand. */
export const groupedSecret = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim()

/**
 * The time step `code` is valid for at `now`, or null. A code whose step is not after `lastStep`
 * was used already and is refused, so an overheard code cannot be replayed.
 */
export function acceptedStep(secret: string, code: string, now: number, lastStep: number): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totp(secret, 'x', 'x').validate({ token, timestamp: now, window: DRIFT_STEPS })
  if (delta === null) return null
  const step = Math.floor(now / 1000 / PERIOD_S) + delta
  return step > lastStep ? step : null
}

/** The code an app shows at `now` (tests, and nothing else, play the app). */
export function totpCodeAt(secret: string, now: number): string {
  return totp(secret, 'x', 'x').generate({ timestamp: now })
}

// No 0/O, 1/I/L: a code copied from paper is read back without guessing.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** Ten codes like `k7dq-9mwx-p3tz`, each working once in place of an app's code (60 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () =>
    Array.from({ length: 3 }, () =>
      Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join(''),
    ).join('-'),
  )
}

/** A recovery code as typed (any case, spaces or dashes) in the form its hash was made from. */
export function normalizeRecoveryCode(typed: string): string | null {
  const chars = typed.toLowerCase().replace(/[\s-]+/g, '')
  if (chars.length !== 12 || [...chars].some((c) => !RECOVERY_ALPHABET.includes(c))) return null
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`
}
