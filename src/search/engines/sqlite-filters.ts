/** A search's filters on the papers table (alias `p`), and the page window it asks for. */
import { type RawBuilder, sql } from 'kysely'
import { MAX_RESULTS, type SearchRequest } from '../model.js'

/** Every category the search asks for, lowercased: the query's `cat:` and the page's filter, any of them. */
export function requestedCategories(request: SearchRequest): string[] {
  const all = [...request.query.categories, ...(request.categories ?? [])].map((c) =>
    c
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .trim()
      .toLowerCase(),
  )
  return [...new Set(all.filter(Boolean))]
}

/** Whether anything beyond the text narrows the search (dates, code). Categories are matched in FTS5. */
export function hasPaperFilters(request: SearchRequest): boolean {
  return !!(request.query.years || request.from || request.until || request.hasCode)
}

/** A search's range of arXiv dates, half-open [from, until) as ISO text; either end may be open. */
export interface PublishedRange {
  from: string | null
  until: string | null
}

/** The dates a search asks for, its `year:` and the page's from/until together; null when it asks none. */
export function publishedRange(request: SearchRequest): PublishedRange | null {
  const years = request.query.years
  const froms = [years ? `${pad(years.from)}-01-01` : null, request.from || null].filter((d) => d !== null)
  const untils = [years ? `${pad(years.until + 1)}-01-01` : null, request.until || null].filter((d) => d !== null)
  if (froms.length === 0 && untils.length === 0) return null
  // Text compares as SQLite's BINARY collation does for ISO dates: the later start, the earlier end.
  return { from: froms.sort().at(-1) ?? null, until: untils.sort()[0] ?? null }
}

/** The date and code filters as conditions on `p`, ANDed; null when there are none. */
export function paperFilters(request: SearchRequest): RawBuilder<unknown> | null {
  const range = publishedRange(request)
  const conditions: RawBuilder<unknown>[] = []
  if (range?.from) conditions.push(sql`p.published_at >= ${range.from}`)
  if (range?.until) conditions.push(sql`p.published_at < ${range.until}`)
  const code = codeFilter(request)
  if (code) conditions.push(code)
  return conditions.length > 0 ? sql.join(conditions, sql` and `) : null
}

/** The "has code" filter as a condition on `p`; null when not asked. */
export function codeFilter(request: SearchRequest): RawBuilder<unknown> | null {
  return request.hasCode ? sql`p.github_repo is not null` : null
}

/** A year as ISO dates write it (four digits), so that text comparison orders it right. */
function pad(year: number): string {
  return String(Math.max(0, Math.min(9999, Math.trunc(year)))).padStart(4, '0')
}

/**
 * Categories as a condition on `p.categories` (space-separated, as arXiv spells them), for the
 * listing that walks papers by date instead of asking FTS5: `cs.lg` is that category, an archive
 * (`cs`, `hep-th`) is itself or any of its categories. LIKE is case-insensitive for ASCII.
 */
export function categoriesCondition(categories: readonly string[]): RawBuilder<unknown> {
  const spaced = sql`(' ' || p.categories || ' ')`
  const like = (pattern: string) => sql`${spaced} like ${pattern} escape '\\'`
  return sql`(${sql.join(
    categories.flatMap((c) => {
      const escaped = c.replace(/[\\%_]/g, (ch) => `\\${ch}`)
      return c.includes('.') ? [like(`% ${escaped} %`)] : [like(`% ${escaped} %`), like(`% ${escaped}.%`)]
    }),
    sql` or `,
  )})`
}

/** The rows a page needs from the top of the ranking, or null when the page lies past MAX_RESULTS. */
export function pageWindow(request: SearchRequest): { offset: number; limit: number } | null {
  const offset = Math.max(0, Math.trunc(request.offset))
  const limit = Math.min(Math.max(0, Math.trunc(request.limit)), MAX_RESULTS - offset)
  return limit > 0 ? { offset, limit } : null
}
