import type { Kysely } from 'kysely'

// The private feed of a member's Following page: its address carries a token derived from the
// member's id and this generation (follows/feed-token.ts); "reset the link" moves the generation on,
// which ends every address made before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('following_feeds')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('following_feeds').execute()
}
