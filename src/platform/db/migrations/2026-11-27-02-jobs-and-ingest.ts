import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Leases for scheduled jobs. Until 2026-12-02 this also created the ingest feature's tables, hence
// its name, which stays: databases record it as applied. Ingest now creates them in its own
// migration (src/ingest/migrations/), which skips them where this already did.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('leases').execute()
}
