/** `paperboy reindex` on SQLite: the FTS5 index written anew from the catalog, in rowid order. */
import { sql } from 'kysely'
import { inBulkSession } from '../../platform/db/bulk-session.js'
import type { Db } from '../../platform/db/connect.js'
import { type IndexRow, writeIndexRows } from './sqlite-index.js'

/** Papers per transaction: large enough to amortise a commit, small enough to report progress often. */
const PAPERS_PER_BATCH = 2_000

export async function rebuildSqliteIndex(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from papers where hidden_at is null`.execute(db.kysely)
  const total = rows[0]?.n ?? 0
  await sql`insert into search (search) values ('delete-all')`.execute(db.kysely)
  // Segments are left to pile up while the index is written and merged once at the end
  // ('optimize'): merging them as they come rewrites most postings several times (~15% of the
  // CPU time of a rebuild). FTS5's defaults come back afterwards; a rebuild that is killed leaves
  // them off until the next one, which a killed bulk load's mark brings (deferred-index.ts).
  await setMerging(db, { automerge: 0, crisismerge: 64 })
  try {
    await writeAllRows(db, total, onProgress)
  } finally {
    await setMerging(db, DEFAULT_MERGING)
  }
  // Merges the index's segments into one: fewer b-trees for every later query to visit.
  await sql`insert into search (search) values ('optimize')`.execute(db.kysely)
}

/** FTS5's own defaults (fts5_config.c). */
const DEFAULT_MERGING = { automerge: 4, crisismerge: 16 }

async function setMerging(db: Db, settings: typeof DEFAULT_MERGING): Promise<void> {
  for (const [name, value] of Object.entries(settings)) {
    // A literal: FTS5 takes only an integer, and better-sqlite3 binds a number as a float.
    await sql`insert into search (search, rank) values (${name}, ${sql.lit(value)})`.execute(db.kysely)
  }
}

async function writeAllRows(db: Db, total: number, onProgress?: (done: number, total: number) => void) {
  let after = 0
  let done = 0
  onProgress?.(0, total)
  for (;;) {
    const batch = await inBulkSession(db, async (s) => {
      const { rows } = await sql<IndexRow>`
        select p.rowid as rowid, p.title, p.abstract, p.categories,
          (select group_concat(a.name, ', ' order by a.position) from paper_authors a
            where a.paper_id = p.id and a.hidden = 0) as authors
        from papers p where p.rowid > ${after} and p.hidden_at is null order by p.rowid limit ${PAPERS_PER_BATCH}`.execute(s.kysely)
      await writeIndexRows(s, rows)
      return rows
    })
    if (batch.length === 0) break
    after = batch.at(-1)!.rowid
    done += batch.length
    onProgress?.(done, total)
  }
}
