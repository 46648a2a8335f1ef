import { type Kysely, PostgresAdapter, sql } from 'kysely'

// What admins did (moderation_log) and who says they wrote which paper (author_claims); see
// docs/decisions/0023-moderation-and-claims.md.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  // Append-only. The actor is kept by id with their username at the time, so that the log still
  // reads after the account is renamed or deleted; the target is text ("paper 2401.00001").
  await db.schema
    .createTable('moderation_log')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('actor_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('moderation_log_by_time').on('moderation_log').columns(['created_at', 'id']).execute()

  // A claim names an author entry by its paper and position, and keeps the name it had, so that a
  // later re-ingest that reorders the authors cannot hand the claim to someone else.
  await db.schema
    .createTable('author_claims')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('author_position', 'integer', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('decided_at', ts)
    .addColumn('decided_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute()
  // One claim per reader per author entry, whatever its status (a rejected claim is not re-filed).
  await db.schema
    .createIndex('author_claims_once')
    .on('author_claims')
    .columns(['paper_id', 'author_position', 'user_id'])
    .unique()
    .execute()
  // One approved claim per author entry: the database decides between two admins approving at once.
  await db.schema
    .createIndex('author_claims_one_approved')
    .on('author_claims')
    .columns(['paper_id', 'author_position'])
    .unique()
    .where(sql.ref('status'), '=', sql.lit('approved'))
    .execute()
  await db.schema.createIndex('author_claims_by_user').on('author_claims').columns(['user_id', 'status']).execute()
  await db.schema.createIndex('author_claims_by_status').on('author_claims').columns(['status', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['author_claims', 'moderation_log']) await db.schema.dropTable(table).execute()
}
