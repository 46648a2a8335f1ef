import type { Db } from '../../platform/db/connect.js'
import { acceptedStep, normalizeRecoveryCode } from './two-factor.js'
import { acceptStep, twoFactorOf, useRecoveryCode } from './two-factor-store.js'

/**
 * Whether `typed` is a right second factor for the account now: a code from its app (each code
 * works once) or one of its unused recovery codes (used up by this).
 */
export async function checkSecondFactor(db: Db, userId: number, typed: string, now: number): Promise<boolean> {
  const twoFactor = await twoFactorOf(db, userId)
  if (!twoFactor?.enabled) return false
  const step = acceptedStep(twoFactor.secret, typed, now, twoFactor.lastStep)
  if (step !== null) return acceptStep(db, userId, step)
  const recovery = normalizeRecoveryCode(typed.slice(0, 40))
  return recovery !== null && useRecoveryCode(db, userId, recovery, new Date(now).toISOString())
}
