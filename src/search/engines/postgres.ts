/**
 * PostgreSQL's search engine: a weighted tsvector per paper with a GIN index (postgres-schema.ts),
 * queried with the tsquery our own parser's query compiles to (postgres-tsquery.ts), ranked by
 * ts_rank plus the recency and upvote boosts (docs/decisions/0016-search.md).
 *
 * GIN finds the papers of any query cheaply; ranking them is what costs (ts_rank reads each
 * paper's whole tsvector). A query the planner expects to match at most RANK_ALL_LIMIT papers has
 * every match ranked; a broader one re-ranks its atoms' candidate lists (postgres-candidates.ts).
 */
import { type Kysely, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import { BOOST_MAX, boostedScore } from '../boost.js'
import type { RankedPage, SearchEngine } from '../engine.js'
import { MAX_RESULTS, type SearchRequest } from '../model.js'
import { CANDIDATES_PER_ATOM, type CandidateList, candidateLists } from './postgres-candidates.js'
import type { SearchDb } from './postgres-filters.js'
import {
  countMatches,
  estimateMatches,
  listedMatches,
  orderedMatches,
  pageOf,
  papersSharing,
  rankedMatches,
  ranksOf,
  type Scored,
} from './postgres-queries.js'
import type { SearchTables } from './postgres-schema.js'
import { loadPostgresIndexAlong, rebuildPostgresIndex } from './postgres-rebuild.js'
import { type LexemeStats, matchBound, readLexemeStats } from './postgres-stats.js'
import { compileQuery } from './postgres-tsquery.js'

export { createPostgresIndex } from './postgres-schema.js'
export { type AddedPapers, writePostgresIndex } from './postgres-writer.js'

/**
 * Matches ranked all at once, at most, by the planner's estimate (which runs up to 2–3 times short
 * for words that go together): ts_rank reads each paper's tsvector, some 10 µs a paper.
 */
export const RANK_ALL_LIMIT = 2_000
/**
 * The best papers by rank that the boosts may reorder: as many as a search serves, so that every
 * page of one search is cut from the same order.
 */
const BOOST_POOL = MAX_RESULTS

export interface PostgresEngineOptions {
  /** Tests force the candidate path on a small catalog with a low limit… */
  rankAllLimit?: number
  /** …and short candidate lists. */
  candidatesPerAtom?: number
}

export function postgresEngine(db: Db, options: PostgresEngineOptions = {}): SearchEngine {
  const kysely: Kysely<SearchDb> = db.kysely.withTables<SearchTables>()
  const rankAllLimit = options.rankAllLimit ?? RANK_ALL_LIMIT
  const perAtom = options.candidatesPerAtom ?? CANDIDATES_PER_ATOM

  /** Exact when the planner expects few, else its estimate: counting a head term reads a third of the catalog. */
  /** Newest first or most upvoted first: no ranking, every match qualifies alike. */
  const ordered = async (
    q: Kysely<SearchDb>,
    request: SearchRequest,
    tsquery: string | null,
    rank: { rank: string; near: string | null } | null,
    excluded: string | null,
  ) => {
    const estimated = await estimateMatches(q, request, tsquery, excluded)
    const broad = estimated > rankAllLimit
    // A broad query's newest are found walking the date index until the page is full; the planner,
    // pricing the tsvector test as cheap, would rather fetch every match and sort them.
    if (broad) await sql`select set_config('enable_bitmapscan', 'off', true)`.execute(q)
    const ids = await orderedMatches(q, request, tsquery, excluded)
    if (broad) await sql`select set_config('enable_bitmapscan', 'on', true)`.execute(q)
    const ranks = rank ? await ranksOf(q, ids, rank) : new Map<string, number>()
    // Exact when few match; counting a broad word would read a third of the catalog.
    const total = broad
      ? { value: Math.round(estimated), exact: false }
      : { value: await countMatches(q, request, tsquery, excluded), exact: true }
    return { ranked: ids.map((id) => ({ id, score: ranks.get(id) ?? 0 })), total }
  }

  let stats: { value: LexemeStats | null; readAt: number } | undefined
  const lexemeStats = async (q: Kysely<SearchDb>) => {
    if (!stats || Date.now() - stats.readAt > STATS_TTL_MS)
      stats = { value: await readLexemeStats(q), readAt: Date.now() }
    return stats.value
  }

  return {
    search: (request) =>
      planned(kysely, async (q): Promise<RankedPage> => {
        const { match, rank, near, excluded, atoms } = compileQuery(request.query)
        if (!match && !excluded && !hasFilters(request)) return NOTHING
        if (!match || !rank || request.sort !== 'relevance')
          return ordered(q, request, match, rank ? { rank, near } : null, excluded)
        const tsquery = { match, rank, near }
        const estimated = await estimateMatches(q, request, match, null)
        const stats = await lexemeStats(q)
        // Without statistics (a table never analyzed) the planner's estimate is all there is.
        const bound = stats ? matchBound(request.query, stats) : estimated
        // A filter narrows a broad word; the planner estimates filters well, as they do not go with words.
        const few = bound <= rankAllLimit || (hasFilters(request) && estimated <= rankAllLimit / 2)
        const { offset, limit } = pageOf(request)
        const need = offset + limit
        if (few) {
          const rows = await boostPool((pool) => rankedMatches(q, request, tsquery, pool), need)
          return { ranked: boosted(rows, request), total: { value: rows[0]?.matched ?? 0, exact: true } }
        }
        const lists = await candidateLists(q, atoms, perAtom)
        const rows =
          lists.length === 1 && atoms[0] === rank
            ? await bestListed(q, request, { match, rank, excluded }, lists[0]!, need)
            : await boostPool(
                (pool) =>
                  rankedMatches(q, request, tsquery, pool, {
                    ids: [...new Set(lists.flatMap((l) => l.ids))],
                    builtSeq: Math.min(...lists.map((l) => l.builtSeq)),
                  }),
                need,
              )
        // A page past what the lists hold (a narrow filter over a broad word) ranks every match.
        const complete = rows.length >= need || lists.every((l) => l.ids.length < perAtom)
        const found = complete ? rows : await rankedMatches(q, request, tsquery, BOOST_POOL)
        return { ranked: boosted(found, request), total: { value: Math.round(estimated), exact: false } }
      }),

    exhaustive: (request) =>
      planned(kysely, async (q): Promise<RankedPage> => {
        const { match, rank, near, excluded } = compileQuery(request.query)
        if (!match && !excluded && !hasFilters(request)) return NOTHING
        if (!match || !rank || request.sort !== 'relevance')
          return ordered(q, request, match, rank ? { rank, near } : null, excluded)
        const tsquery = { match, rank, near }
        const rows = await rankedMatches(q, request, tsquery, null)
        return { ranked: boosted(rows, request), total: { value: rows.length, exact: true } }
      }),

    sharing: (terms, limit) => planned(kysely, (q) => papersSharing(q, terms, limit)),

    async rebuild(onProgress) {
      await rebuildPostgresIndex(db, onProgress)
      stats = undefined
    },
    // The whole rebuild: PostgreSQL's lists are made on first use already.
    async writeAll() {
      await rebuildPostgresIndex(db)
      stats = undefined
    },
    async writeAlong(work, alongside = async () => {}) {
      try {
        return await loadPostgresIndexAlong(db, work, alongside)
      } finally {
        stats = undefined
      }
    },
  }
}

/** How long the word statistics are trusted: ANALYZE refreshes them as the catalog grows. */
const STATS_TTL_MS = 10 * 60_000
/** The most the boosts multiply a score by: a paper ranked below r / BOOST_SPAN never passes one ranked r. */
const BOOST_SPAN = 1 + 2 * BOOST_MAX
/** The fewest best matches read for a page, before BOOST_POOL when the boosts could reach past them. */
const POOL_MIN = 60

/**
 * The best matches that can reach the first `need` places once boosted: a few more than `need`
 * when the last of them ranks so far below the `need`-th that no boost closes the gap, else
 * BOOST_POOL. Either way the page is the one the whole pool would give.
 */
async function boostPool<T extends { rank: number }>(fetch: (pool: number) => Promise<T[]>, need: number) {
  const pool = Math.max(POOL_MIN, 3 * need)
  if (pool >= BOOST_POOL) return fetch(BOOST_POOL)
  const rows = await fetch(pool)
  const kth = rows[need - 1]?.rank
  if (rows.length < pool || (kth !== undefined && rows[pool - 1]!.rank * BOOST_SPAN < kth)) return rows
  return fetch(BOOST_POOL)
}

/** boostPool over a candidate list, which is ordered by rank: its head first, the whole when the head falls short. */
async function bestListed(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: { match: string; rank: string; excluded: string | null },
  list: CandidateList,
  need: number,
) {
  const head = Math.max(POOL_MIN, 3 * need)
  if (head < list.ids.length) {
    const part = { ids: list.ids.slice(0, head), ranks: list.ranks.slice(0, head), builtSeq: list.builtSeq }
    const rows = await listedMatches(q, request, tsquery, part, BOOST_POOL)
    const kth = rows[need - 1]?.rank
    if (kth !== undefined && list.ranks[head]! * BOOST_SPAN < kth) return rows
  }
  return listedMatches(q, request, tsquery, list, BOOST_POOL)
}

/** Nothing asked, nothing found: a whole catalog newest first is what /papers lists, not a search. */
const NOTHING: RankedPage = { ranked: [], total: { value: 0, exact: true } }

function hasFilters(request: SearchRequest): boolean {
  const { query } = request
  return (
    query.categories.length > 0 ||
    query.years !== null ||
    (request.categories?.length ?? 0) > 0 ||
    !!request.from ||
    !!request.until ||
    !!request.hasCode
  )
}

/**
 * Runs a search's queries in one transaction told to prefer the GIN index. The planner prices a
 * sequential scan by the table's pages, but the tsvectors live apart (TOAST), and a scan that
 * tests every paper's reads them all: seconds, where the index answers in milliseconds.
 */
function planned<T>(kysely: Kysely<SearchDb>, work: (q: Kysely<SearchDb>) => Promise<T>): Promise<T> {
  return kysely.transaction().execute(async (trx) => {
    // Ranking a broad word looks costly enough to JIT-compile, which adds more than it saves.
    await sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`.execute(trx)
    return work(trx)
  })
}

/** The boosted order of ranked papers (boost.ts), one page of it. */
function boosted(rows: Omit<Scored, 'matched'>[], request: SearchRequest): RankedPage['ranked'] {
  const now = Date.now()
  const { offset, limit } = pageOf(request)
  return rows
    .map((r) => ({ id: r.id, score: boostedScore(r.rank, r.published_at, Number(r.upvotes), now) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(offset, offset + limit)
}
