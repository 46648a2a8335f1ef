import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import type { Database } from '../../platform/db/schema.js'
import type { SearchRequest } from '../model.js'
import type { SearchTables } from './postgres-schema.js'

export type SearchDb = Database & SearchTables
type Eb = ExpressionBuilder<SearchDb & { d: SearchTables['search_documents'] }, 'd'>

/** ts_rank's weights for D, C, B, A: abstract (C) 0.2, authors (B) 0.4, title (A) 1 (decision 0016). */
export const RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
/**
 * ts_rank's normalization 1 divides by 1 + log(document length): among papers that use a word
 * alike, the shorter one, where the word weighs more, ranks first, as bm25 does; without it
 * thousands of papers tie.
 */
export const RANK_NORMALIZATION = 1

/**
 * The share of a query's proximity rank (`near`, postgres-tsquery.ts) added to its terms' rank:
 * measured on the relevance set (1,000 queries a kind), the terms alone gave title MRR 0.993 but
 * names typed as words 0.842 (0.926 by proximity alone); half of it kept both (decision 0016).
 */
export const PROXIMITY_WEIGHT = 0.5

/** The rank of `d.document` for a query's terms (a tsquery text), plus PROXIMITY_WEIGHT of its proximity rank. */
export function rankOf(terms: string, near: string | null = null) {
  const rank = sql<number>`ts_rank(${RANK_WEIGHTS}::float4[], d.document, ${terms}::tsquery, ${RANK_NORMALIZATION})`
  if (!near) return rank
  return sql<number>`(${rank} + ${PROXIMITY_WEIGHT}::float4 * ts_rank(${RANK_WEIGHTS}::float4[], d.document, ${near}::tsquery, ${RANK_NORMALIZATION}))`
}

export function matches(eb: Eb, tsquery: string): Expression<SqlBool> {
  return eb(sql`d.document`, '@@', sql`${tsquery}::tsquery`)
}

/**
 * The same test as `matches` in a form the GIN index cannot answer (the operator's function), for
 * papers already in hand: asked of the index, a broad word's whole posting list would be read to
 * test a few thousand candidates.
 */
export function matchesEach(tsquery: string): Expression<SqlBool> {
  return sql<SqlBool>`ts_match_vq(d.document, ${tsquery}::tsquery)`
}

/** The request's filters on `d` (search_documents): categories, years, day range, has code. */
export function filtersOf(eb: Eb, request: SearchRequest): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = []
  const anyOf = (categories: readonly string[]) =>
    eb(sql`d.categories`, '&&', sql`${categories.map((c) => c.toLowerCase())}::text[]`)
  if (request.query.categories.length > 0) conditions.push(anyOf(request.query.categories))
  if (request.categories && request.categories.length > 0) conditions.push(anyOf(request.categories))
  const years = request.query.years
  if (years) {
    conditions.push(eb('d.published_at', '>=', yearStart(years.from)))
    conditions.push(eb('d.published_at', '<', yearStart(years.until + 1)))
  }
  if (request.from) conditions.push(eb('d.published_at', '>=', dayStart(request.from)))
  if (request.until) conditions.push(eb('d.published_at', '<', dayStart(request.until)))
  if (request.hasCode) conditions.push(eb('d.has_code', '=', true))
  return conditions
}

// Years outside 1..9999 cannot be written as an ISO date; no paper lies there anyway.
function yearStart(year: number): string {
  const clamped = Math.min(10_000, Math.max(1, Math.trunc(year)))
  return clamped > 9999 ? '9999-12-31T23:59:59.999Z' : `${String(clamped).padStart(4, '0')}-01-01T00:00:00Z`
}

// The request's days are validated where they enter; this only keeps a malformed one from
// reaching PostgreSQL as an error.
function dayStart(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) throw new RangeError(`not a day: ${day}`)
  return `${day}T00:00:00Z`
}
