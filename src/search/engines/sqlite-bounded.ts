/**
 * The search of a query holding a common term, without asking FTS5 to rank it: a paper's score is
 * the sum of its atoms' contributions (bm25 is a sum over phrases), taken from each common atom's
 * candidate list (sqlite-lists.ts) and, for the rare atoms, from one ranked FTS5 query over them
 * alone. FTS5 only says which papers match (docs/decisions/0016-search.md).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import { type Scored, type TermList, unseenBound } from '../candidates.js'
import type { StoredList } from './sqlite-lists.js'
import type { Check } from './sqlite-verify.js'

/**
 * A paper known to hold a common atom but missing from its list scores at most the list's last
 * impact; it is counted at this share of it. The benchmark's overlap with the exhaustive ranking
 * measures what the guess costs.
 */
export const MISSING_SHARE = 0.5
/** Candidates checked against the whole query per statement. */
const VERIFY_BATCH = 250
/**
 * Candidates checked at most (FTS5 checks one in ~25 µs): past this the best found so far stand,
 * although a paper further down the candidates might still, by its bound, outscore them.
 */
const MAX_CHECKS = 1_000

/** What the scorer knows about the query's atoms. */
export interface Contributions {
  /** Each common atom's list, and whether a match surely holds the atom (it stands alone in its group). */
  heads: { list: StoredList; position: Map<number, number>; certain: boolean }[]
  /** The rare atoms' summed contribution for every paper holding any of them. */
  light: Map<number, number>
}

export function contributions(
  heads: { list: StoredList; certain: boolean }[],
  light: Map<number, number>,
): Contributions {
  return { heads: heads.map((h) => ({ ...h, position: positionsOf(h.list) })), light }
}

// A list's rowid → index, made once per list: lists are shared by every search of their atom.
const positions = new WeakMap<StoredList, Map<number, number>>()

function positionsOf(list: StoredList): Map<number, number> {
  let map = positions.get(list)
  if (!map) {
    map = new Map(Array.from(list.rowids, (r, i) => [r, i]))
    positions.set(list, map)
  }
  return map
}
/** The score of a paper that matches the query: exact when every common atom lists it. */
export function estimate(c: Contributions, rowid: number): number {
  let score = c.light.get(rowid) ?? 0
  for (const h of c.heads) {
    const at = h.position.get(rowid)
    if (at !== undefined) score += h.list.impacts[at]!
    else if (h.certain && !h.list.complete) score += floorOf(h.list) * MISSING_SHARE
  }
  return score
}

/** The most a paper can score: a listed impact where known, the list's floor where not. */
function upperBound(c: Contributions, rowid: number): number {
  let score = c.light.get(rowid) ?? 0
  for (const h of c.heads) {
    const at = h.position.get(rowid)
    score += at !== undefined ? h.list.impacts[at]! : floorOf(h.list)
  }
  return score
}

function floorOf(list: TermList): number {
  return list.complete || list.impacts.length === 0 ? 0 : list.impacts[list.impacts.length - 1]!
}

/** The rare atoms' contributions: one FTS5 ranking over them alone, each paper's bm25 sum. */
export async function lightScores(db: Db, expression: string | null): Promise<Map<number, number>> {
  if (!expression) return new Map()
  const { rows } = await sql<{ rowid: number; score: number }>`select rowid, -rank as score from search
    where search match ${expression}`.execute(db.kysely)
  return new Map(rows.map((r) => [r.rowid, r.score]))
}

/** Every match of the query (no ranking: FTS5 only walks the posting lists), for a query of few matches. */
export async function allMatches(db: Db, match: string, filters: RawBuilder<unknown> | null): Promise<number[]> {
  // Papers are read only to filter: a row of papers costs more to reach than its index entry.
  const { rows } = filters
    ? await sql<{ rowid: number }>`select search.rowid as rowid from search
        join papers p on p.rowid = search.rowid where search match ${match} and ${filters}`.execute(db.kysely)
    : await sql<{ rowid: number }>`select rowid from search where search match ${match}`.execute(db.kysely)
  return rows.map((r) => r.rowid)
}

