import type { Db } from '../../platform/db/connect.js'
import { forgetFollows } from '../../follows/store.js'
import { forgetSubmitter } from '../submissions/store.js'
import type { AccountSecurityTables } from './security-schema.js'
import { emailKey, isUniqueViolation } from './store.js'
import { tokenHash } from './tokens.js'

/** The writes of the settings page and the mailed links: name, address, password, sessions, deletion. */

const tables = (db: Db) => db.kysely.withTables<AccountSecurityTables>()

/** The stored password hash of a live account, for the forms that ask for the current password. */
export async function passwordHashOf(db: Db, userId: number): Promise<string | null> {
  const row = await tables(db)
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return row?.password_hash ?? null
}

export async function setDisplayName(db: Db, userId: number, displayName: string): Promise<void> {
  await tables(db).updateTable('users').set({ display_name: displayName }).where('id', '=', userId).execute()
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await tables(db).updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
}

/**
 * Moves an account to an address its owner just proved (so it counts as verified); false when
 * another account took the address meanwhile (the unique key decides).
 */
export async function setEmail(db: Db, userId: number, email: string, now: string): Promise<boolean> {
  try {
    await tables(db)
      .updateTable('users')
      .set({ email, email_key: emailKey(email), email_verified_at: now })
      .where('id', '=', userId)
      .where('deleted_at', 'is', null)
      .execute()
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/** A mailed link that is still good (unused, unexpired, for `purpose`), without using it up. */
export async function peekEmailToken(
  db: Db,
  token: string,
  purpose: 'verify' | 'reset' | 'change-email',
  now: string,
): Promise<{ userId: number; email: string } | null> {
  const row = await tables(db)
    .selectFrom('email_tokens')
    .select(['user_id', 'email'])
    .where('token_hash', '=', tokenHash(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row ? { userId: row.user_id, email: row.email } : null
}

/** Voids an account's outstanding links of one kind (older reset links once the password changed). */
export async function deleteEmailTokens(db: Db, userId: number, purpose: 'verify' | 'reset' | 'change-email') {
  await tables(db).deleteFrom('email_tokens').where('user_id', '=', userId).where('purpose', '=', purpose).execute()
}

export interface SessionInfo {
  idHash: string
  userAgent: string | null
  createdAt: string
  lastSeenAt: string
}

/** An account's live sessions, the most recently used first. */
export async function listSessions(db: Db, userId: number, now: string): Promise<SessionInfo[]> {
  const rows = await tables(db)
    .selectFrom('sessions')
    .select(['id_hash', 'user_agent', 'created_at', 'last_seen_at'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .execute()
  return rows.map((r) => ({
    idHash: r.id_hash,
    userAgent: r.user_agent,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
  }))
}

/**
 * Deletes an account as its owner asked: the username stays reserved (and the comments keep
 * showing it as "[deleted]", display-name.ts), while everything that identifies or admits the person
 * goes: the address (its key becomes a placeholder, so the address can sign up again), the
 * password, sessions, tokens, links and two-factor secrets, what they followed, and their name on the
 * papers they submitted.
 */
export async function deleteAccount(db: Db, userId: number, now: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      const placeholder = `deleted-${userId}@deleted.invalid`
      await trx
        .updateTable('users')
        .set({
          email: placeholder,
          email_key: placeholder,
          email_verified_at: null,
          password_hash: '',
          display_name: '',
          deleted_at: now,
        })
        .where('id', '=', userId)
        .execute()
      await trx.deleteFrom('sessions').where('user_id', '=', userId).execute()
      await trx.deleteFrom('email_tokens').where('user_id', '=', userId).execute()
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute()
      await trx.deleteFrom('login_challenges').where('user_id', '=', userId).execute()
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute()
      await trx.deleteFrom('two_factor').where('user_id', '=', userId).execute()
    })
  // Apart from the transaction, as other features' tables: run again, they find nothing left to do.
  await forgetFollows(db, userId)
  await forgetSubmitter(db, userId, now)
}
