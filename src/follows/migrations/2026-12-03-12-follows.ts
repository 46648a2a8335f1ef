import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Follows: authors, categories, saved searches and collections a member follows, with the alert each
// one sends; and when the member last marked the Following page as seen.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('follows')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('qualifiers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('alert', 'text', (c) => c.notNull().defaultTo('off'))
    .addColumn('alert_email', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('follows_once', ['user_id', 'kind', 'target'])
    .execute()
  // Matching a day's ingest walks the follows of one kind (every author follow, every category follow…).
  await db.schema.createIndex('follows_by_kind').on('follows').columns(['kind', 'target']).execute()
  await db.schema
    .createTable('following_seen')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('seen_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['following_seen', 'follows']) await db.schema.dropTable(table).execute()
}
