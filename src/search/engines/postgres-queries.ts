/** The queries of PostgreSQL's search engine, each taking the connection (or transaction) first. */
import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { MAX_RESULTS, type SearchRequest } from '../model.js'
import type { WeightedTerm } from '../engine.js'
import type { CandidateList } from './postgres-candidates.js'
import { quoteLexeme } from './postgres-document.js'
import { filtersOf, matches, matchesEach, rankOf, type SearchDb } from './postgres-filters.js'

/** A ranked match with what the boosts need, and how many papers matched in all. */
export interface Scored {
  id: string
  rank: number
  published_at: string | null
  upvotes: number
  matched: number
}

/** Candidates: these papers, and every paper written after the lists were built. */
export interface OnlyThese {
  ids: string[]
  builtSeq: number
}

/**
 * The `limit` best matches by rank (all with null), best first. The catalog is joined only for
 * them (their upvotes): joined before the limit, the plan would read the whole papers table.
 */
export function rankedMatches(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: { match: string; rank: string; near: string | null },
  limit: number | null,
  only?: OnlyThese,
): Promise<Scored[]> {
  const best = q
    .selectFrom('search_documents as d')
    .select([
      'd.paper_id',
      'd.published_at',
      rankOf(tsquery.rank, tsquery.near).as('rank'),
      sql<number>`count(*) over ()`.as('matched'),
    ])
    .where((eb) => {
      const conditions = [only ? matchesEach(tsquery.match) : matches(eb, tsquery.match), ...filtersOf(eb, request)]
      if (only) {
        const listed = eb('d.paper_id', '=', sql<string>`any(${only.ids}::text[])`)
        conditions.push(eb.or([listed, eb('d.indexed_seq', '>', only.builtSeq)]))
      }
      return eb.and(conditions)
    })
    .orderBy('rank', 'desc')
    .orderBy('d.paper_id')
    .$if(limit !== null, (qb) => qb.limit(limit!))
  return q
    .selectFrom(best.as('b'))
    .innerJoin('papers as p', 'p.id', 'b.paper_id')
    .select(['b.paper_id as id', 'b.published_at', 'b.rank', 'b.matched', 'p.upvotes'])
    .orderBy('b.rank', 'desc')
    .orderBy('b.paper_id')
    .execute()
}

/**
 * The `limit` best matches of a one-atom query from its candidate list, whose stored ranks stand
 * for every listed paper unchanged since: only the papers written after the list was built are
 * ranked, so no listed paper's tsvector is read (unless the query excludes a word, to test it).
 */
export function listedMatches(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: { match: string; rank: string; excluded: string | null },
  list: CandidateList,
  limit: number,
): Promise<Omit<Scored, 'matched'>[]> {
  const listed = sql<{
    paper_id: string
    rank: number
  }>`(select unnest(${list.ids}::text[]) as paper_id, unnest(${list.ranks}::real[]) as rank)`
  const unchanged = q
    .selectFrom(listed.as('l'))
    .innerJoin('search_documents as d', 'd.paper_id', 'l.paper_id')
    .select(['d.paper_id', 'd.published_at', 'l.rank'])
    .where((eb) => {
      const conditions = [eb('d.indexed_seq', '<=', list.builtSeq), ...filtersOf(eb, request)]
      if (tsquery.excluded) conditions.push(eb.not(matchesEach(tsquery.excluded)))
      return eb.and(conditions)
    })
  const written = q
    .selectFrom('search_documents as d')
    .select(['d.paper_id', 'd.published_at', rankOf(tsquery.rank).as('rank')])
    .where((eb) =>
      eb.and([eb('d.indexed_seq', '>', list.builtSeq), matchesEach(tsquery.match), ...filtersOf(eb, request)]),
    )
  const best = unchanged.unionAll(written).orderBy('rank', 'desc').orderBy('paper_id').limit(limit)
  return q
    .selectFrom(best.as('b'))
    .innerJoin('papers as p', 'p.id', 'b.paper_id')
    .select(['b.paper_id as id', 'b.published_at', 'b.rank', 'p.upvotes'])
    .orderBy('b.rank', 'desc')
    .orderBy('b.paper_id')
    .execute()
}

