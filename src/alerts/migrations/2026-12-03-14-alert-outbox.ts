import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Alerts: the durable outbox of alert emails (one row per follow and batch, claimed with a lease),
// the papers each follow has alerted about, the batches made so far, and bounces per member.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  await db.schema
    .createTable('alert_outbox')
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('follow_id', 'integer', (c) => c.notNull().references('follows.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', ts)
    .addColumn('next_attempt_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('message_id', 'text')
    .addColumn('alert', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addUniqueConstraint('alert_outbox_once', ['follow_id', 'batch'])
    .execute()
  await db.schema.createIndex('alert_outbox_by_status').on('alert_outbox').columns(['status', 'id']).execute()
  await db.schema
    .createTable('alert_sent_papers')
    .addColumn('follow_id', 'integer', (c) => c.notNull().references('follows.id').onDelete('cascade'))
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('alert_sent_papers_pk', ['follow_id', 'paper_id'])
    .execute()
  // A changed paper (new version, withdrawn) is looked up by paper: which follows sent it.
  await db.schema.createIndex('alert_sent_papers_by_paper').on('alert_sent_papers').column('paper_id').execute()
  await db.schema
    .createTable('alert_batches')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('cadence', 'text', (c) => c.notNull())
    .addColumn('since', ts, (c) => c.notNull())
    .addColumn('until', ts, (c) => c.notNull())
    .addColumn('alerts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    // Null while its alerts are being written: a run that stopped half-way is made again.
    .addColumn('finished_at', ts)
    .execute()
  // Each batch of a cadence starts where the last ended: two instances that made the same next batch
  // at once collide here, and the second writes nothing.
  await db.schema
    .createIndex('alert_batches_chain')
    .on('alert_batches')
    .columns(['cadence', 'since'])
    .unique()
    .execute()
  await db.schema.createIndex('alert_batches_by_cadence').on('alert_batches').columns(['cadence', 'until']).execute()
  await db.schema
    .createTable('alert_bounces')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('bounces', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['alert_bounces', 'alert_batches', 'alert_sent_papers', 'alert_outbox'])
    await db.schema.dropTable(table).execute()
}
