/**
 * A common word sorted by date: walk papers newest first (papers_published_at) and check each
 * batch against the query (its atoms' member sets, else FTS5), instead of reading and sorting
 * every match. A word in a third of the catalog fills a page from the first batch; a rarer one is
 * a cheap query and never comes here.
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Check } from './sqlite-verify.js'

/** Papers checked per FTS5 statement. */
const WALK_BATCH = 500
/** Papers walked at most; past this the caller sorts every match instead. */
const MAX_WALK = 20_000

/** The rowids of the newest matches from `offset`, or null when the walk gave up. */
export async function newestByWalk(
  db: Db,
  check: Check,
  conditions: RawBuilder<unknown> | null,
  offset: number,
  limit: number,
): Promise<number[] | null> {
  const found: number[] = []
  for (let walked = 0; walked < MAX_WALK; walked += WALK_BATCH) {
    const { rows } = await sql<{ rowid: number }>`select p.rowid as rowid from papers p
      where ${conditions ?? sql`1`} order by p.published_at desc, p.id desc
      limit ${WALK_BATCH} offset ${walked}`.execute(db.kysely)
    const ok = await check(rows.map((r) => r.rowid))
    for (const r of rows) if (ok.has(r.rowid)) found.push(r.rowid)
    if (found.length >= offset + limit || rows.length < WALK_BATCH) return found.slice(offset, offset + limit)
  }
  return null
}
