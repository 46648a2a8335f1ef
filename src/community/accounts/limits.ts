import type { Limit, Lockout } from '../../platform/http/rate-limit.js'

/**
 * The rate limits of the account forms, named per action as the 429 pages name them. Counted per
 * client address (clientIp) and, where a person is named, per account or address as well, so that
 * neither one address nor a botnet spread over many can hammer one account.
 */

/** A lab behind one NAT signs up a few people in an afternoon; a script signs up hundreds. */
export const SIGNUP_PER_IP: Limit = { name: 'signup-ip', points: 10, durationS: 3600 }

/** Wrong passwords for one account: five free, then 30 s, 1 min, 2 min… up to an hour. */
export const LOGIN_FAILURES_PER_ACCOUNT: Lockout = {
  name: 'login-account',
  freeFailures: 5,
  firstLockS: 30,
  maxLockS: 3600,
  memoryS: 86_400,
}

/** Wrong passwords from one address, whichever accounts they name: more room for a shared address. */
export const LOGIN_FAILURES_PER_IP: Lockout = {
  name: 'login-ip',
  freeFailures: 20,
  firstLockS: 60,
  maxLockS: 3600,
  memoryS: 86_400,
}

/** Wrong second-factor codes for one account: a 6-digit code must not be guessable by volume. */
export const TWO_FACTOR_FAILURES: Lockout = {
  name: 'two-factor',
  freeFailures: 5,
  firstLockS: 60,
  maxLockS: 3600,
  memoryS: 86_400,
}

/** Reset emails: per address so that nobody's inbox is flooded, per client so that no one floods many. */
export const RESET_PER_ADDRESS: Limit = { name: 'reset-address', points: 3, durationS: 3600 }
export const RESET_PER_IP: Limit = { name: 'reset-ip', points: 10, durationS: 3600 }

/** Verification and change-of-address emails an account may ask for. */
export const EMAILS_PER_ACCOUNT: Limit = { name: 'account-emails', points: 5, durationS: 3600 }

/** Tokens made per account: a few a day is plenty; thousands would be a way to fill the table. */
export const API_TOKENS_PER_ACCOUNT: Limit = { name: 'api-tokens', points: 20, durationS: 86_400 }

export const LOCKED_OUT = (wait: string) =>
  `Too many wrong attempts for this account. For its safety, logging in is paused: try again in ${wait}, or reset your password.`
export const TOO_MANY_FROM_HERE = (wait: string) => `Too many attempts from your network. Try again in ${wait}.`
