import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Database } from '../../platform/db/schema.js'
import { withIndexDeferred } from '../../search/deferred-index.js'

/**
 * The catalog's secondary indexes, as the core migration (2026-11-27-01-core.ts) and the features'
 * lookup migrations (follows 2026-12-03-13, categories 2026-12-03-18) create them; bulk-load.test.ts
 * checks that a load ends with exactly the migrations' indexes.
 */
const SECONDARY_INDEXES: { name: string; table: keyof Database; columns: string[] }[] = [
  { name: 'papers_published_at', table: 'papers', columns: ['published_at', 'id'] },
  { name: 'papers_trending_score', table: 'papers', columns: ['trending_score'] },
  { name: 'papers_modified_at', table: 'papers', columns: ['modified_at'] },
  { name: 'featured_on_day', table: 'featured', columns: ['featured_on', 'paper_id'] },
  { name: 'featured_by_submitter', table: 'featured', columns: ['submitted_by', 'featured_on'] },
  { name: 'paper_authors_by_name', table: 'paper_authors', columns: ['name', 'paper_id'] },
  { name: 'papers_created_at', table: 'papers', columns: ['created_at'] },
  { name: 'papers_updated_at', table: 'papers', columns: ['updated_at', 'id'] },
  { name: 'papers_by_primary_published', table: 'papers', columns: ['primary_category', 'published_at'] },
  { name: 'papers_by_primary_updated', table: 'papers', columns: ['primary_category', 'updated_at'] },
]

export interface BulkLoadOptions {
  /**
   * The load hands upsertPapers its texts tokenized (huggingface/import.ts), so writing SQLite's
   * search index batch by batch costs less than writing it whole at the end
   * (search/deferred-index.ts). PostgreSQL's is always written along: its batches build their
   * documents from the rows they write, where writing it whole at the end reads them all back.
   */
  indexAsItGoes: boolean
}

/**
 * Runs a bulk write (an ingest run, an import). Into an empty catalog, the secondary indexes are
 * dropped first and built once at the end, and the search index is written once at the end too,
 * which is several times cheaper than keeping them up to date row by row; a catalog that holds
 * papers keeps them. Indexes missing after a load that was killed are rebuilt by the next bulk
 * write (docs/decisions/0002-one-write-path.md), the search index also by the next start.
 */
export async function withBulkLoad<T>(
  db: Db,
  work: () => Promise<T>,
  options: BulkLoadOptions = { indexAsItGoes: false },
): Promise<T> {
  const empty = !(await db.kysely.selectFrom('papers').select('id').limit(1).executeTakeFirst())
  const asItGoes = options.indexAsItGoes || db.dialect === 'postgres'
  if (!empty) {
    await createSecondaryIndexes(db)
    return withIndexDeferred(db, false, asItGoes, work)
  }
  for (const index of SECONDARY_INDEXES) await db.kysely.schema.dropIndex(index.name).ifExists().execute()
  // On PostgreSQL they build while the search index is finished, on the second core: most of that
  // is one GIN build, which takes one (docs/decisions/0016-search.md). SQLite's rebuild writes
  // from a thread of its own, which a CREATE INDEX on the main connection would block.
  const alongside = db.dialect === 'postgres' ? () => createSecondaryIndexes(db) : undefined
  try {
    return await withIndexDeferred(db, true, asItGoes, work, alongside)
  } finally {
    await createSecondaryIndexes(db)
  }
}

async function createSecondaryIndexes(db: Db): Promise<void> {
  const build = async () => {
    for (const index of SECONDARY_INDEXES) {
      await db.kysely.schema.createIndex(index.name).ifNotExists().on(index.table).columns(index.columns).execute()
    }
  }
  await (db.dialect === 'sqlite' ? withSqliteIndexBuilds(db, build) : build())
}

/**
 * SQLite builds an index by reading its whole table, then sorting the keys. With one helper thread
 * sorting beside it, the ten indexes of a catalog of 1M papers took 11.3 s instead of 13.9, for
 * 33 MB more at the peak; two helpers took no less time (11.6–12.2 s) for 65 MB more. A setting of
 * the connection, put back afterwards. (A memory map of the file read the tables faster still,
 * but its pages count in the process's resident memory: 2.3 GB at 1M papers.)
 */
async function withSqliteIndexBuilds(db: Db, build: () => Promise<void>): Promise<void> {
  const threads = (n: number) => sql.raw(`pragma threads = ${n}`).execute(db.kysely)
  await threads(1)
  try {
    await build()
  } finally {
    await threads(0)
  }
}
