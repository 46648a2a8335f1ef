/** `paperboy reindex` on SQLite: the FTS5 index written anew from the catalog, in rowid order. */
import { sql } from 'kysely'
import { inBulkSession } from '../../platform/db/bulk-session.js'
import { type Db, sqliteHandle } from '../../platform/db/connect.js'
import { readFromWorker } from '../../platform/worker-stream.js'
import { type TokenRow, writeTokenRows } from './sqlite-index.js'
import { tokenizedBatches } from './sqlite-rebuild-rows.js'

const WORKER = new URL('./sqlite-rebuild-worker.js', import.meta.url)
const WORKER_MIN_PAPERS = 5_000

/**
 * Work that reads the index while FTS5 merges its segments, handed the merge to run: the segments
 * hold every row already, and the merge only rewrites them, so a reader beside it (WAL) sees the
 * same index, in more pieces.
 */
export type BesideMerge = (merge: () => Promise<void>) => Promise<unknown>

export async function rebuildSqliteIndex(
  db: Db,
  onProgress?: (done: number, total: number) => void,
  besideMerge?: BesideMerge,
): Promise<void> {
  // Counting every paper reads the whole table (1.5–4.7 s at 1M papers, on the one writer): only
  // a progress bar needs the total; otherwise whether there are WORKER_MIN_PAPERS will do.
  const total = await visiblePapers(db, onProgress ? undefined : WORKER_MIN_PAPERS)
  await sql`insert into search (search) values ('delete-all')`.execute(db.kysely)
  await withMergingDeferred(db, () => writeAllRows(db, total, onProgress), besideMerge)
}

/** The papers the index holds, or `atMost` when there are at least as many. */
async function visiblePapers(db: Db, atMost?: number): Promise<number> {
  const limit = atMost === undefined ? sql`` : sql`limit ${atMost}`
  const { rows } = await sql<{ n: number }>`select count(*) as n from (
    select 1 from papers where hidden_at is null ${limit}
  )`.execute(db.kysely)
  return rows[0]?.n ?? 0
}

/**
 * Runs `write`, which fills the index batch by batch, with FTS5's segments left to pile up and
 * merged once at the end ('optimize'): merging them as they come rewrites most postings several
 * times (~15% of the CPU time of a rebuild). FTS5's defaults come back afterwards; a write that is
 * killed leaves them off until the next rebuild, which a killed bulk load's mark brings
 * (deferred-index.ts). A 16 MB hash of pending terms (1 MB by default) flushes one segment per
 * batch instead of three, so fewer merges while writing: ~25% less CPU time inserting 100,000
 * papers. The segments are merged only by that 'optimize': `crisismerge` (the segments a level
 * may hold before FTS5 merges them) is set near FTS5's bound of 2,000 segments in all, so a load
 * of up to ~3.8M papers (one segment a batch of 2,000) writes each posting twice, where 64 rewrote
 * nine tenths of them once more on the way (docs/decisions/0016-search.md).
 */
export async function withMergingDeferred<T>(db: Db, write: () => Promise<T>, besideMerge?: BesideMerge): Promise<T> {
  await setMerging(db, { automerge: 0, crisismerge: MOST_SEGMENTS, hashsize: 16 << 20 })
  let result: T
  try {
    result = await write()
  } finally {
    await setMerging(db, DEFAULT_MERGING)
  }
  // Merges the index's segments into one: fewer b-trees for every later query to visit.
  const merge = async () => {
    await sql`insert into search (search) values ('optimize')`.execute(db.kysely)
  }
  await (besideMerge ? besideMerge(merge) : merge())
  return result
}

// FTS5 refuses a new segment once its index holds 2,000 (FTS5_MAX_SEGMENT); a merge writes its
// output before it drops its inputs, and the levels above hold a few: 100 to spare.
const MOST_SEGMENTS = 1_900

/** FTS5's own defaults (fts5_config.c). */
const DEFAULT_MERGING = { automerge: 4, crisismerge: 16, hashsize: 1 << 20 }

async function setMerging(db: Db, settings: typeof DEFAULT_MERGING): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    // A literal: FTS5 takes only an integer, and better-sqlite3 binds a number as a float.
    await sql`insert into search (search, rank) values (${name}, ${sql.lit(value)})`.execute(db.kysely)
  }
}

async function writeAllRows(db: Db, total: number, onProgress?: (done: number, total: number) => void) {
  let done = 0
  onProgress?.(0, total)
  for await (const rows of tokenizedRows(db, total)) {
    // One transaction per batch: FTS5 holds a transaction's rows in memory until it commits.
    await inBulkSession(db, (s) => writeTokenRows(s, rows))
    done += rows.length
    onProgress?.(done, total)
  }
}

/**
 * Tokenized in a worker thread (sqlite-rebuild-rows.ts), or here for a database in memory or a
 * small catalog: under WORKER_MIN_PAPERS tokenizing costs less than the thread's start from the
 * sources (most of a second through tsx; milliseconds compiled).
 */
function tokenizedRows(db: Db, total: number): Iterable<TokenRow[]> | AsyncIterable<TokenRow[]> {
  const { database } = sqliteHandle(db.kysely)!
  if (database.memory || total < WORKER_MIN_PAPERS) return tokenizedBatches(database)
  return readFromWorker<TokenRow[]>(WORKER, { path: database.name })
}
