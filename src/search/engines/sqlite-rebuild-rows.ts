/**
 * The rebuild's input: every paper's index row in rowid order, read and tokenized a batch at a
 * time. Tokenizing is half the CPU time of a rebuild, so it runs in a worker thread on a
 * connection of its own (sqlite-rebuild-worker.ts) while the main thread writes the previous batch
 * into FTS5; a database in memory, which no other connection can open, is read here.
 */
import type SQLite from 'better-sqlite3'
import { type IndexRow, type TokenRow, tokenRow } from './sqlite-index.js'

/** Papers per batch: large enough to amortise a commit, small enough to report progress often. */
export const PAPERS_PER_BATCH = 2_000

/** The index rows of the papers from rowid `after` (excluded) to `until`, in batches. */
export function* tokenizedBatches(
  database: SQLite.Database,
  after = 0,
  until = Number.MAX_SAFE_INTEGER,
): Generator<TokenRow[]> {
  const select = database.prepare(`
    select p.rowid as rowid, p.title, p.abstract, p.categories,
      (select group_concat(a.name, ', ' order by a.position) from paper_authors a
        where a.paper_id = p.id and a.hidden = 0) as authors
    from papers p where p.rowid > ? and p.rowid <= ? and p.hidden_at is null order by p.rowid limit ?`)
  for (let last = after; ;) {
    const rows = select.all(last, until, PAPERS_PER_BATCH) as IndexRow[]
    if (rows.length === 0) return
    last = rows.at(-1)!.rowid
    yield rows.map((r) => tokenRow(r))
  }
}
