import type { Db } from '../../platform/db/connect.js'
import type { ProfileTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<ProfileTables>()

/** Whether a member shows the papers they upvoted on their profile (not unless they say so). */
export async function areUpvotesPublic(db: Db, userId: number): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('profile_settings')
    .select('upvotes_public')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.upvotes_public === 1
}

export async function setUpvotesPublic(db: Db, userId: number, isPublic: boolean): Promise<void> {
  const value = isPublic ? 1 : 0
  await tables(db)
    .insertInto('profile_settings')
    .values({ user_id: userId, upvotes_public: value })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ upvotes_public: value }))
    .execute()
}
