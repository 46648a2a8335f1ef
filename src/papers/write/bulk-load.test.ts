import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { describeEachDatabase, type TestDb } from '../../../test/support/db.js'
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