/**
 * The papers holding the most of these terms by their summed weight, best first, from the GIN
 * index alone: a lexeme without a field is answered by its posting list with no recheck, so each
 * match costs a heap visit for its id, and no paper's tsvector is read. Ranking the same matches
 * with ts_rank read every one's tsvector (and the lists path built a list per term): 133 ms a
 * paper at 60k papers, against a few here (docs/decisions/0018-search-by-meaning.md).
 */
export async function papersSharing(
  q: Kysely<SearchDb>,
  terms: readonly WeightedTerm[],
  limit: number,
): Promise<string[]> {
  if (terms.length === 0) return []
  // A few thousand heap visits: starting workers to share them costs more than it saves. Each
  // lexeme is a sub-select so that the planner does not estimate it: that unpacks the column's
  // 10,000 most common lexemes per term, some 1.5 ms of the statement's CPU each.
  await sql`select set_config('max_parallel_workers_per_gather', '0', true)`.execute(q)
  const holding = terms.map(
    (t) =>
      sql`select d.paper_id, ${t.weight}::float8 as weight from search_documents d where d.document @@ (select ${quoteLexeme(t.token)}::tsquery)`,
  )
  const { rows } = await sql<{ paper_id: string }>`select paper_id from (${sql.join(holding, sql` union all `)}) h
    group by paper_id order by sum(weight) desc, paper_id limit ${limit}`.execute(q)
  return rows.map((r) => r.paper_id)
}

/** The planner's estimate of how many papers match (EXPLAIN: no row is read). */
export async function estimateMatches(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: string | null,
  excluded: string | null,
): Promise<number> {
  const query = q
    .selectFrom('search_documents as d')
    .select('d.paper_id')
    .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
  const { rows } = await sql`explain (format json) ${query}`.execute(q)
  return PLAN.parse(rows)[0]['QUERY PLAN'][0].Plan['Plan Rows']
}

const PLAN = z.tuple([z.object({ 'QUERY PLAN': z.tuple([z.object({ Plan: z.object({ 'Plan Rows': z.number() }) })]) })])

export async function countMatches(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: string | null,
  excluded: string | null,
): Promise<number> {
  const row = await q
    .selectFrom('search_documents as d')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One page of matches newest first, or most upvoted first: no ranking, every match qualifies alike. */
export async function orderedMatches(
  q: Kysely<SearchDb>,
  request: SearchRequest,
  tsquery: string | null,
  excluded: string | null,
): Promise<string[]> {
  const { offset, limit } = pageOf(request)
  const rows = await q
    .selectFrom('search_documents as d')
    .innerJoin('papers as p', 'p.id', 'd.paper_id')
    .select('d.paper_id')
    .where((eb) => eb.and(conditionsOf(eb, request, tsquery, excluded)))
    .$if(request.sort === 'upvotes', (qb) => qb.orderBy('p.upvotes', 'desc'))
    .orderBy(sql`d.published_at desc nulls last`)
    .orderBy('d.paper_id')
    .offset(offset)
    .limit(limit)
    .execute()
  return rows.map((r) => r.paper_id)
}

/** The rank of each of these papers (the score shown beside a newest-first page). */
export async function ranksOf(
  q: Kysely<SearchDb>,
  ids: string[],
  tsquery: { rank: string; near: string | null },
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map()
  const rows = await q
    .selectFrom('search_documents as d')
    .select(['d.paper_id', rankOf(tsquery.rank, tsquery.near).as('rank')])
    .where('d.paper_id', '=', sql<string>`any(${ids}::text[])`)
    .execute()
  return new Map(rows.map((r) => [r.paper_id, r.rank]))
}

/** The request's offset and limit, within MAX_RESULTS. */
export function pageOf(request: SearchRequest): { offset: number; limit: number } {
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