/** The highest papers rowid now: a list made before it may miss papers (its tail). */
export async function newestRowid(db: Db): Promise<number> {
  const { rows } = await sql<{ m: number | null }>`select max(rowid) as m from papers`.execute(db.kysely)
  return rows[0]?.m ?? 0
}

/**
 * Papers written after a list was made, matching its atom: they are candidates too. Asked only of
 * the lists older than the newest paper: FTS5 re-expands a prefix for the question even when no
 * paper follows, and the bound rowid goes in as an integer, since FTS5 ignores a rowid range bound
 * as a float (every JS number, to better-sqlite3) and walks the whole posting list instead.
 */
export async function tailOf(
  db: Db,
  lists: { expression: string; list: StoredList }[],
  newest: number,
): Promise<number[]> {
  const tails = await Promise.all(
    lists
      .filter(({ list }) => list.maxRowid < newest)
      .map(async ({ expression, list }) => {
        const { rows } = await sql<{ rowid: number }>`select rowid from search
          where search match ${expression} and rowid > ${BigInt(list.maxRowid)}`.execute(db.kysely)
        return rows.map((r) => r.rowid)
      }),
  )
  return tails.flat()
}

/**
 * The best `need` matches among the candidates, by estimated score: candidates are checked against
 * the whole query (groups, exclusions, categories, filters) best first, until the `need`-th best
 * found scores at least what any unchecked candidate or unlisted paper could.
 * Null when the lists run out before `enough` (the page's own end) are found: then the caller
 * ranks every match.
 */
export async function verifiedTop(
  c: Contributions,
  candidates: readonly number[],
  check: Check,
  need: number,
  enough: number,
): Promise<{ rowid: number; score: number }[] | null> {
  const order = candidates.map((rowid) => ({ rowid, score: estimate(c, rowid), bound: upperBound(c, rowid) }))
  order.sort((a, b) => b.bound - a.bound || a.rowid - b.rowid)
  const found: { rowid: number; score: number }[] = []
  const unseen = unseenBound(c.heads.map((h) => h.list))
  for (let i = 0; i < order.length; i += VERIFY_BATCH) {
    const batch = order.slice(i, i + VERIFY_BATCH)
    const ok = await check(batch.map((b) => b.rowid))
    for (const b of batch) if (ok.has(b.rowid)) found.push({ rowid: b.rowid, score: b.score })
    if (found.length >= need) {
      found.sort((a, b) => b.score - a.score || a.rowid - b.rowid)
      const kth = found[need - 1]!.score
      const next = order[i + VERIFY_BATCH]
      if ((!next || next.bound <= kth) && unseen <= kth) break
      if (i + VERIFY_BATCH >= MAX_CHECKS) break
    }
  }
  if (found.length < Math.min(need, enough) && c.heads.some((h) => !h.list.complete)) return null
  found.sort((a, b) => b.score - a.score || a.rowid - b.rowid)
  return found.slice(0, need)
}

/** Ids, dates and upvotes of ranked rowids, in their order. */
export async function detailsOf(db: Db, ranked: readonly { rowid: number; score: number }[]): Promise<Scored[]> {
  if (ranked.length === 0) return []
  const { rows } = await sql<{ rowid: number; id: string; published_at: string | null; upvotes: number }>`
    select rowid, id, published_at, upvotes from papers
    where rowid in (select value from json_each(${JSON.stringify(ranked.map((r) => r.rowid))}))`.execute(db.kysely)
  const byRowid = new Map(rows.map((r) => [r.rowid, r]))
  return ranked.flatMap((r) => {
    const row = byRowid.get(r.rowid)
    return row ? [{ id: row.id, score: r.score, publishedAt: row.published_at, upvotes: row.upvotes }] : []
  })
}
