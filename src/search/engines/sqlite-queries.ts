/**
 * The SQL of SQLite's search: FTS5 MATCH joined to papers for the filters, scored by the `rank`
 * the index is configured with (bm25 with the column weights, sqlite-index.ts). Every value is
 * bound; the MATCH expression itself is built from quoted tokens only (sqlite-match.ts).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import type { Scored } from '../candidates.js'
import type { SearchSort } from '../model.js'

interface ScoredRow {
  id: string
  rowid: number
  score: number
  published_at: string | null
  upvotes: number
}

async function rows<T>(db: Db, query: RawBuilder<T>): Promise<T[]> {
  return (await query.execute(db.kysely)).rows
}

function toScored(r: ScoredRow): Scored & { rowid: number } {
  return { id: r.id, rowid: r.rowid, score: r.score, publishedAt: r.published_at, upvotes: r.upvotes }
}

const SELECTED = sql`p.id, search.rowid as rowid, -search.rank as score, p.published_at, p.upvotes`

/** The order of a sort, on `search` joined to `p`. */
function orderOf(sort: SearchSort): RawBuilder<unknown> {
  if (sort === 'newest') return sql`p.published_at desc, p.id desc`
  if (sort === 'upvotes') return sql`p.upvotes desc, p.published_at desc, p.id desc`
  return sql`search.rank, p.id`
}

/** Every match of `match` passing `filters`, in the sort's order: the first `limit` after `offset`. */
export async function matchRows(
  db: Db,
  match: string,
  filters: RawBuilder<unknown>,
  sort: SearchSort,
  offset: number,
  limit: number,
  extra: RawBuilder<unknown> = sql`1`,
): Promise<(Scored & { rowid: number })[]> {
  const found = await rows(
    db,
    sql<ScoredRow>`select ${SELECTED} from search join papers p on p.rowid = search.rowid
      where search match ${match} and ${filters} and ${extra}
      order by ${orderOf(sort)} limit ${limit} offset ${offset}`,
  )
  return found.map(toScored)
}

/** The matches among these rowids, scored exactly (the candidate path's verification). */
export async function scoreRowids(
  db: Db,
  match: string,
  filters: RawBuilder<unknown>,
  rowids: readonly number[],
): Promise<(Scored & { rowid: number })[]> {
  if (rowids.length === 0) return []
  const found = await rows(
    db,
    sql<ScoredRow>`select ${SELECTED} from search join papers p on p.rowid = search.rowid
      where search match ${match} and search.rowid in (select value from json_each(${JSON.stringify(rowids)}))
      and ${filters}`,
  )
  return found.map(toScored)
}

/** How many papers match, counting at most `cap` (then the count is `cap` and not exact). */
export async function countMatches(db: Db, match: string, filters: RawBuilder<unknown>, cap: number): Promise<number> {
  const [row] = await rows(
    db,
    sql<{ n: number }>`select count(*) as n from (select 1 from search join papers p on p.rowid = search.rowid
      where search match ${match} and ${filters} limit ${cap})`,
  )
  return row?.n ?? 0
}

/**
 * Papers by date or upvotes, filtered without FTS5 but for the excluded words: the listing of a
 * query that asks for nothing positive. Walks papers_published_at, so a broad filter stops early.
 */
export async function listRows(
  db: Db,
  conditions: RawBuilder<unknown>,
  excluded: string | null,
  sort: SearchSort,
  offset: number,
  limit: number,
): Promise<Scored[]> {
  const not = excluded
    ? sql`not exists (select 1 from search where search match ${excluded} and search.rowid = p.rowid)`
    : sql`1`
  const order =
    sort === 'upvotes' ? sql`p.upvotes desc, p.published_at desc, p.id desc` : sql`p.published_at desc, p.id desc`
  const found = await rows(
    db,
    sql<Omit<ScoredRow, 'rowid'>>`select p.id, 0 as score, p.published_at, p.upvotes from papers p
      where ${conditions} and ${not} order by ${order} limit ${limit} offset ${offset}`,
  )
  return found.map((r) => ({ id: r.id, score: r.score, publishedAt: r.published_at, upvotes: r.upvotes }))
}

/** Counts the listing's papers, at most `cap`. */
export async function countListed(
  db: Db,
  conditions: RawBuilder<unknown>,
  excluded: string | null,
  cap: number,
): Promise<number> {
  const not = excluded
    ? sql`not exists (select 1 from search where search match ${excluded} and search.rowid = p.rowid)`
    : sql`1`
  const [row] = await rows(
    db,
    sql<{ n: number }>`select count(*) as n from (select 1 from papers p where ${conditions} and ${not} limit ${cap})`,
  )
  return row?.n ?? 0
}
