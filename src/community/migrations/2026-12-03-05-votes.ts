import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Upvotes: one row per reader per paper, so a vote is exactly as durable as its row and a second
// vote by the same reader is a primary-key conflict, never a second count.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('votes')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('votes_pk', ['user_id', 'paper_id'])
    .modifyEnd(pg ? sql`` : sql`without rowid`)
    .execute()
  // A paper's voters (counts checked against the table, removal of a paper).
  await db.schema.createIndex('votes_by_paper').on('votes').column('paper_id').execute()
  // A reader's votes newest first, for their profile.
  await db.schema.createIndex('votes_by_user_time').on('votes').columns(['user_id', 'created_at']).execute()
}
