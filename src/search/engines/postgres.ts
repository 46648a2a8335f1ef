/**
 * PostgreSQL's search engine: a weighted tsvector per paper with a GIN index (postgres-schema.ts),
 * queried with the tsquery our own parser's query compiles to (postgres-tsquery.ts), ranked by
 * ts_rank plus the recency and upvote boosts (docs/decisions/0016-search.md).
 *
 * GIN finds the papers of any query cheaply; ranking them is what costs, about 3 µs a paper. A
 * query the planner expects to match at most RANK_ALL_LIMIT papers has every match ranked; a
 * broader one re-ranks the candidate lists of its atoms (postgres-candidates.ts).
 */
import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { inBulkSession } from '../../platform/db/bulk-session.js'
import type { Db } from '../../platform/db/connect.js'
import { boostedScore } from '../boost.js'
import type { RankedPage, SearchEngine } from '../engine.js'
import { MAX_RESULTS, type SearchRequest } from '../model.js'
import { buildCandidates, CANDIDATES_PER_ATOM, candidateLists, frequentLexemes } from './postgres-candidates.js'
import { quoteLexeme } from './postgres-document.js'
import type { SearchTables } from './postgres-schema.js'
import { filtersOf, matches, rankOf, type SearchDb } from './postgres-filters.js'
import { compileQuery } from './postgres-tsquery.js'
import { writePostgresIndex } from './postgres-writer.js'

export { createPostgresIndex } from './postgres-schema.js'
export { writePostgresIndex } from './postgres-writer.js'

/** Matches ranked all at once, at most: about 15 ms of ts_rank. */
export const RANK_ALL_LIMIT = 5_000
/** Papers per rebuild transaction. */
const REBUILD_BATCH = 2_000

export interface PostgresEngineOptions {
  /** Tests force the candidate path on a small catalog with a low limit. */
  rankAllLimit?: number
  /** …and short candidate lists. */
  candidatesPerAtom?: number
}

interface Scored {
  id: string
  rank: number
  published_at: string | null
  upvotes: number
}

