/**
 * The search index around a bulk load (papers/write/bulk-load.ts). Into an empty catalog no index
 * row is written batch by batch: the index is written once from the whole catalog at the end,
 * which costs a fraction of keeping FTS5 or GIN up to date paper by paper
 * (docs/decisions/0016-search.md). From the load's start until that write is done, a row of
 * `search_rebuild_due` says the index is incomplete: a load (or a reindex) killed halfway leaves it,
 * and the next start (`paperboy serve`), the next bulk load or `paperboy reindex` writes the index
 * whole.
 */
import type { Db } from '../platform/db/connect.js'
import { settleAll } from '../platform/settle-all.js'
import { type RebuildProgress, searchEngine } from './engine.js'

type RebuildDueTables = {
  search_rebuild_due: { since: string }
}

const tables = (db: Db) => db.kysely.withTables<RebuildDueTables>()

// The databases (by their Kysely instance, as engine.ts keys its engines) whose writes in this
// process leave the index to the end of a bulk load.
const deferred = new WeakSet<object>()

/** Whether writes to this database leave their index rows to the end of a bulk load. */
export function isIndexDeferred(db: Db): boolean {
  return deferred.has(db.kysely)
}

/**
 * Runs a bulk load. Into an empty catalog, or over an index a killed load left incomplete, its
 * writes skip the index, which is written whole at the end, even when the load fails (what
 * landed is searchable); otherwise every write keeps the index as it goes. `asItGoes`: into an
 * empty catalog too, each write keeps the index, tuned for a load (SearchEngine.writeAlong), and
 * nothing is written at the end. `alongside` (the catalog's own indexes) runs while the index is
 * written or finished at the end, on other connections.
 */
export async function withIndexDeferred<T>(
  db: Db,
  catalogEmpty: boolean,
  asItGoes: boolean,
  work: () => Promise<T>,
  alongside: () => Promise<void> = async () => {},
): Promise<T> {
  const due = await indexDueSince(db)
  if (!catalogEmpty && !due) return work()
  if (asItGoes && !due) {
    // What lands is indexed in its own transaction; the mark is for a load killed halfway, which
    // leaves FTS5's merging as the writes set it, or PostgreSQL's rows in a table not yet in
    // place, until the next start writes the index whole.
    await markRebuildDue(db)
    try {
      return await searchEngine(db).writeAlong(work, alongside)
    } finally {
      await clearRebuildDue(db)
    }
  }
  if (!due) await markRebuildDue(db)
  deferred.add(db.kysely)
  let result: T
  try {
    result = await work()
  } catch (error) {
    deferred.delete(db.kysely)
    // The load's own error is the one to report; should this write fail too, the mark stays.
    await writeWholeIndex(db).catch(() => {})
    throw error
  }
  deferred.delete(db.kysely)
  await settleAll([writeWholeIndex(db), alongside()])
  return result
}

/** When the bulk load began whose index is still to be written (it was killed); null when none is. */
export async function indexDueSince(db: Db): Promise<string | null> {
  const due = await tables(db).selectFrom('search_rebuild_due').select('since').orderBy('since').executeTakeFirst()
  return due?.since ?? null
}

/**
 * `paperboy reindex`: the index rebuilt from the catalog, which settles a killed load's mark too.
 * Marked while it runs: SQLite's rebuild empties the index first, so one killed halfway leaves it
 * partial for the next start to write whole.
 */
export async function rebuildIndex(db: Db, onProgress?: RebuildProgress): Promise<void> {
  if (!(await indexDueSince(db))) await markRebuildDue(db)
  await searchEngine(db).rebuild(onProgress)
  await clearRebuildDue(db)
}

/** Writes the index whole from the catalog, which settles a killed load's mark. */
export async function writeWholeIndex(db: Db): Promise<void> {
  await searchEngine(db).writeAll()
  await clearRebuildDue(db)
}

async function markRebuildDue(db: Db): Promise<void> {
  await tables(db).insertInto('search_rebuild_due').values({ since: new Date().toISOString() }).execute()
}

async function clearRebuildDue(db: Db): Promise<void> {
  await tables(db).deleteFrom('search_rebuild_due').execute()
}
