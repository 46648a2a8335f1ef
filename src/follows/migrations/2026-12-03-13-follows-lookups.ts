import type { Kysely } from 'kysely'

// What the author page and the Following page look papers up by: an author's printed name, and when
// a paper arrived in the catalog ("new since you last looked"); by its latest arXiv version it is found
// through the category views' papers_updated_at (2026-12-03-18-category-days).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('paper_authors_by_name').on('paper_authors').columns(['name', 'paper_id']).execute()
  await db.schema.createIndex('papers_created_at').on('papers').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['papers_created_at', 'paper_authors_by_name']) {
    await db.schema.dropIndex(index).execute()
  }
}
