import { type Kysely, PostgresAdapter, sql } from 'kysely'

// A paper an admin took out of the feed (docs/decisions/0023-moderation-and-claims.md): the
// listings, trending, the API's lists and search leave it out; its page stays, with a notice for
// admins. A column on `papers` rather than on `featured`, because hiding is about the paper on
// every day it was featured, and search and the paper lists know papers, not featured days.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  await db.schema
    .alterTable('papers')
    .addColumn('hidden_at', sql.raw(pg ? 'timestamptz' : 'text'))
    .execute()
  // The admin overview lists hidden papers; they are few, so a partial index keeps that a lookup.
  await db.schema
    .createIndex('papers_hidden')
    .on('papers')
    .column('hidden_at')
    .where(sql.ref('hidden_at'), 'is not', null)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('papers_hidden').execute()
  await db.schema.alterTable('papers').dropColumn('hidden_at').execute()
}
