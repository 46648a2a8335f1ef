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
// Sorted by date or votes, a match's score is not asked for: ranking it would cost bm25's pass.
const UNRANKED = sql`p.id, search.rowid as rowid, 0 as score, p.published_at, p.upvotes`

/** The order of a sort, on `search` joined to `p`. */
function orderOf(sort: SearchSort): RawBuilder<unknown> {
  if (sort === 'newest') return sql`p.published_at desc, p.id desc`
  if (sort === 'upvotes') return sql`p.upvotes desc, p.published_at desc, p.id desc`
  return sql`search.rank, search.rowid`
}

/**
 * Every match of `match` passing `filters`, in the sort's order: the first `limit` after `offset`.
 * `scored: false` (the query asks only for categories, whose weight is 0): every bm25 is 0, so the
 * relevance order is FTS5's own rowid order, read without ranking every match.
 */
export async function matchRows(
  db: Db,
  match: string,
  filters: RawBuilder<unknown> | null,
  sort: SearchSort,
  offset: number,
  limit: number,
  scored = true,
): Promise<(Scored & { rowid: number })[]> {
  if (sort === 'relevance' && !scored) {
    const found = await rows(
      db,
      sql<ScoredRow>`select ${UNRANKED} from search join papers p on p.rowid = search.rowid
        where search match ${match} and ${filters ?? sql`1`} order by search.rowid limit ${limit} offset ${offset}`,
    )
    return found.map(toScored)
  }
  if (sort === 'relevance' && !filters) {
    // Unfiltered, FTS5 sorts by rank inside itself and papers are read for the page's rows only.
    const found = await rows(
      db,
      sql<ScoredRow>`select p.id, s.rowid, s.score, p.published_at, p.upvotes
        from (select rowid, -rank as score from search where search match ${match}
          order by rank, rowid limit ${limit} offset ${offset}) s
        join papers p on p.rowid = s.rowid order by s.score desc, s.rowid`,
    )
    return found.map(toScored)
  }
  const found = await rows(
    db,
    sql<ScoredRow>`select ${sort === 'relevance' ? SELECTED : UNRANKED} from search join papers p on p.rowid = search.rowid
      where search match ${match} and ${filters ?? sql`1`}
      order by ${orderOf(sort)} limit ${limit} offset ${offset}`,
  )
  return found.map(toScored)
}

/** How many papers match, counting at most `cap` (then the count is `cap` and not exact). */
export async function countMatches(
  db: Db,
  match: string,
  filters: RawBuilder<unknown> | null,
  cap: number,
): Promise<number> {
  const [row] = await rows(
    db,
    filters
      ? sql<{ n: number }>`select count(*) as n from (select 1 from search join papers p on p.rowid = search.rowid
          where search match ${match} and ${filters} limit ${cap})`
      : sql<{ n: number }>`select count(*) as n from (select 1 from search where search match ${match} limit ${cap})`,
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
    sql<ScoredRow>`select p.id, p.rowid, 0 as score, p.published_at, p.upvotes from papers p
      where ${conditions} and ${not} order by ${order} limit ${limit} offset ${offset}`,
  )
  return found.map(toScored)
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
