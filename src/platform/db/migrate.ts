import { type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from './connect.js'
import * as core from './migrations/2026-11-27-01-core.js'
import * as leases from './migrations/2026-11-27-02-jobs-and-ingest.js'
import * as demoSet from './migrations/2026-12-02-01-demo-set.js'
import * as siteSecrets from './migrations/2026-12-03-09-site-secrets.js'
import * as hiddenPapers from './migrations/2026-12-03-08-hidden-papers.js'
import * as localActivity from './migrations/2026-12-03-05-local-activity.js'

/**
 * The platform's own migrations: the core catalog and job leases. Features bring theirs, and
 * src/migrations.ts hands them all to `applyMigrations`. Listed by hand rather than read from a
 * folder, so a migration can never be missed by a bundler or a stray file; names are dated and
 * each list is append-only.
 */
export const PLATFORM_MIGRATIONS: Record<string, Migration> = {
  '2026-11-27-01-core': core,
  '2026-11-27-02-jobs-and-ingest': leases,
  '2026-12-02-01-demo-set': demoSet,
  '2026-12-03-09-site-secrets': siteSecrets,
  '2026-12-03-08-hidden-papers': hiddenPapers,
  '2026-12-03-05-local-activity': localActivity,
}

/** Applies every pending migration, in name order; returns Kysely's per-migration results. */
export async function applyMigrations(db: Db, migrations: Record<string, Migration>): Promise<MigrationResultSet> {
  const result = await migratorOf(db, migrations).migrateToLatest()
  if (result.error) throw result.error
  return result
}

/** The names of the migrations this code knows that the database has not applied yet. */
export async function pendingMigrations(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  const known = await migratorOf(db, migrations).getMigrations()
  return known.filter((m) => m.executedAt === undefined).map((m) => m.name)
}

// Features add migrations of their own, dated when they were written, so a database may meet a
// new migration whose name sorts before one it has already run: apply it rather than refuse.
const migratorOf = (db: Db, migrations: Record<string, Migration>) =>
  new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: true })
