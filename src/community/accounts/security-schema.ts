import type { Generated } from 'kysely'
import type { AccountTables } from '../schema.js'

/** An account's TOTP secret (base32); two-factor is on once `enabled_at` is set. */
export interface TwoFactorTable {
  user_id: number
  secret: string
  enabled_at: string | null
  /** The last time step a code was accepted for (codes are single-use). */
  last_step: Generated<number | string>
  created_at: string
}

/** A one-time recovery code; only its SHA-256 is kept. */
export interface RecoveryCodesTable {
  id: Generated<number>
  user_id: number
  code_hash: string
  used_at: string | null
}

/** A log-in whose password was right and that waits for its second factor. */
export interface LoginChallengesTable {
  token_hash: string
  user_id: number
  /** Where to go once signed in (already checked by safeNext). */
  next: string
  attempts: Generated<number>
  expires_at: string
}

export type AccountSecurityTables = AccountTables & {
  two_factor: TwoFactorTable
  recovery_codes: RecoveryCodesTable
  login_challenges: LoginChallengesTable
}
