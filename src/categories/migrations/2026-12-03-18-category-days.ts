import type { Kysely } from 'kysely'

// A category's day (docs/decisions/0028-category-views.md) is its papers first published that day
// and those replaced that day. A day's papers are a range of `papers_published_at` and of
// `papers_updated_at`; the latest, previous or next day of a category is first looked up among
// the papers filed under it (`papers_by_primary_*`), which bounds the walk for its cross-lists.
// The index of categories counts papers by primary category from `papers_by_primary_published`.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('papers_updated_at').on('papers').columns(['updated_at', 'id']).execute()
  await db.schema
    .createIndex('papers_by_primary_published')
    .on('papers')
    .columns(['primary_category', 'published_at'])
    .execute()
  await db.schema
    .createIndex('papers_by_primary_updated')
    .on('papers')
    .columns(['primary_category', 'updated_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('papers_by_primary_updated').execute()
  await db.schema.dropIndex('papers_by_primary_published').execute()
  await db.schema.dropIndex('papers_updated_at').execute()
}
