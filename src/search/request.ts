import { z } from 'zod'
import { addDays, parseDay } from '../papers/period.js'
import { badRequest } from '../platform/http/http-error.js'
import { pageNumber } from '../platform/http/params.js'
import { MAX_RESULTS, type ParsedQuery, type SearchRequest, type SearchSort } from './model.js'

/** Hugging Face caps a search at 250 characters; so do we, with the same limit on every route. */
export const MAX_QUERY_LENGTH = 250
/** Results on one search page: a screen or two, as Hugging Face and arXiv show. */
export const PAGE_SIZE = 20
/** The API's largest page; a client that wants more pages through them. */
export const MAX_PER_PAGE = 100
const MAX_CATEGORIES = 5 // more than a handful of categories is browsing, not a filter

/** Hugging Face's bounds on `/api/papers/search`: at most 120 results, 50 unless asked. */
export const HF_MAX_LIMIT = 120
export const HF_DEFAULT_LIMIT = 50

/** The date presets of the filter, in days back from today. */
export const WITHIN_DAYS = { week: 7, month: 30, year: 365 } as const
export type Within = keyof typeof WITHIN_DAYS

export const SORTS = ['relevance', 'newest', 'upvotes'] as const satisfies readonly SearchSort[]

// An arXiv category or archive: cs, cs.LG, hep-th, cond-mat.stat-mech, q-fin.CP.
const CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/

const day = (name: string) =>
  z
    .string()
    .max(10, `${name} must be a date like 2024-01-31`)
    .refine((s) => parseDay(s) !== null, `${name} must be a date like 2024-01-31`)
    .optional()

const flag = z
  .enum(['0', '1', 'true', 'false', 'on', 'off'], { message: 'has_code must be true or false' })
  .transform((v) => v === '1' || v === 'true' || v === 'on')

/**
 * The parameters of a search, as the page's form and `/api/v1/search` send them. `from` and
 * `until` are inclusive days; a `within` preset (past week, month, year) takes their place.
 */
const searchParams = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, `a search is at most ${MAX_QUERY_LENGTH} characters`).default(''),
    category: z
      .string()
      .max(200, 'category is too long')
      .transform((s) => [...new Set(s.split(/[\s,]+/).filter(Boolean))])
      .refine((cs) => cs.length <= MAX_CATEGORIES, `give at most ${MAX_CATEGORIES} categories`)
      .refine((cs) => cs.every((c) => CATEGORY.test(c)), 'category must be arXiv categories like cs.LG or hep-th')
      .default([]),
    within: z
      .enum(['any', 'week', 'month', 'year', 'custom'], { message: 'within must be week, month, year or custom' })
      .default('any'),
    from: day('from'),
    until: day('until'),
    has_code: flag.default(false),
    sort: z.enum(SORTS, { message: 'sort must be relevance, newest or upvotes' }).default('relevance'),
    page: pageNumber(),
    per_page: z.coerce
      .number({ message: 'per_page must be a number' })
      .int('per_page must be a whole number')
      .min(1, `per_page must be between 1 and ${MAX_PER_PAGE}`)
      .max(MAX_PER_PAGE, `per_page must be between 1 and ${MAX_PER_PAGE}`)
      .default(PAGE_SIZE),
  })
  .refine((p) => !p.from || !p.until || p.from <= p.until, { message: 'from must be on or before until' })
  .refine((p) => (p.page - 1) * p.per_page < MAX_RESULTS, {
    message: `only the first ${MAX_RESULTS} results of a search are served; narrow it down instead of paging further`,
  })

/** A search as asked: the text typed and the filters beside it, each in one normalized form. */
export interface SearchOptions {
  q: string
  categories: string[]
  /** A preset, or null when the days below apply. */
  within: Within | null
  /** Inclusive days. */
  from: string | null
  until: string | null
  hasCode: boolean
  sort: SearchSort
  page: number
  perPage: number
}

/** Reads a search's query parameters; blank form fields count as absent. A bad one is a 400 naming it. */
export function parseSearchOptions(query: Record<string, string>): SearchOptions {
  const present = Object.fromEntries(Object.entries(query).filter(([k, v]) => v.trim() !== '' || k === 'q'))
  const parsed = searchParams.safeParse(present)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw badRequest(`${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
  }
  const p = parsed.data
  const preset = p.within === 'any' || p.within === 'custom' ? null : p.within
  return {
    q: p.q.trim(),
    categories: p.category,
    within: preset,
    from: preset ? null : (p.from ?? null),
    until: preset ? null : (p.until ?? null),
    hasCode: p.has_code,
    sort: p.sort,
    page: p.page,
    perPage: p.per_page,
  }
}

/** Whether any filter beside the query text is set (an empty result then suggests dropping them). */
export function hasFilters(o: SearchOptions): boolean {
  return o.categories.length > 0 || o.within !== null || o.from !== null || o.until !== null || o.hasCode
}

/**
 * Whether a search asks for anything: words, a category or a year to browse by, or a filter. An
 * empty one is not sent to the engine: the page shows its guide, the API an empty list.
 */
export function asksForSomething(q: ParsedQuery, o?: SearchOptions): boolean {
  return q.groups.length > 0 || q.categories.length > 0 || q.years !== null || (o !== undefined && hasFilters(o))
}

/** What the engine is asked: the inclusive days turned into the model's half-open range. */
export function toSearchRequest(o: SearchOptions, query: ParsedQuery, today: string): SearchRequest {
  const from = o.within ? addDays(today, -WITHIN_DAYS[o.within]) : o.from
  const until = o.within ? null : o.until && addDays(o.until, 1)
  const offset = (o.page - 1) * o.perPage
  return {
    query,
    ...(o.categories.length > 0 && { categories: o.categories }),
    ...(from && { from }),
    ...(until && { until }),
    ...(o.hasCode && { hasCode: true }),
    sort: o.sort,
    offset,
    // Never past MAX_RESULTS, even on the last page it allows.
    limit: Math.min(o.perPage, MAX_RESULTS - offset),
  }
}

/** The URL parameters of a search, in the form's order, defaults left out: links keep the search as asked. */
export function searchParamsOf(o: SearchOptions, changes: Partial<SearchOptions> = {}): URLSearchParams {
  const s = { ...o, ...changes }
  const params = new URLSearchParams()
  params.set('q', s.q)
  if (s.categories.length > 0) params.set('category', s.categories.join(' '))
  if (s.within) params.set('within', s.within)
  if (s.from) params.set('from', s.from)
  if (s.until) params.set('until', s.until)
  if (s.hasCode) params.set('has_code', '1')
  if (s.sort !== 'relevance') params.set('sort', s.sort)
  if (s.perPage !== PAGE_SIZE) params.set('per_page', String(s.perPage))
  if (s.page > 1) params.set('page', String(s.page))
  return params
}
