import type { Db } from '../../platform/db/connect.js'
import { preparedQuery } from '../../platform/db/prepared.js'
import type { AccountTables, EmailTokensTable } from '../schema.js'
import { tokenHash } from './tokens.js'

const tables = (db: Db) => db.kysely.withTables<AccountTables>()

export interface User {
  id: number
  username: string
  displayName: string
  email: string
  emailVerified: boolean
  role: 'user' | 'admin'
  banned: boolean
  createdAt: string
}

export interface NewUser {
  username: string
  displayName: string
  email: string
  passwordHash: string
  /** Set when the address was proven by the link that creates the account. */
  verifiedAt: string | null
}

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'email',
  'email_verified_at',
  'role',
  'banned_at',
  'created_at',
] as const

type UserRow = {
  id: number
  username: string
  display_name: string
  email: string
  email_verified_at: string | null
  role: 'user' | 'admin'
  banned_at: string | null
  created_at: string
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  email: r.email,
  emailVerified: r.email_verified_at !== null,
  role: r.role,
  banned: r.banned_at !== null,
  createdAt: r.created_at,
})

export const usernameKey = (username: string) => username.toLowerCase()
export const emailKey = (email: string) => email.trim().toLowerCase()

/**
 * Creates an account; the first account of a site is its admin. Returns null when the name or the
 * address is taken (also by a concurrent sign-up: the unique keys decide).
 */
export async function createUser(db: Db, user: NewUser, now: string): Promise<User | null> {
  try {
    return await tables(db)
      .transaction()
      .execute(async (trx) => {
        const first = (await trx.selectFrom('users').select('id').limit(1).executeTakeFirst()) === undefined
        const row = await trx
          .insertInto('users')
          .values({
            username: user.username,
            username_key: usernameKey(user.username),
            display_name: user.displayName,
            email: user.email,
            email_key: emailKey(user.email),
            email_verified_at: user.verifiedAt,
            password_hash: user.passwordHash,
            role: first ? 'admin' : 'user',
            banned_at: null,
            deleted_at: null,
            created_at: now,
          })
          .returning(USER_COLUMNS)
          .executeTakeFirstOrThrow()
        return toUser(row)
      })
  } catch (error) {
    if (isUniqueViolation(error)) return null
    throw error
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string }
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

const liveUsers = (db: Db) => tables(db).selectFrom('users').where('deleted_at', 'is', null)

export async function findUserByName(db: Db, username: string): Promise<User | null> {
  const row = await liveUsers(db)
    .select(USER_COLUMNS)
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst()
  return row ? toUser(row) : null
}

export async function findUserByEmail(db: Db, email: string): Promise<User | null> {
  const row = await liveUsers(db).select(USER_COLUMNS).where('email_key', '=', emailKey(email)).executeTakeFirst()
  return row ? toUser(row) : null
}

export async function findUserById(db: Db, id: number): Promise<User | null> {
  const row = await liveUsers(db).select(USER_COLUMNS).where('id', '=', id).executeTakeFirst()
  return row ? toUser(row) : null
}

export async function isUsernameTaken(db: Db, username: string): Promise<boolean> {
  // Deleted accounts keep their name, so that nobody takes over a departed member's old comments.
  const row = await tables(db)
    .selectFrom('users')
    .select('id')
    .where('username_key', '=', usernameKey(username))
    .executeTakeFirst()
  return row !== undefined
}

/** The account a log-in names (by username or email) with its password hash, or null. */
export async function findLogin(db: Db, login: string): Promise<{ user: User; passwordHash: string } | null> {
  const byEmail = login.includes('@')
  const row = await liveUsers(db)
    .select([...USER_COLUMNS, 'password_hash'])
    .where(byEmail ? 'email_key' : 'username_key', '=', byEmail ? emailKey(login) : usernameKey(login))
    .executeTakeFirst()
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null
}

// ——— sessions ———

export interface SessionUser extends User {
  sessionHash: string
  lastSeenAt: string
}

export async function createSession(
  db: Db,
  token: string,
  userId: number,
  times: { now: string; expiresAt: string },
  userAgent: string | null,
): Promise<void> {
  await tables(db)
    .insertInto('sessions')
    .values({
      id_hash: tokenHash(token),
      user_id: userId,
      created_at: times.now,
      last_seen_at: times.now,
      expires_at: times.expiresAt,
      user_agent: userAgent?.slice(0, 300) ?? null,
    })
    .execute()
}

/** The live, unbanned account a session cookie belongs to, or null. */
export async function findSessionUser(db: Db, token: string, now: string): Promise<SessionUser | null> {
  const [row] = (await sessionUser(db.kysely, { idHash: tokenHash(token), now })).rows
  return row ? { ...toUser(row), sessionHash: row.id_hash, lastSeenAt: row.last_seen_at } : null
}

// Prepared (platform/db/prepared.ts): every request of a signed-in reader runs it.
const sessionUser = preparedQuery((kysely, p: { idHash: string; now: string }) =>
  kysely
    .withTables<AccountTables>()
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.email_verified_at',
      'users.role',
      'users.banned_at',
      'users.created_at',
      'sessions.id_hash',
      'sessions.last_seen_at',
    ])
    .where('sessions.id_hash', '=', p.idHash)
    .where('sessions.expires_at', '>', p.now)
    .where('users.deleted_at', 'is', null)
    .where('users.banned_at', 'is', null),
)

