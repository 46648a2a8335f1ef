/** The filters of the query language: `cat:cs.LG` and `year:2024`, `year:2022..2024`. */
import { FIRST_YEAR, LAST_YEAR } from '../papers/period.js'
import type { YearRange } from './model.js'
import { shorten } from './query-lexer.js'

/** `cs.LG`, `cs`, `hep-th`, `cond-mat.stat-mech`: an arXiv archive, or archive.subject. */
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[a-z]+(?:-[a-z]+)?)?$/
const MAX_CATEGORY_LENGTH = 32

/** The category, lowercased as the catalog stores it, or null (with a note) for what is not one. */
export function readCategory(value: string, notes: string[]): string | null {
  const category = value.trim().toLowerCase()
  if (category.length <= MAX_CATEGORY_LENGTH && CATEGORY.test(category)) return category
  notes.push(`“${shorten(value)}” is not an arXiv category, so cat: was ignored.`)
  return null
}

/** The years of `2024` or `2022..2024` (a reversed range swapped), or null (with a note). */
export function readYears(value: string, notes: string[]): YearRange | null {
  const m = /^(\d{4})(?:\.\.(\d{4}))?$/.exec(value.trim())
  const from = Number(m?.[1])
  const until = Number(m?.[2] ?? m?.[1])
  const isServed = (y: number) => y >= FIRST_YEAR && y <= LAST_YEAR
  if (!m || !isServed(from) || !isServed(until)) {
    notes.push(`“year:${shorten(value)}” is not a year (2024) or a range of years (2022..2024) and was ignored.`)
    return null
  }
  return { from: Math.min(from, until), until: Math.max(from, until) }
}
