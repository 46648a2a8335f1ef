import type { Generated } from 'kysely'

/** A member's named reading list; `is_public` 1 shows it to everyone at its address. */
export interface CollectionsTable {
  id: Generated<number>
  user_id: number
  name: string
  description: Generated<string>
  is_public: Generated<number>
  created_at: string
  updated_at: string
}

/** A paper in a collection; the catalog's paper id, without a foreign key like the rest of the community. */
export interface CollectionItemsTable {
  collection_id: number
  paper_id: string
  added_at: string
}

export type CollectionTables = { collections: CollectionsTable; collection_items: CollectionItemsTable }
