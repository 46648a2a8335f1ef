import type { Db } from '../../platform/db/connect.js'
import type { CollectionTables } from './schema.js'

/** A paper a member put in a collection, and when. */
export interface CollectionAdd {
  collectionId: number
  paperId: string
  addedAt: string
}

/**
 * The papers added to these collections during [since, until), oldest first: what a follower of a
 * collection is told about. Only public collections, or the member's own, count (a private
 * collection may have been followed while it was public).
 */
export async function collectionAddsBetween(
  db: Db,
  collectionIds: readonly number[],
  since: string,
  until: string,
): Promise<(CollectionAdd & { ownerId: number; isPublic: boolean; name: string })[]> {
  if (collectionIds.length === 0) return []
  const rows = await db.kysely
    .withTables<CollectionTables>()
    .selectFrom('collection_items as i')
    .innerJoin('collections as c', 'c.id', 'i.collection_id')
    .select(['i.collection_id', 'i.paper_id', 'i.added_at', 'c.user_id', 'c.is_public', 'c.name'])
    .where('i.collection_id', 'in', [...collectionIds])
    .where('i.added_at', '>=', since)
    .where('i.added_at', '<', until)
    .orderBy('i.added_at')
    .execute()
  return rows.map((r) => ({
    collectionId: r.collection_id,
    paperId: r.paper_id,
    addedAt: r.added_at,
    ownerId: r.user_id,
    isPublic: r.is_public === 1,
    name: r.name,
  }))
}
