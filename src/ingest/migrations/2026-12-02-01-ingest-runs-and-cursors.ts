import { type Kysely, PostgresAdapter, sql } from 'kysely'

// The ingest feature's run records and resumable positions. Databases migrated before ingest had
// migrations of its own got these tables from the platform's 2026-11-27-02-jobs-and-ingest, so
// this creates only what is missing.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  await db.schema
    .createTable('ingest_runs')
    .ifNotExists()
    .addColumn('id', pg ? 'bigserial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .addColumn('added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('problems', 'text')
    .execute()
  await db.schema
    .createIndex('ingest_runs_by_source')
    .ifNotExists()
    .on('ingest_runs')
    .columns(['source', 'started_at'])
    .execute()

  await db.schema
    .createTable('ingest_cursors')
    .ifNotExists()
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('ingest_cursors_pk', ['source', 'scope'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ingest_cursors', 'ingest_runs']) await db.schema.dropTable(table).execute()
}
