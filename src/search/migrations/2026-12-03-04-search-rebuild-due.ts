import type { Kysely } from 'kysely'

// A row while the search index waits to be written whole: from the start of a bulk load that
// leaves it to the end, until that write is done (search/deferred-index.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_rebuild_due')
    .addColumn('since', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_rebuild_due').execute()
}
