import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Account security: two-factor authentication (a TOTP secret and hashed one-time recovery codes)
// and the log-ins waiting for their second factor, kept server-side so that the browser holds only
// a random token for one.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  // One row per account that started setting it up; `enabled_at` is set once a code confirmed it.
  await db.schema
    .createTable('two_factor')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('enabled_at', ts)
    // The last 30-second step a code was accepted for: a code works once, even within its window.
    .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('used_at', ts)
    .execute()
  await db.schema.createIndex('recovery_codes_by_user').on('recovery_codes').column('user_id').execute()

  await db.schema
    .createTable('login_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('next', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['login_challenges', 'recovery_codes', 'two_factor']) await db.schema.dropTable(table).execute()
}
