/**
 * SQLite's search engine: FTS5 with bm25 over title, authors and abstract, the boosts on the best
 * matches, and bounded candidates for the queries whose every term is common
 * (docs/decisions/0016-search.md).
 */
import type { Db } from '../../platform/db/connect.js'
import { rerankWithBoost, rowsForPage, type Scored } from '../candidates.js'
import type { RankedPage, SearchEngine } from '../engine.js'
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
import { rebuildSqliteIndex } from './sqlite-rebuild.js'
import { sql } from 'kysely'

export { createSqliteIndex, writeSqliteIndex } from './sqlite-index.js'

/**
 * Totals are counted up to this many matches; past it a total is an estimate. Counting is cheap
 * next to ranking, but not free at a third of all of arXiv.
 */
export const COUNT_CAP = 10_000

const EMPTY: RankedPage = { ranked: [], total: { value: 0, exact: true } }

/** What the planner weighs; the defaults are the engine's, a test sets them low to force the candidate path. */
export interface SqliteEngineOptions {
  /** Queries expected to match at most this many papers are ranked exhaustively. */
  cheapCost: number
  /** Papers kept per term in its candidate list. */
  listSize: number
}

export function sqliteEngine(db: Db): SearchEngine {
  return createSqliteEngine(db, {})
}

export function createSqliteEngine(db: Db, _options: Partial<SqliteEngineOptions>): SearchEngine {
  return {
    search: (request) => exhaustiveSearch(db, request),
    exhaustive: (request) => exhaustiveSearch(db, request),
    rebuild: (onProgress) => rebuildSqliteIndex(db, onProgress),
  }
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
    return { ranked: found.map((f) => ({ id: f.id, score: f.score })), total }
  }
  const found = await matchRows(db, match, filters, 'relevance', 0, rowsForPage(window.offset, window.limit))
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
async function listing(db: Db, request: SearchRequest): Promise<RankedPage> {
  const query = boundedQuery(request.query)
  const categories = requestedCategories(request)
  if (categories.length === 0 && query.excluded.length === 0 && !hasPaperFilters(request)) return EMPTY
  const conditions = sql`${paperFilters(request)} and ${categories.length > 0 ? categoriesCondition(categories) : sql`1`}`
  const excluded = excludedExpression(query.excluded)
  const count = await countListed(db, conditions, excluded, COUNT_CAP + 1)
  const total = { value: Math.min(count, COUNT_CAP), exact: count <= COUNT_CAP }
  const window = pageWindow(request)
  if (!window) return { ranked: [], total }
  const found = await listRows(db, conditions, excluded, request.sort, window.offset, window.limit)
  return { ranked: found.map((f) => ({ id: f.id, score: f.score })), total }
}
