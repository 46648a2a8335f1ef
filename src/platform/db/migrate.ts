import { type Migration, type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from './connect.js'
import * as core from './migrations/2026-11-27-01-core.js'
import * as jobsAndIngest from './migrations/2026-11-27-02-jobs-and-ingest.js'
import * as previews from './migrations/2026-12-02-01-previews.js'

// Listed by hand rather than read from the folder, so a migration can never be missed by a
// bundler or a stray file; names are dated and the list is append-only.
const migrations: Record<string, Migration> = {
  '2026-11-27-01-core': core,
  '2026-11-27-02-jobs-and-ingest': jobsAndIngest,
  '2026-12-02-01-previews': previews,
}

/** Applies every pending migration; returns Kysely's per-migration results. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } })
  const result = await migrator.migrateToLatest()
  if (result.error) throw result.error
  return result
}
