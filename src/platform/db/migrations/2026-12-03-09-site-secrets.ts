import type { Kysely } from 'kysely'

// Secrets the site makes for itself on first use (the key that signs links in emails), kept in the
// database so that every instance and every restart signs alike without anyone configuring one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('site_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('site_secrets').execute()
}
