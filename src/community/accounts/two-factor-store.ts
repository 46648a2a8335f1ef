import type { Db } from '../../platform/db/connect.js'
import type { AccountSecurityTables } from './security-schema.js'
import { tokenHash } from './tokens.js'

const tables = (db: Db) => db.kysely.withTables<AccountSecurityTables>()

export interface TwoFactor {
  secret: string
  enabled: boolean
  lastStep: number
}

/** An account's two-factor state: null when it never started setting it up. */
export async function twoFactorOf(db: Db, userId: number): Promise<TwoFactor | null> {
  const row = await tables(db)
    .selectFrom('two_factor')
    .select(['secret', 'enabled_at', 'last_step'])
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row ? { secret: row.secret, enabled: row.enabled_at !== null, lastStep: Number(row.last_step) } : null
}

export async function isTwoFactorEnabled(db: Db, userId: number): Promise<boolean> {
  return (await twoFactorOf(db, userId))?.enabled ?? false
}

/** Keeps a new secret waiting for its first code; a setup started again replaces it. */
export async function startTwoFactor(db: Db, userId: number, secret: string, now: string): Promise<void> {
  await tables(db)
    .insertInto('two_factor')
    .values({ user_id: userId, secret, enabled_at: null, last_step: 0, created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ secret, enabled_at: null, last_step: 0, created_at: now }))
    .execute()
}

/**
 * Takes the code's time step as used: true for the first request to do so, false when that step or
 * a later one was accepted already (a replayed code, or two requests racing with one code).
 */
export async function acceptStep(db: Db, userId: number, step: number): Promise<boolean> {
  const r = await tables(db)
    .updateTable('two_factor')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Turns two-factor on with a fresh set of recovery codes (their hashes). */
export async function enableTwoFactor(db: Db, userId: number, codes: string[], now: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx.updateTable('two_factor').set({ enabled_at: now }).where('user_id', '=', userId).execute()
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
      await trx
        .insertInto('recovery_codes')
        .values(codes.map((code) => ({ user_id: userId, code_hash: tokenHash(code), used_at: null })))
        .execute()
    })
}

export async function disableTwoFactor(db: Db, userId: number): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
      await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute()
    })
}

/** Uses one recovery code of the account; false when it is not one of theirs or was used. */
export async function useRecoveryCode(db: Db, userId: number, code: string, now: string): Promise<boolean> {
  const r = await tables(db)
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('code_hash', '=', tokenHash(code))
    .where('used_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

export async function unusedRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// ——— log-ins waiting for their second factor ———

export async function createLoginChallenge(
  db: Db,
  token: string,
  c: { userId: number; next: string; expiresAt: string },
): Promise<void> {
  await tables(db)
    .insertInto('login_challenges')
    .values({ token_hash: tokenHash(token), user_id: c.userId, next: c.next, attempts: 0, expires_at: c.expiresAt })
    .execute()
}

export async function findLoginChallenge(
  db: Db,
  token: string,
  now: string,
): Promise<{ userId: number; next: string; attempts: number } | null> {
  const row = await tables(db)
    .selectFrom('login_challenges')
    .select(['user_id', 'next', 'attempts'])
    .where('token_hash', '=', tokenHash(token))
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row ? { userId: row.user_id, next: row.next, attempts: row.attempts } : null
}

/** Counts a wrong code against the challenge; returns the attempts made so far. */
export async function countChallengeAttempt(db: Db, token: string): Promise<number> {
  const row = await tables(db)
    .updateTable('login_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('token_hash', '=', tokenHash(token))
    .returning('attempts')
    .executeTakeFirst()
  return row?.attempts ?? Number.POSITIVE_INFINITY
}

export async function deleteLoginChallenge(db: Db, token: string): Promise<void> {
  await tables(db).deleteFrom('login_challenges').where('token_hash', '=', tokenHash(token)).execute()
}
