/**
 * SQLite's exact answers: every match ranked by FTS5's `ORDER BY rank` (cheap queries, and the
 * benchmark's reference), the listing of a query without a positive word, and counted totals
 * (docs/decisions/0016-search.md).
 */
import { type RawBuilder, sql } from 'kysely'
import type { Db } from '../../platform/db/connect.js'
import { asRanked, rerankWithBoost, rowsForPage, type Scored } from '../candidates.js'
import type { RankedPage } from '../engine.js'
import type { SearchRequest } from '../model.js'
import {
  categoriesCondition,
  hasPaperFilters,
  pageWindow,
  paperFilters,
  requestedCategories,
} from './sqlite-filters.js'
import { boundedQuery, excludedExpression, matchExpression } from './sqlite-match.js'
import { countListed, countMatches, listRows, matchRows } from './sqlite-queries.js'

/**
 * Totals are counted up to this many matches; past it a total is an estimate. Counting is cheap
 * next to ranking, but not free at a third of all of arXiv.
 */
export const COUNT_CAP = 10_000

const EMPTY: RankedPage = { ranked: [], total: { value: 0, exact: true } }

/** Counted when the query is cheap; an estimate from the term counts when it is not. */
export async function totalOf(
  db: Db,
  match: string,
  filters: RawBuilder<unknown> | null,
  cheap: boolean,
  estimate: number,
) {
  if (!cheap) return { value: estimate, exact: false }
  const count = await countMatches(db, match, filters, COUNT_CAP + 1)
  return { value: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP }
}

/** Every match scored by FTS5's `ORDER BY rank`, then the boosts on the best of them. */
export async function exhaustiveSearch(db: Db, request: SearchRequest): Promise<RankedPage> {
  const query = boundedQuery(request.query)
  const categories = requestedCategories(request)
  const window = pageWindow(request)
  const match = matchExpression(query.groups, query.excluded, categories)
  if (!match) return listing(db, request)
  const filters = paperFilters(request)
  const count = await countMatches(db, match, filters, COUNT_CAP + 1)
  const total = { value: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP }
  if (!window) return { ranked: [], total }
  if (request.sort !== 'relevance') {
    const found = await matchRows(db, match, filters, request.sort, window.offset, window.limit)
    return { ranked: found.map((f) => asRanked(f)), total }
  }
  const scored = query.groups.length > 0
  const found = await matchRows(db, match, filters, 'relevance', 0, rowsForPage(window.offset, window.limit), scored)
  return { ranked: servedPage(found, window.offset, window.limit), total }
}

/** The boosted order of text-ranked matches, cut to the page. */
export function servedPage(matches: readonly Scored[], offset: number, limit: number) {
  return rerankWithBoost(matches, Date.now()).slice(offset, offset + limit)
}

/**
 * A query without a positive word: the papers the filters let through, newest first (or most
 * upvoted), less those holding an excluded word. Nothing at all asked: nothing found.
 */
export async function listing(db: Db, request: SearchRequest): Promise<RankedPage> {
  const query = boundedQuery(request.query)
  const categories = requestedCategories(request)
  if (categories.length === 0 && query.excluded.length === 0 && !hasPaperFilters(request)) return EMPTY
  const conditions = sql`${paperFilters(request) ?? sql`1`} and ${categories.length > 0 ? categoriesCondition(categories) : sql`1`}`
  const excluded = excludedExpression(query.excluded)
  const count = await countListed(db, conditions, excluded, COUNT_CAP + 1)
  const total = { value: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP }
  const window = pageWindow(request)
  if (!window) return { ranked: [], total }
  const found = await listRows(db, conditions, excluded, request.sort, window.offset, window.limit)
  return { ranked: found.map((f) => asRanked(f)), total }
}
