import { type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from './connect.js'
import * as core from './migrations/2026-11-27-01-core.js'
import * as leases from './migrations/2026-11-27-02-jobs-and-ingest.js'

/**
 * The platform's own migrations: the core catalog and job leases. Features bring theirs, and
 * src/migrations.ts hands them all to `applyMigrations`. Listed by hand rather than read from a
 * folder, so a migration can never be missed by a bundler or a stray file; names are dated and
 * each list is append-only.
 */
export const PLATFORM_MIGRATIONS: Record<string, Migration> = {
  '2026-11-27-01-core': core,
  '2026-11-27-02-jobs-and-ingest': leases,
}

/** Applies every pending migration, in name order; returns Kysely's per-migration results. */
export async function applyMigrations(db: Db, migrations: Record<string, Migration>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}
