import { type Kysely, PostgresAdapter, sql } from 'kysely'

// The durable outbox: one row per (subscription, period), claimed with a lease, sent, marked; and the
// papers each subscriber was sent, so that no paper ever reaches them twice.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('digest_outbox')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', ts)
    .addColumn('next_attempt_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('papers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addUniqueConstraint('digest_outbox_once', ['subscription_id', 'period'])
    .execute()
  await db.schema.createIndex('digest_outbox_by_status').on('digest_outbox').columns(['status', 'id']).execute()
  await db.schema.createIndex('digest_outbox_by_period').on('digest_outbox').columns(['period', 'status']).execute()
  await db.schema
    .createTable('digest_sent_papers')
    .addColumn('subscription_id', 'integer', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_sent_papers_pk', ['subscription_id', 'paper_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['digest_sent_papers', 'digest_outbox']) await db.schema.dropTable(table).execute()
}
