import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Digest subscriptions: one row per address, double opt-in (`pending` until the mailed link is
// confirmed), the reader's preferences, and what ended it (unsubscribed, bounced).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('email_key', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('frequency', 'text', (c) => c.notNull().defaultTo('daily'))
    .addColumn('every_day', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('max_papers', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('confirm_hash', 'text')
    .addColumn('confirm_expires_at', ts)
    .addColumn('bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('confirmed_at', ts)
    .addColumn('ended_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('subscriptions_by_status').on('subscriptions').columns(['status', 'frequency']).execute()
  await db.schema.createIndex('subscriptions_by_confirm').on('subscriptions').column('confirm_hash').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('subscriptions').execute()
}
