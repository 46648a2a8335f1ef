import { passwordHashOf } from '../accounts/account-changes.js'
import { LOCKED_OUT, LOGIN_FAILURES_PER_ACCOUNT } from '../accounts/limits.js'
import { verifyPassword } from '../accounts/passwords.js'
import type { CommunityDeps } from '../routes.js'

/**
 * Whether `password` is the account's: what every sensitive change asks for, so that a session
 * left open on a shared computer cannot take the account over. Wrong guesses count against the
 * same growing lockout as log-ins do, or this form would be a way around it.
 */
export async function confirmPassword(
  { db, limits }: Pick<CommunityDeps, 'db' | 'limits'>,
  userId: number,
  password: string,
): Promise<boolean> {
  const key = `user:${userId}`
  await limits.checkLockout(LOGIN_FAILURES_PER_ACCOUNT, key, LOCKED_OUT)
  const hash = await passwordHashOf(db, userId)
  const ok = hash !== null && (await verifyPassword(hash, password))
  if (!ok) await limits.recordFailure(LOGIN_FAILURES_PER_ACCOUNT, key)
  return ok
}

export const WRONG_PASSWORD = 'That is not your current password.'
