import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeEachDatabase, type TestDb } from '../../../test/support/db.js'
import { migrateToLatest } from '../../migrations.js'
import { connect } from '../../platform/db/connect.js'
import { upsertPapers } from '../upsert.js'
import { withBulkLoad } from './bulk-load.js'

async function indexNames(db: TestDb): Promise<string[]> {
  const query =
    db.dialect === 'sqlite'
      ? sql<{ name: string }>`select name from sqlite_master where type = 'index' order by name`
      : sql<{
          name: string
        }>`select indexname as name from pg_indexes where schemaname = current_schema() order by indexname`
  return (await query.execute(db.kysely)).rows.map((r) => r.name)
}

const record = (id: string) => ({
  id,
  title: `Paper ${id}`,
  publishedAt: '2024-01-01T00:00:00.000Z',
  authors: ['A. Author'],
})

describeEachDatabase('a bulk load', (db) => {
  it('loads an empty catalog without its secondary indexes, then builds exactly the migration’s indexes', async () => {
    const migrated = await indexNames(db())
    expect(migrated).toContain('papers_published_at')
    const during = await withBulkLoad(db(), async () => {
      await upsertPapers(db(), [record('2401.00001'), record('2401.00002')])
      return indexNames(db())
    })
    expect(during).not.toContain('papers_published_at')
    expect(during).not.toContain('featured_on_day')
    expect(during).not.toContain('paper_authors_by_name')
    expect(during).not.toContain('papers_by_primary_updated')
    expect(await indexNames(db())).toEqual(migrated)
  })

  it('keeps the indexes of a catalog that holds papers', async () => {
    const before = await indexNames(db())
    const during = await withBulkLoad(db(), async () => {
      await upsertPapers(db(), [record('2401.00003')])
      return indexNames(db())
    })
    expect(during).toEqual(before)
  })

  it('rebuilds indexes that a killed load left missing', async () => {
    const before = await indexNames(db())
    await db().kysely.schema.dropIndex('papers_trending_score').execute()
    await withBulkLoad(db(), async () => undefined)
    expect(await indexNames(db())).toEqual(before)
  })

  it('builds the indexes even when the load fails', async () => {
    await db().kysely.deleteFrom('paper_authors').execute()
    await db().kysely.deleteFrom('papers').execute()
    const before = await indexNames(db())
    await expect(withBulkLoad(db(), async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full')
    expect(await indexNames(db())).toEqual(before)
  })
})

// SQLite alone: PostgreSQL checkpoints in its own server processes.
it('leaves the WAL of a SQLite file to a checkpointing thread while it runs, and stops it after', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-bulk-checkpoints-'))
  const path = join(dir, 'site.db')
  const db = connect(`sqlite:${path}`)
  try {
    await migrateToLatest(db)
    // The load's own connection never checkpoints: whatever reaches the database file, the thread copied.
    await sql`pragma wal_autocheckpoint = 0`.execute(db.kysely)
    const before = statSync(path).size
    const abstract = 'A long abstract. '.repeat(250) // ~4 KB: a page of its own
    const copied = await withBulkLoad(db, async () => {
      for (let batch = 0; batch < 10; batch++) {
        const ids = Array.from({ length: 50 }, (_, i) => `2401.${String(batch * 50 + i).padStart(5, '0')}`)
        await upsertPapers(
          db,
          ids.map((id) => ({ ...record(id), abstract })),
        )
      }
      return until(() => statSync(path).size > before + 500 * 4000)
    })
    expect(copied).toBe(true)
    // Stopped with the load: later writes stay in the WAL (a server's connection has its own thread).
    await new Promise((resolve) => setTimeout(resolve, 300)) // a pass begun before the end has finished
    const after = statSync(path).size
    await upsertPapers(db, [{ ...record('2402.00001'), abstract }])
    await new Promise((resolve) => setTimeout(resolve, 800)) // three of the thread's intervals
    expect(statSync(path).size).toBe(after)
    const [row] = (await sql<{ n: number }>`select count(*) as n from papers`.execute(db.kysely)).rows
    expect(row!.n).toBe(501)
  } finally {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}, 30_000)

async function until(condition: () => boolean): Promise<boolean> {
  const deadline = Date.now() + 15_000
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
  return condition()
}