export function postgresEngine(db: Db, options: PostgresEngineOptions = {}): SearchEngine {
  const kysely: Kysely<SearchDb> = db.kysely.withTables<SearchTables>()
  const rankAllLimit = options.rankAllLimit ?? RANK_ALL_LIMIT
  const perAtom = options.candidatesPerAtom ?? CANDIDATES_PER_ATOM

  /** Every match's rank, with what the boosts need, best first; `limit` bounds the rows read. */
  const rankMatches = (request: SearchRequest, tsquery: string, limit: number | null, only?: OnlyThese) =>
    kysely
      .selectFrom('search_documents as d')
      .innerJoin('papers as p', 'p.id', 'd.paper_id')
      .select(['d.paper_id as id', 'p.published_at', 'p.upvotes', rankOf(tsquery).as('rank')])
      .where((eb) => {
        const conditions = [matches(eb, tsquery), ...filtersOf(eb, request)]
        if (only) {
          conditions.push(
            eb.or([
              eb('d.paper_id', '=', sql<string>`any(${only.ids}::text[])`),
              eb('d.indexed_seq', '>', only.builtSeq),
            ]),
          )
        }
        return eb.and(conditions)
      })
      .orderBy('rank', 'desc')
      .orderBy('d.paper_id')
      .$if(limit !== null, (q) => q.limit(limit!))

  /** The planner's estimate of how many papers a request matches (EXPLAIN; no rows read). */
  const estimate = async (request: SearchRequest, tsquery: string | null, excluded: string | null) => {
    const query = kysely
      .selectFrom('search_documents as d')
      .select('d.paper_id')
      .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
    const { rows } = await sql`explain (format json) ${query}`.execute(kysely)
    return PLAN.parse(rows)[0]['QUERY PLAN'][0].Plan['Plan Rows']
  }

  const count = async (request: SearchRequest, tsquery: string | null, excluded: string | null) => {
    const row = await kysely
      .selectFrom('search_documents as d')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Exact when the planner expects few, else the estimate: counting a head term reads a third of the catalog. */
  const total = async (request: SearchRequest, tsquery: string | null, excluded: string | null) => {
    const estimated = await estimate(request, tsquery, excluded)
    if (estimated <= rankAllLimit) return { value: await count(request, tsquery, excluded), exact: true }
    return { value: Math.round(estimated), exact: false }
  }

  /** Newest first or most upvoted first, with no ranking: every match qualifies equally. */
  const ordered = async (request: SearchRequest, tsquery: string | null, excluded: string | null) => {
    const { offset, limit } = window(request)
    const rows = await kysely
      .selectFrom('search_documents as d')
      .innerJoin('papers as p', 'p.id', 'd.paper_id')
      .select('d.paper_id as id')
      .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
      .$if(request.sort === 'upvotes', (q) => q.orderBy('p.upvotes', 'desc'))
      .orderBy(sql`d.published_at desc nulls last`)
      .orderBy('d.paper_id')
      .offset(offset)
      .limit(limit)
      .execute()
    const ranks = tsquery
      ? await ranksOf(
          rows.map((r) => r.id),
          tsquery,
        )
      : new Map<string, number>()
    return {
      ranked: rows.map((r) => ({ id: r.id, score: ranks.get(r.id) ?? 0 })),
      total: await total(request, tsquery, excluded),
    }
  }

  const ranksOf = async (ids: string[], tsquery: string) => {
    if (ids.length === 0) return new Map<string, number>()
    const rows = await kysely
      .selectFrom('search_documents as d')
      .select(['d.paper_id', rankOf(tsquery).as('rank')])
      .where('d.paper_id', '=', sql<string>`any(${ids}::text[])`)
      .execute()
    return new Map(rows.map((r) => [r.paper_id, r.rank]))
  }

  return {
    async search(request) {
      const { match, excluded } = compileQuery(request.query)
      if (!match || request.sort !== 'relevance') return ordered(request, match, excluded)
      const estimated = await estimate(request, match, null)
      if (estimated <= rankAllLimit) {
        const rows = await rankMatches(request, match, null).execute()
        return { ranked: boosted(rows, request), total: { value: rows.length, exact: true } }
      }
      const atoms = compileQuery(request.query).atoms
      const lists = await candidateLists(kysely, atoms, perAtom)
      const only = {
        ids: [...new Set(lists.flatMap((l) => l.ids))],
        builtSeq: Math.min(...lists.map((l) => l.builtSeq)),
      }
      const { offset, limit } = window(request)
      const rows = await rankMatches(request, match, null, only).execute()
      // A page past what the lists hold (a narrow filter over a broad word) ranks every match.
      const complete = rows.length >= offset + limit || lists.every((l) => l.ids.length < perAtom)
      const found = complete ? rows : await rankMatches(request, match, null).execute()
      return { ranked: boosted(found, request), total: { value: Math.round(estimated), exact: false } }
    },

    async exhaustive(request) {
      const { match, excluded } = compileQuery(request.query)
      if (!match || request.sort !== 'relevance') return ordered(request, match, excluded)
      const rows = await rankMatches(request, match, null).execute()
      return { ranked: boosted(rows, request), total: { value: rows.length, exact: true } }
    },

    async rebuild(onProgress) {
      const { n } = await kysely
        .selectFrom('papers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      let done = 0
      let after = ''
      onProgress?.(0, Number(n))
      for (;;) {
        const ids = (
          await kysely
            .selectFrom('papers')
            .select('id')
            .where('id', '>', after)
            .orderBy('id')
            .limit(REBUILD_BATCH)
            .execute()
        ).map((r) => r.id)
        if (ids.length === 0) break
        await inBulkSession(db, (s) => writePostgresIndex(s, ids))
        after = ids.at(-1)!
        done += ids.length
        onProgress?.(done, Number(n))
      }
      await kysely.deleteFrom('search_candidates').execute()
      await sql`analyze search_documents`.execute(kysely)
      for (const lexeme of await frequentLexemes(kysely, rankAllLimit))
        await buildCandidates(kysely, quoteLexeme(lexeme), perAtom)
    },
  }
}

interface OnlyThese {
  ids: string[]
  builtSeq: number
}

const PLAN = z.tuple([z.object({ 'QUERY PLAN': z.tuple([z.object({ Plan: z.object({ 'Plan Rows': z.number() }) })]) })])

/** Offset and limit within MAX_RESULTS. */
function window(request: SearchRequest): { offset: number; limit: number } {
  const offset = Math.max(0, Math.min(MAX_RESULTS, Math.trunc(request.offset)))
  const limit = Math.max(0, Math.min(MAX_RESULTS - offset, Math.trunc(request.limit)))
  return { offset, limit }
}

function conditionsOf(
  eb: Parameters<typeof filtersOf>[0],
  request: SearchRequest,
  tsquery: string | null,
  excluded: string | null,
) {
  const conditions = filtersOf(eb, request)
  if (tsquery) conditions.push(matches(eb, tsquery))
  else if (excluded) conditions.push(eb.not(matches(eb, excluded)))
  return conditions
}

/** The boosted order of ranked papers (boost.ts), one page of it. */
function boosted(rows: Scored[], request: SearchRequest): RankedPage['ranked'] {
  const now = Date.now()
  const { offset, limit } = window(request)
  return rows
    .map((r) => ({ id: r.id, score: boostedScore(r.rank, r.published_at, Number(r.upvotes), now) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(offset, offset + limit)
}
