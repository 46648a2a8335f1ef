import type { Db } from '../../platform/db/connect.js'
import type { CollectionFields } from './validation.js'
import type { CollectionTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<CollectionTables>()

export interface Collection {
  id: number
  userId: number
  name: string
  description: string
  isPublic: boolean
  paperCount: number
  createdAt: string
  updatedAt: string
}

const withCounts = (db: Db) =>
  tables(db)
    .selectFrom('collections as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('collection_items as i')
        .whereRef('i.collection_id', '=', 'c.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('paper_count'),
    )

type Row = {
  id: number
  user_id: number
  name: string
  description: string
  is_public: number
  created_at: string
  updated_at: string
  paper_count: number | null
}

const toCollection = (r: Row): Collection => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  description: r.description,
  isPublic: r.is_public === 1,
  paperCount: Number(r.paper_count ?? 0),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export async function createCollection(
  db: Db,
  userId: number,
  fields: CollectionFields,
  now: string,
): Promise<Collection> {
  const row = await tables(db)
    .insertInto('collections')
    .values({
      user_id: userId,
      name: fields.name,
      description: fields.description,
      is_public: fields.isPublic ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return toCollection({ ...row, paper_count: 0 })
}

export async function findCollection(db: Db, id: number): Promise<Collection | null> {
  const row = await withCounts(db).where('c.id', '=', id).executeTakeFirst()
  return row ? toCollection(row) : null
}

/** A member's collections, most recently changed first; only the public ones unless `all`. */
export async function listCollections(db: Db, userId: number, opts: { all: boolean }): Promise<Collection[]> {
  const rows = await withCounts(db)
    .where('c.user_id', '=', userId)
    .$if(!opts.all, (qb) => qb.where('c.is_public', '=', 1))
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute()
  return rows.map(toCollection)
}

export async function countCollections(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('collections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function updateCollection(
  db: Db,
  id: number,
  fields: Partial<CollectionFields>,
  now: string,
): Promise<void> {
  await tables(db)
    .updateTable('collections')
    .set({
      ...(fields.name !== undefined && { name: fields.name }),
      ...(fields.description !== undefined && { description: fields.description }),
      ...(fields.isPublic !== undefined && { is_public: fields.isPublic ? 1 : 0 }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute()
}

export async function deleteCollection(db: Db, id: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    const t = trx.withTables<CollectionTables>()
    await t.deleteFrom('collection_items').where('collection_id', '=', id).execute()
    await t.deleteFrom('collections').where('id', '=', id).execute()
  })
}

/** Adds a paper (again is harmless); false when it was there already. */
export async function addToCollection(db: Db, id: number, paperId: string, now: string): Promise<boolean> {
  const r = await tables(db)
    .insertInto('collection_items')
    .values({ collection_id: id, paper_id: paperId, added_at: now })
    .onConflict((oc) => oc.columns(['collection_id', 'paper_id']).doNothing())
    .executeTakeFirst()
  await tables(db).updateTable('collections').set({ updated_at: now }).where('id', '=', id).execute()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Removes a paper (one that is not there is harmless). */
export async function removeFromCollection(db: Db, id: number, paperId: string, now: string): Promise<void> {
  const r = await tables(db)
    .deleteFrom('collection_items')
    .where('collection_id', '=', id)
    .where('paper_id', '=', paperId)
    .executeTakeFirst()
  if (Number(r.numDeletedRows) > 0)
    await tables(db).updateTable('collections').set({ updated_at: now }).where('id', '=', id).execute()
}

/** The papers of a collection, most recently added first. */
export async function collectionPaperIds(
  db: Db,
  id: number,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('collection_items')
    .select('paper_id')
    .where('collection_id', '=', id)
    .orderBy('added_at', 'desc')
    .orderBy('paper_id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => r.paper_id)
}

/** The papers a member put in any of their collections, most recently added first (the digest's "for you"). */
export async function recentlyCollected(
  db: Db,
  userId: number,
  limit: number,
): Promise<{ paperId: string; addedAt: string }[]> {
  const rows = await tables(db)
    .selectFrom('collection_items as i')
    .innerJoin('collections as c', 'c.id', 'i.collection_id')
    .select(['i.paper_id', 'i.added_at'])
    .where('c.user_id', '=', userId)
    .orderBy('i.added_at', 'desc')
    .orderBy('i.paper_id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ paperId: r.paper_id, addedAt: r.added_at }))
}

/** Which of a member's collections hold a paper: what the paper page shows them. */
export async function collectionsHolding(db: Db, userId: number, paperId: string): Promise<Set<number>> {
  const rows = await tables(db)
    .selectFrom('collection_items as i')
    .innerJoin('collections as c', 'c.id', 'i.collection_id')
    .select('c.id')
    .where('c.user_id', '=', userId)
    .where('i.paper_id', '=', paperId)
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** The newest `limit` papers of a collection with when each was added: what its feed lists. */
export async function collectionItems(
  db: Db,
  id: number,
  limit: number,
): Promise<{ paperId: string; addedAt: string }[]> {
  const rows = await tables(db)
    .selectFrom('collection_items')
    .select(['paper_id', 'added_at'])
    .where('collection_id', '=', id)
    .orderBy('added_at', 'desc')
    .orderBy('paper_id')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ paperId: r.paper_id, addedAt: r.added_at }))
}

/** Papers added to any of `ids` (collections) at or after `since`, newest first: the Following page's look. */
export async function itemsAddedSince(
  db: Db,
  ids: readonly number[],
  since: string,
  limit: number,
): Promise<{ collectionId: number; paperId: string; addedAt: string }[]> {
  if (ids.length === 0) return []
  const rows = await tables(db)
    .selectFrom('collection_items')
    .select(['collection_id', 'paper_id', 'added_at'])
    .where('collection_id', 'in', [...ids])
    .where('added_at', '>=', since)
    .orderBy('added_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ collectionId: r.collection_id, paperId: r.paper_id, addedAt: r.added_at }))
}

/** When each of `paperIds` was added to a collection: what a paper's "new version" flag compares with. */
export async function addedDates(db: Db, id: number, paperIds: readonly string[]): Promise<Map<string, string>> {
  if (paperIds.length === 0) return new Map()
  const rows = await tables(db)
    .selectFrom('collection_items')
    .select(['paper_id', 'added_at'])
    .where('collection_id', '=', id)
    .where('paper_id', 'in', [...paperIds])
    .execute()
  return new Map(rows.map((r) => [r.paper_id, r.added_at]))
}
