import type { Selectable } from 'kysely'
import type { Db } from '../platform/db/connect.js'
import type { AlertCadence, FollowKind, FollowTables, FollowsTable } from './schema.js'
import { readQualifiers } from './target.js'

/** One thing a member follows, as pages show it. */
export interface Follow {
  id: number
  userId: number
  kind: FollowKind
  target: string
  /** For an author: co-authors and categories that tell them from namesakes; empty otherwise. */
  qualifiers: string[]
  label: string
  alert: AlertCadence
  alertEmail: boolean
  createdAt: string
}

/** What a follow form sends, checked (target.ts). */
export interface FollowFields {
  kind: FollowKind
  target: string
  label: string
  qualifiers: string[]
}

const tables = (db: Db) => db.kysely.withTables<FollowTables>()

const toFollow = (r: Selectable<FollowsTable>): Follow => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  target: r.target,
  qualifiers: readQualifiers(r.qualifiers),
  label: r.label,
  alert: r.alert,
  alertEmail: r.alert_email === 1,
  createdAt: r.created_at,
})

/**
 * Follows something, or changes how (an author's qualifiers) when it is followed already: sending
 * the form twice is harmless. Its alert settings are kept.
 */
export async function follow(db: Db, userId: number, fields: FollowFields, now: string): Promise<void> {
  const qualifiers = JSON.stringify(fields.qualifiers)
  await tables(db)
    .insertInto('follows')
    .values({ user_id: userId, ...fields, qualifiers, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['user_id', 'kind', 'target']).doUpdateSet({ qualifiers, label: fields.label, updated_at: now }),
    )
    .execute()
}

export async function unfollow(db: Db, userId: number, kind: FollowKind, target: string): Promise<void> {
  await tables(db)
    .deleteFrom('follows')
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target', '=', target)
    .execute()
}

export async function findFollow(db: Db, userId: number, kind: FollowKind, target: string): Promise<Follow | null> {
  const row = await tables(db)
    .selectFrom('follows')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('target', '=', target)
    .executeTakeFirst()
  return row ? toFollow(row) : null
}

/** A member's follows, newest first; not the standing one of their own collections (collected.ts). */
export async function listFollows(db: Db, userId: number): Promise<Follow[]> {
  const rows = await tables(db)
    .selectFrom('follows')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '!=', 'collected')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return rows.map(toFollow)
}

export async function countFollows(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('follows')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('kind', '!=', 'collected')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Sets one of the member's follows' alert (the collected papers' one too); false when they have no such follow. */
export async function setAlert(
  db: Db,
  userId: number,
  id: number,
  alert: { cadence: AlertCadence; email: boolean },
  now: string,
): Promise<boolean> {
  const r = await tables(db)
    .updateTable('follows')
    .set({ alert: alert.cadence, alert_email: alert.email ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Removes one of the member's follows; false when they have no such follow. */
export async function unfollowById(db: Db, userId: number, id: number): Promise<boolean> {
  const r = await tables(db)
    .deleteFrom('follows')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('kind', '!=', 'collected')
    .executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}

/** One of the member's follows by id (not the standing one of their collections), or null. */
export async function findFollowById(db: Db, userId: number, id: number): Promise<Follow | null> {
  const row = await tables(db)
    .selectFrom('follows')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('kind', '!=', 'collected')
    .executeTakeFirst()
  return row ? toFollow(row) : null
}

/** When the member last marked the Following page as seen; null before the first time. */
export async function seenAt(db: Db, userId: number): Promise<string | null> {
  const row = await tables(db)
    .selectFrom('following_seen')
    .select('seen_at')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.seen_at ?? null
}

export async function markSeen(db: Db, userId: number, now: string): Promise<void> {
  await tables(db)
    .insertInto('following_seen')
    .values({ user_id: userId, seen_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ seen_at: now }))
    .execute()
}

/** Forgets everything a member followed: part of deleting their account (accounts/account-changes.ts). */
export async function forgetFollows(db: Db, userId: number): Promise<void> {
  await tables(db).deleteFrom('follows').where('user_id', '=', userId).execute()
  await tables(db).deleteFrom('following_seen').where('user_id', '=', userId).execute()
  await tables(db).deleteFrom('following_feeds').where('user_id', '=', userId).execute()
}
