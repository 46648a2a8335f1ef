import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Db } from '../platform/db/connect.js'
import { siteSecret } from '../platform/secrets.js'
import type { FollowTables } from './schema.js'

/**
 * The token in the address of a member's private Following feed (feed readers cannot sign in):
 * `<user id>-<HMAC of the id and a generation>` under the site's `following-feeds` secret, so the
 * address can be shown again on every visit without storing it, and "reset the link" (the next
 * generation) ends every address made before. Lower-case hex: it sits in a path.
 */

const tables = (db: Db) => db.kysely.withTables<FollowTables>()

const mac = (secret: string, userId: number, generation: number) =>
  createHmac('sha256', secret).update(`following feed ${userId} ${generation}`).digest('hex').slice(0, 32)

async function generationOf(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('following_feeds')
    .select('generation')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.generation ?? 0
}

/** The member's current feed token. */
export async function followingFeedToken(db: Db, userId: number): Promise<string> {
  const secret = await siteSecret(db, 'following-feeds')
  return `${userId}-${mac(secret, userId, await generationOf(db, userId))}`
}

/** Ends the member's feed address: the next token is another. */
export async function resetFollowingFeed(db: Db, userId: number): Promise<void> {
  await tables(db)
    .insertInto('following_feeds')
    .values({ user_id: userId, generation: 1 })
    .onConflict((oc) =>
      oc.column('user_id').doUpdateSet((eb) => ({ generation: eb('following_feeds.generation', '+', 1) })),
    )
    .execute()
}

/** The member a feed token names, or null for a made-up, cut or reset one. */
export async function followingFeedOwner(db: Db, token: string): Promise<number | null> {
  const match = /^(\d{1,9})-([0-9a-f]{32})$/.exec(token)
  if (!match) return null
  const userId = Number(match[1])
  const secret = await siteSecret(db, 'following-feeds')
  const expected = Buffer.from(mac(secret, userId, await generationOf(db, userId)))
  return timingSafeEqual(Buffer.from(match[2]!), expected) ? userId : null
}
