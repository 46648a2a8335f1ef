/**
 * Rebuilding PostgreSQL's index: every document written anew into a successor table with no
 * secondary index, the GIN index built once over the full table (far cheaper than keeping it up to
 * date row by row), then the successor put in the old table's place in one short transaction.
 * Searches read the old table until then; a paper written meanwhile is written again at the swap.
 * A first load into an empty catalog fills the successor from its own batches instead, as they land.
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
import { fillDocuments, writeDocuments, writingIntoSuccessor } from './postgres-writer.js'

/**
 * Papers per transaction while the successor fills: larger batches keep their documents alive
 * across the COPY long enough to reach the old heap (10,000 peaked at 700 MB of RSS at 30k papers).
 */
const REBUILD_BATCH = 2_000
/**
 * Memory for building the GIN index. Less is faster: the build collects postings in a red-black
 * tree of lexemes until this memory is full, and every posting added costs a walk down that tree,
 * comparing lexemes as text. At 200k papers: 1 MB 71.9 s, 4 MB 32.1 s, 16 MB 24.1 s, 64 MB 25.9 s,
 * 512 MB 28.9 s.
 */
const INDEX_BUILD_MEMORY = '16MB'

export function rebuildPostgresIndex(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  return holdingSuccessor(db, () => fillFromCatalog(db, onProgress))
}

async function fillFromCatalog(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const kysely: Kysely<SearchDb> = db.kysely.withTables<SearchTables>()
  const startSeq = await prepareSuccessor(kysely)
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
  await finishSuccessor(db, startSeq)
}

/**
 * A first load into an empty catalog (search/deferred-index.ts): its batches write their papers'
 * documents into the successor as they land, from the rows they wrote (postgres-writer.ts), and the
 * successor then takes the old table's place as a rebuild's does. Reading a million papers back and
 * writing them again at the end took more than the load's batches themselves. `alongside` (the
 * catalog's own indexes) builds beside the GIN index. Should the load fail, what landed is
 * searchable all the same; a load killed outright leaves the index due for the next start.
 */
export function loadPostgresIndexAlong<T>(db: Db, work: () => Promise<T>, alongside: () => Promise<void>): Promise<T> {
  return holdingSuccessor(db, async () => {
    const startSeq = await prepareSuccessor(db.kysely.withTables<SearchTables>())
    let result: T
    try {
      result = await writingIntoSuccessor(db.kysely, work)
    } catch (error) {
      // The load's own error is the one to report; should this fail too, the index stays due.
      await finishSuccessor(db, startSeq).catch(() => {})
      throw error
    }
    await finishSuccessor(db, startSeq, alongside)
    return result
  })
}

// The advisory lock whoever fills the successor table holds (any number of our own choosing).
export const SUCCESSOR_LOCK = 0x5eac4d0c

/**
 * Runs `work` holding the successor table: a second rebuild or first load started meanwhile (another
 * process's `paperboy reindex`, say) would drop it halfway, so it stops at once with a clear
 * message instead. The lock is a session's, on a connection kept for the purpose: a process killed
 * halfway lets it go, and the next one drops the table it left.
 */
async function holdingSuccessor<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const client = await db.pool!.connect()
  let locked = false
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [
      SUCCESSOR_LOCK,
    ])
    locked = rows[0]!.locked
    if (!locked)
      throw new Error('the search index is being rebuilt or loaded by another process; try again when it ends')
    return await work()
  } finally {
    // A connection that could not let the lock go is dropped rather than pooled with it.
    let broken: Error | undefined
    if (locked) await client.query('select pg_advisory_unlock($1)', [SUCCESSOR_LOCK]).catch((e: Error) => (broken = e))
    client.release(broken)
  }
}

/** An empty successor table, and the sequence number from which a write must be done again at the swap. */
async function prepareSuccessor(kysely: Kysely<SearchDb>): Promise<number> {
  // What a rebuild killed halfway left behind.
  await sql`drop table if exists search_documents_next`.execute(kysely)
  await createDocumentsTable(kysely, 'search_documents_next')
  return currentSeq(kysely)
}

/**
 * Indexes the full successor and puts it in place. Two connections: the GIN of the documents, most
 * of the work, takes one core, after the statistics (ANALYZE, which a CREATE INDEX would wait for,
 * so it goes first); the other indexes, the catalog's first, take the second core (CREATE INDEX's
 * share lock lets both read the table).
 */
async function finishSuccessor(
  db: Db,
  startSeq: number,
  alongside: () => Promise<void> = async () => {},
): Promise<void> {
  const kysely: Kysely<SearchDb> = db.kysely.withTables<SearchTables>()
  const [documents, ...others] = documentIndexes('search_documents_next', '_next')
  await settleAll([
    buildIndexes(kysely, [sql`analyze search_documents_next`, documents]),
    alongside().then(() => buildIndexes(kysely, others)),
  ])
  await inBulkSession(db, (s) => swap(s, startSeq))
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
