import { type Kysely, PostgresAdapter, sql } from 'kysely'

// The previews feature's tables: paper thumbnails copied from their source once, and the generated
// preview cards.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  const bytes = sql.raw(pg ? 'bytea' : 'blob')

  await db.schema
    .createTable('thumbnails')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text')
    .addColumn('body', bytes)
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('etag', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('fetched_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('preview_cards')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('png', bytes, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('preview_cards_by_age').on('preview_cards').column('created_at').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['preview_cards', 'thumbnails']) await db.schema.dropTable(table).execute()
}
