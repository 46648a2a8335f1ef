import type { Db } from '../../platform/db/connect.js'
import { chunks, IDS_PER_QUERY } from '../../papers/write/chunks.js'
import type { CollectionTables } from './schema.js'

/** A member who keeps a paper in one of their collections (public or private), since when, and in which. */
export interface PaperHolder {
  userId: number
  paperId: string
  /** When they first put it in any of their collections. */
  addedAt: string
  /** The collection it went into first. */
  collection: string
}

/**
 * Every member who keeps one of these papers in a collection, once per member and paper: whom a
 * new version or a withdrawal of the paper concerns (alerts, docs/decisions/0026-alerts.md).
 */
export async function paperHolders(db: Db, paperIds: readonly string[]): Promise<PaperHolder[]> {
  const first = new Map<string, PaperHolder>()
  for (const ids of chunks([...paperIds], IDS_PER_QUERY)) {
    const rows = await db.kysely
      .withTables<CollectionTables>()
      .selectFrom('collection_items as i')
      .innerJoin('collections as c', 'c.id', 'i.collection_id')
      .select(['c.user_id', 'i.paper_id', 'i.added_at', 'c.name'])
      .where('i.paper_id', 'in', ids)
      .orderBy('i.added_at')
      .orderBy('c.id')
      .execute()
    for (const r of rows) {
      const key = `${r.user_id} ${r.paper_id}`
      if (!first.has(key))
        first.set(key, { userId: r.user_id, paperId: r.paper_id, addedAt: r.added_at, collection: r.name })
    }
  }
  return [...first.values()]
}
