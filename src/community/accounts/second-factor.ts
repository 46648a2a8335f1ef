import type { Db } from '../../platform/db/connect.js'
import { acceptedStep, normalizeRecoveryCode } from './two-factor.js'
import { acceptStep, twoFactorOf, useRecoveryCode } from './two-factor-store.js'

/**
 * Whether `typed` is a right second factor for the account now: a code from its app (each code
 * works once) or one of its unused recovery codes (used up by this).
 */
export async function checkSecondFactor(db: Db, userId: number, typed: string, now: number): Promise<boolean> {
  return (await secondFactorUsed(db, userId, typed, now)) !== null
}

/** As checkSecondFactor, saying which kind of code it was: a recovery code's use is worth telling its owner. */
export async function secondFactorUsed(
  db: Db,
  userId: number,
  typed: string,
  now: number,
): Promise<'app' | 'recovery' | null> {
  const twoFactor = await twoFactorOf(db, userId)
  if (!twoFactor?.enabled) return null
  const step = acceptedStep(twoFactor.secret, typed, now, twoFactor.lastStep)
  if (step !== null) return (await acceptStep(db, userId, step)) ? 'app' : null
  const recovery = normalizeRecoveryCode(typed.slice(0, 40))
  if (recovery === null) return null
  return (await useRecoveryCode(db, userId, recovery, new Date(now).toISOString())) ? 'recovery' : null
}
