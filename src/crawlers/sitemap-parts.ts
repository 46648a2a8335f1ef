import type { PaperMonth } from '../papers/sitemap-store.js'
import { type Period, parseMonth } from '../papers/period.js'

/**
 * The sitemaps protocol allows 50,000 URLs per sitemap. At ~110 bytes a URL that is ~6 MB, well
 * inside its other limit of 50 MB.
 */
export const MAX_URLS_PER_SITEMAP = 50_000

/** One sitemap of paper pages: a month, or a part of a month too big for one. */
export interface SitemapPart {
  /** `2026-08` for a month's first (usually only) part, `2026-08-2` for its second. */
  name: string
  /** The latest change to the month's papers. */
  lastModified: string
}

export function splitMonths(months: PaperMonth[]): SitemapPart[] {
  return months.flatMap(({ month, papers, lastModified }) => {
    const parts = Math.ceil(papers / MAX_URLS_PER_SITEMAP)
    return Array.from({ length: parts }, (_, i) => ({ name: partName(month, i + 1), lastModified }))
  })
}

/** Reads a name written by `splitMonths`; `2026-08-1` is not one (the first part has no number). */
export function parsePartName(name: string): { period: Period; part: number } | null {
  const m = /^(\d{4}-\d{2})(?:-([2-9]|[1-9]\d{1,5}))?$/.exec(name)
  const period = m && parseMonth(m[1]!)
  if (!period) return null
  return { period, part: m[2] ? Number(m[2]) : 1 }
}

const partName = (month: string, part: number) => (part === 1 ? month : `${month}-${part}`)
