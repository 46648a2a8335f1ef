import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Webhooks: a member's endpoints (Slack, Discord, Matrix, JSON), the follows each applies to, and
// the durable outbox of deliveries, once per (webhook, batch, follow).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('webhooks')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('matrix_room', 'text')
    .addColumn('matrix_token', 'text')
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('all_follows', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled_reason', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_delivery_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('webhooks_by_user').on('webhooks').column('user_id').execute()
  await db.schema
    .createTable('webhook_follows')
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('follow_id', 'integer', (c) => c.notNull().references('follows.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('webhook_follows_pk', ['webhook_id', 'follow_id'])
    .execute()
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('delivery_id', 'text', (c) => c.notNull().unique())
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('follow_id', 'integer', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('alert', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', ts)
    .addColumn('next_attempt_at', ts)
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('delivered_at', ts)
    .addUniqueConstraint('webhook_deliveries_once', ['webhook_id', 'batch', 'follow_id'])
    .execute()
  await db.schema
    .createIndex('webhook_deliveries_by_status')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_deliveries', 'webhook_follows', 'webhooks']) await db.schema.dropTable(table).execute()
}
