import type { Kysely } from 'kysely'

// A category's day (docs/decisions/0028-category-views.md) is its papers first published that day
// and those replaced that day. Published days walk `papers_published_at`; replaced days walk this
// one, so finding a category's latest, previous or next day reads the newest rows first instead of
// scanning the catalog. The index of categories walks `papers_by_primary_category`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('papers_updated_at').on('papers').columns(['updated_at', 'id']).execute()
  await db.schema.createIndex('papers_by_primary_category').on('papers').column('primary_category').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('papers_by_primary_category').execute()
  await db.schema.dropIndex('papers_updated_at').execute()
}
