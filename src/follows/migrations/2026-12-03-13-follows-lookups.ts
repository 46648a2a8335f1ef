import type { Kysely } from 'kysely'

// What the author page and the Following page look papers up by: an author's printed name, and when
// a paper arrived in the catalog or got its latest arXiv version ("new since you last looked").
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('paper_authors_by_name').on('paper_authors').columns(['name', 'paper_id']).execute()
  await db.schema.createIndex('papers_created_at').on('papers').column('created_at').execute()
  await db.schema.createIndex('papers_updated_at').on('papers').column('updated_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['papers_updated_at', 'papers_created_at', 'paper_authors_by_name']) {
    await db.schema.dropIndex(index).execute()
  }
}
