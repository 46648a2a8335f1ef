import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Comments on papers, threaded by `parent_id`. A deleted comment keeps its row (its replies stay in
// place) with its text cleared; a hidden one keeps its text for the admins who may unhide it.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  await db.schema
    .createTable('comments')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    // Removing the demo set deletes its papers; their discussions go with them.
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    // Accounts are never deleted, only marked (users.deleted_at): their comments stay, as "[deleted]".
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('edited_at', ts)
    .addColumn('deleted_at', ts)
    .addColumn('hidden_at', ts)
    .execute()
  // A paper's thread is read whole, in order; a profile lists one member's comments, newest first.
  await db.schema.createIndex('comments_by_paper').on('comments').columns(['paper_id', 'id']).execute()
  await db.schema.createIndex('comments_by_user').on('comments').columns(['user_id', 'id']).execute()
  await db.schema.createIndex('comments_by_parent').on('comments').column('parent_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('comments').execute()
}
