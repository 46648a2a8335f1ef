/**
 * Rebuilding PostgreSQL's index: every document written anew into a successor table with no
 * secondary index, the GIN index built once over the full table (far cheaper than keeping it up to
 * date row by row), then the successor put in the old table's place in one short transaction.
 * Searches read the old table until then; a paper written meanwhile is written again at the swap.
 */
import { type Compilable, type Kysely, type RawBuilder, sql } from 'kysely'
import { type BulkSession, inBulkSession } from '../../platform/db/bulk-session.js'
import type { Db } from '../../platform/db/connect.js'
import { settleAll } from '../../platform/settle-all.js'
import { currentSeq } from './postgres-candidates.js'
import type { SearchDb } from './postgres-filters.js'
import {
  createDocumentsTable,
  DOCUMENT_INDEXES,
  documentIndexes,
  paperReference,
  type SearchTables,
} from './postgres-schema.js'
import { fillDocuments, writeDocuments } from './postgres-writer.js'

/**
 * Papers per transaction while the successor fills: larger batches keep their documents alive
 * across the COPY long enough to reach the old heap (10,000 peaked at 700 MB of RSS at 30k papers).
 */
const REBUILD_BATCH = 2_000
/** Memory for building the GIN index: more sorts more postings at once (the default is 64 MB). */
const INDEX_BUILD_MEMORY = '512MB'

export async function rebuildPostgresIndex(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const kysely: Kysely<SearchDb> = db.kysely.withTables<SearchTables>()
  // What a rebuild killed halfway left behind.
  await sql`drop table if exists search_documents_next`.execute(kysely)
  await createDocumentsTable(kysely, 'search_documents_next')
  const startSeq = await currentSeq(kysely)
  const { n } = await kysely
    .selectFrom('papers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const total = Number(n)
  let done = 0
  let after = ''
  onProgress?.(0, total)
  for (;;) {
    const batch = await kysely
      .selectFrom('papers')
      .select('id')
      .where('id', '>', after)
      .orderBy('id')
      .limit(REBUILD_BATCH)
      .execute()
    if (batch.length === 0) break
    const ids = batch.map((r) => r.id)
    await inBulkSession(db, (s) => fillDocuments(s, ids))
    after = ids.at(-1)!
    done += ids.length
    onProgress?.(Math.min(done, total), total)
  }
  // Two connections, so the other indexes build on the second core while the GIN of the documents,
  // most of the build, takes the first (CREATE INDEX's share lock lets both read the table).
  const [documents, ...others] = documentIndexes('search_documents_next', '_next')
  await settleAll([buildIndexes(kysely, [documents]), buildIndexes(kysely, others)])
  await inBulkSession(db, (s) => swap(s, startSeq))
  await sql`analyze search_documents`.execute(kysely)
}

async function buildIndexes(kysely: Kysely<SearchDb>, statements: readonly RawBuilder<unknown>[]): Promise<void> {
  await kysely.connection().execute(async (c) => {
    await sql`set maintenance_work_mem = ${sql.lit(INDEX_BUILD_MEMORY)}`.execute(c)
    try {
      for (const statement of statements) await statement.execute(c)
    } finally {
      await sql`reset maintenance_work_mem`.execute(c)
    }
  })
}

/** Puts the successor in place, after writing again what changed while it filled. */
async function swap(s: BulkSession, startSeq: number): Promise<void> {
  const run = (query: Compilable<unknown>) => s.run(query)
  const raw = (statement: ReturnType<typeof sql>) => run({ compile: () => statement.compile(s.kysely) })
  const kysely = s.kysely.withTables<SearchTables>()
  // Writers wait from here to the commit; searches go on reading the old table.
  await raw(sql`lock table search_documents in exclusive mode`)
  const changed = await s.run(
    kysely.selectFrom('search_documents').select('paper_id').where('indexed_seq', '>', startSeq),
  )
  await writeDocuments(
    s,
    'search_documents_next',
    changed.map((r) => r.paper_id),
  )
  await s.run(
    kysely
      .deleteFrom('search_documents_next as n')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('papers as p').select('p.id').whereRef('p.id', '=', 'n.paper_id'))),
      ),
  )
  await raw(sql`drop table search_documents`)
  await raw(sql`alter table search_documents_next rename to search_documents`)
  await raw(sql`alter index search_documents_next_pkey rename to search_documents_pkey`)
  for (const index of DOCUMENT_INDEXES) {
    await raw(
      sql`alter index ${sql.id(`search_documents_${index}_next`)} rename to ${sql.id(`search_documents_${index}`)}`,
    )
  }
  await raw(paperReference('search_documents'))
  // Every list ranks documents that are gone and counts from sequence numbers now rewritten.
  await s.run(kysely.deleteFrom('search_candidates'))
}
