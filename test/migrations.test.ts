import { expect, it } from 'vitest'
import { startRun } from '../src/ingest/store.js'
import { migrateToLatest } from '../src/migrations.js'
import { describeEachDatabase } from './support/db.js'

const INGEST_MIGRATION = '2026-12-02-01-ingest-runs-and-cursors'

describeEachDatabase('migrations', (db) => {
  it('take a database from before ingest had its own migration forward, keeping its runs', async () => {
    // Such a database got the ingest tables from the platform's 2026-11-27-02-jobs-and-ingest and
    // has no record of ingest's migration.
    const migrations = db().kysely.withTables<{ kysely_migration: { name: string } }>()
    await migrations.deleteFrom('kysely_migration').where('name', '=', INGEST_MIGRATION).execute()
    const runId = await startRun(db(), 'snapshot', 'before', 'manual')

    const { results } = await migrateToLatest(db())

    expect(results?.map((r) => [r.migrationName, r.status])).toEqual([[INGEST_MIGRATION, 'Success']])
    const names = await migrations.selectFrom('kysely_migration').select('name').orderBy('name').execute()
    expect(names.map((r) => r.name)).toContain(INGEST_MIGRATION)
    expect(await startRun(db(), 'snapshot', 'after', 'manual')).toBe(runId + 1)
  })

  it('are up to date after a second run', async () => {
    const { results } = await migrateToLatest(db())
    expect(results).toEqual([])
  })
})
