import { isFiledUnder, latestCategoryDay } from '../papers/category-store.js'
import { parseDay } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { badRequest, notFound } from '../platform/http/http-error.js'
import { isCategoryCode } from './sections.js'
import { ARCHIVES, categoryName } from './taxonomy.js'

const shown = (s: string) => JSON.stringify(s.slice(0, 40)).slice(1, -1) + (s.length > 40 ? '…' : '')

/** Taxonomy codes by their lowercase spelling, so `/c/cs.lg` finds cs.LG. */
const CANONICAL = new Map(
  ARCHIVES.flatMap((a) => [a.code, ...Object.keys(a.categories)]).map((c) => [c.toLowerCase(), c]),
)

/**
 * The category (or archive) code an address names, spelled as arXiv spells it (`cs.lg` → `cs.LG`);
 * a 400 for what cannot be one.
 */
export function parseCategoryCode(raw: string): string {
  if (!isCategoryCode(raw)) {
    throw badRequest(`“${shown(raw)}” is not an arXiv category. Categories look like cs.LG, hep-th or math.AG.`)
  }
  return CANONICAL.get(raw.toLowerCase()) ?? raw
}

/** A day in an address; a 400 for anything but a real date. */
export function parseCategoryDay(raw: string): string {
  const day = parseDay(raw)
  if (!day) throw badRequest(`“${shown(raw)}” is not a date: use one like 2026-08-21.`)
  return day.key
}

/**
 * The day a category's page shows when none is asked for: its latest with announcements. A code
 * arXiv's taxonomy lacks (an old category, a new one) is a category here only if some paper is
 * filed under it; otherwise a 404, found with one index lookup rather than a walk of the catalog.
 */
export async function categoryLatestDay(db: Db, code: string): Promise<string | null> {
  if (!categoryName(code) && !(await isFiledUnder(db, code))) {
    throw notFound(`There is no arXiv category “${code}” with papers here. The index at /c lists every category.`)
  }
  return latestCategoryDay(db, code)
}
