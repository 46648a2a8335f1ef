import type { MiddlewareHandler } from 'hono'
import type { Db } from '../../platform/db/connect.js'
import { preparedQuery } from '../../platform/db/prepared.js'
import { HttpError } from '../../platform/http/http-error.js'
import { currentViewer, runAsViewer, type Viewer } from '../../platform/http/viewer.js'
import type { AccountTables } from '../schema.js'
import { newToken, tokenHash } from './tokens.js'
import { viewerOf } from './viewer-middleware.js'

const tables = (db: Db) => db.kysely.withTables<AccountTables>()

/** Tokens start with a prefix so that secret scanners (and people) can tell what leaked. */
export const TOKEN_PREFIX = 'pb_'
const TOUCH_EVERY_MS = 60 * 60_000

export interface ApiToken {
  id: number
  name: string
  createdAt: string
  lastUsedAt: string | null
}

/** Makes a token; its secret is returned this once and only its hash is kept. */
export async function createApiToken(
  db: Db,
  userId: number,
  name: string,
  now: string,
): Promise<{ token: string; id: number }> {
  const token = `${TOKEN_PREFIX}${newToken()}`
  const row = await tables(db)
    .insertInto('api_tokens')
    .values({
      user_id: userId,
      name,
      token_hash: tokenHash(token),
      created_at: now,
      last_used_at: null,
      revoked_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { token, id: row.id }
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await tables(db)
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at }))
}

/** Revokes one of `userId`'s tokens; false when they have no such live token. */
export async function revokeApiToken(db: Db, userId: number, id: number, now: string): Promise<boolean> {
  const r = await tables(db)
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/**
 * Serves `/api/v1` requests that present `Authorization: Bearer pb_…` as the token's owner. A
 * token that is unknown, revoked, or whose owner is banned or gone is a 401 at once, so that a
 * client learns its token is dead instead of being served as anonymous.
 */
export function apiTokenAuth(db: Db, now: () => number = Date.now): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization')
    if (!header) return next()
    const token = /^Bearer\s+(pb_[A-Za-z0-9_-]{43})$/.exec(header)?.[1]
    if (!token) throw unauthorized('The Authorization header must be "Bearer pb_…", a token from your settings page.')
    const at = new Date(now()).toISOString()
    const [row] = (await tokenOwner(db.kysely, { tokenHash: tokenHash(token) })).rows
    if (!row) throw unauthorized('This token is unknown or was revoked. Make a new one on your settings page.')
    if (!row.last_used_at || Date.parse(at) - Date.parse(row.last_used_at) > TOUCH_EVERY_MS) {
      await tables(db).updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', row.token_id).execute()
    }
    const user = { ...row, displayName: row.display_name, emailVerified: row.email_verified_at !== null }
    // A token request carries no cookie, so there is no cross-site request to forge: no CSRF token.
    return runAsViewer(viewerOf(user, ''), next)
  }
}

// Prepared (platform/db/prepared.ts): every request that presents a token runs it.
const tokenOwner = preparedQuery((kysely, p: { tokenHash: string }) =>
  kysely
    .withTables<AccountTables>()
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.last_used_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.email_verified_at',
    ])
    .where('api_tokens.token_hash', '=', p.tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.deleted_at', 'is', null)
    .where('users.banned_at', 'is', null),
)

/** The token's owner, for an API write; a 401 that says how to authenticate otherwise. */
export function requireApiViewer(opts: { verified?: boolean } = {}): Viewer {
  const viewer = currentViewer()
  if (!viewer)
    throw unauthorized(
      'This needs a personal access token: Authorization: Bearer pb_… (make one on your settings page).',
    )
  if (opts.verified && !viewer.emailVerified) throw new HttpError(403, 'Confirm your account’s email address first.')
  return viewer
}

const unauthorized = (message: string) =>
  new HttpError(401, message, { headers: { 'WWW-Authenticate': 'Bearer realm="paperboy"' } })

/** Who owns a live token: the settings page answers 403 for someone else's and 404 for none. */
export async function apiTokenOwner(db: Db, id: number): Promise<number | null> {
  const row = await tables(db)
    .selectFrom('api_tokens')
    .select('user_id')
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return row?.user_id ?? null
}