/** Slides a session's expiry forward (done at most hourly, not on every request). */
export async function touchSession(db: Db, sessionHash: string, now: string, expiresAt: string): Promise<void> {
  await tables(db)
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: expiresAt })
    .where('id_hash', '=', sessionHash)
    .execute()
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await tables(db).deleteFrom('sessions').where('id_hash', '=', tokenHash(token)).execute()
}

/** Ends every session of an account ("log out everywhere", a ban, a password change). */
export async function deleteSessionsOf(db: Db, userId: number, except?: string): Promise<void> {
  let q = tables(db).deleteFrom('sessions').where('user_id', '=', userId)
  if (except) q = q.where('id_hash', '!=', tokenHash(except))
  await q.execute()
}

// ——— one-time email links ———

export async function createEmailToken(
  db: Db,
  token: string,
  t: Omit<EmailTokensTable, 'token_hash' | 'used_at'>,
): Promise<void> {
  await tables(db)
    .insertInto('email_tokens')
    .values({ ...t, token_hash: tokenHash(token), used_at: null })
    .execute()
}

/**
 * Uses a mailed link once: marks it used and returns it, or null when it is unknown, used, expired
 * or meant for something else. The update's condition makes two clicks at once count once.
 */
export async function consumeEmailToken(
  db: Db,
  token: string,
  purpose: EmailTokensTable['purpose'],
  now: string,
): Promise<{ userId: number; email: string } | null> {
  const hash = tokenHash(token)
  const used = await tables(db)
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst()
  return used ? { userId: used.user_id, email: used.email } : null
}

export async function markEmailVerified(db: Db, userId: number, now: string): Promise<void> {
  await tables(db)
    .updateTable('users')
    .set({ email_verified_at: now })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute()
}

// ——— what admins change (community/moderation) ———

/** Bans or lifts a ban; false when there is no such live account. Sessions end separately (deleteSessionsOf). */
export async function setUserBanned(db: Db, userId: number, banned: boolean, now: string): Promise<boolean> {
  const r = await tables(db)
    .updateTable('users')
    .set({ banned_at: banned ? now : null })
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Makes an account an admin (`paperboy admin promote`). */
export async function setUserRole(db: Db, userId: number, role: User['role']): Promise<void> {
  await tables(db).updateTable('users').set({ role }).where('id', '=', userId).execute()
}

/** The banned accounts, most recently banned first. */
export async function listBannedUsers(db: Db, limit: number): Promise<User[]> {
  const rows = await liveUsers(db)
    .select(USER_COLUMNS)
    .where('banned_at', 'is not', null)
    .orderBy('banned_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toUser)
}

/** Live accounts by id, for lists that name their people (claims, logs). */
export async function findUsersByIds(db: Db, ids: readonly number[]): Promise<Map<number, User>> {
  if (ids.length === 0) return new Map()
  const rows = await liveUsers(db)
    .select(USER_COLUMNS)
    .where('id', 'in', [...new Set(ids)])
    .execute()
  return new Map(rows.map((r) => [r.id, toUser(r)]))
}

/** Live accounts by username (any case), keyed by the lower-cased name (usernameKey). */
export async function findUsersByNames(db: Db, names: readonly string[]): Promise<Map<string, User>> {
  const keys = [...new Set(names.map(usernameKey))]
  if (keys.length === 0) return new Map()
  const rows = await liveUsers(db).select(USER_COLUMNS).where('username_key', 'in', keys).execute()
  return new Map(rows.map((r) => [usernameKey(r.username), toUser(r)]))
}
