/** `paperboy reindex` on SQLite: the FTS5 index written anew from the catalog, in rowid order. */
import { sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import { type IndexRow, writeIndexRows } from './sqlite-index.js'

/** Papers per transaction: large enough to amortise a commit, small enough to report progress often. */
const PAPERS_PER_BATCH = 2_000

export async function rebuildSqliteIndex(db: Db, onProgress?: (done: number, total: number) => void): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from papers`.execute(db.kysely)
  const total = rows[0]?.n ?? 0
  await sql`insert into search (search) values ('delete-all')`.execute(db.kysely)
  let after = 0
  let done = 0
  onProgress?.(0, total)
  for (;;) {
    const batch = await db.kysely.transaction().execute(async (trx) => {
      const { rows } = await sql<IndexRow>`
        select p.rowid as rowid, p.title, p.abstract, p.categories,
          (select group_concat(a.name, ', ' order by a.position) from paper_authors a
            where a.paper_id = p.id and a.hidden = 0) as authors
        from papers p where p.rowid > ${after} order by p.rowid limit ${PAPERS_PER_BATCH}`.execute(trx)
      await writeIndexRows(trx, rows)
      return rows
    })
    if (batch.length === 0) break
    after = batch.at(-1)!.rowid
    done += batch.length
    onProgress?.(done, total)
  }
  // Merges the index's segments into one: fewer b-trees for every later query to visit.
  await sql`insert into search (search) values ('optimize')`.execute(db.kysely)
}
