import { type Kysely, PostgresAdapter } from 'kysely'
import { createPostgresIndex } from '../engines/postgres.js'
import { createSqliteIndex } from '../engines/sqlite.js'

// The search feature's index: each engine's own tables, filled from the catalog.
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await createPostgresIndex(db)
  else await createSqliteIndex(db)
}
