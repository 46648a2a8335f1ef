import { categoryLatestDay, parseCategoryCode, parseCategoryDay } from '../categories/category.js'
import { categoryPath } from '../categories/paths.js'
import { announcedAt } from '../categories/sections.js'
import { categoryName } from '../categories/taxonomy.js'
import { categoryDayPapers, categoryPapersBetween } from '../papers/category-store.js'
import { addDays } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { LATEST_DAYS, LATEST_ITEMS, type PaperList } from './lists.js'

/** A category's busiest days announce about a thousand papers (cs.LG); a day is listed whole. */
export const CATEGORY_DAY_ITEMS = 2000

const categoryTitle = (code: string) => {
  const name = categoryName(code)
  return name ? `${code} (${name})` : code
}

/**
 * A category's feed: its announcements over the last LATEST_DAYS days it has any, newest first, a
 * replaced paper under its latest version's date (one item per paper, whatever its version).
 */
export function categoryFeedList(db: Db, rawCode: string): PaperList {
  const code = parseCategoryCode(rawCode)
  const path = categoryPath(code)
  return {
    key: path,
    path,
    title: `${categoryTitle(code)}: new on arXiv`,
    description: `New submissions, cross-lists and replacements in ${categoryTitle(code)}, newest first.`,
    async load() {
      const last = await categoryLatestDay(db, code)
      if (!last) return []
      const range = { start: addDays(last, 1 - LATEST_DAYS), end: addDays(last, 1) }
      const papers = await categoryPapersBetween(db, code, range, LATEST_ITEMS)
      return papers
        .map((paper) => ({ paper, date: announcedAt(paper) ?? `${last}T00:00:00.000Z` }))
        .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
        .slice(0, LATEST_ITEMS)
    },
  }
}

/** A category's day (its latest when `rawDay` is absent), for an export: every paper announced on it. */
export function categoryDayList(db: Db, rawCode: string, rawDay?: string): PaperList {
  const code = parseCategoryCode(rawCode)
  const day = rawDay === undefined ? undefined : parseCategoryDay(rawDay)
  const path = categoryPath(code, day)
  return {
    key: path,
    path,
    title: `${categoryTitle(code)}${day ? ` on ${day}` : ''}`,
    description: `The papers announced in ${categoryTitle(code)}${day ? ` on ${day}` : ' on its latest day'}.`,
    async load() {
      const latest = await categoryLatestDay(db, code)
      const shown = day ?? latest
      if (!shown) return []
      const papers = await categoryDayPapers(db, code, shown, CATEGORY_DAY_ITEMS)
      return papers.map((paper) => ({ paper, date: announcedAt(paper) ?? `${shown}T00:00:00.000Z` }))
    },
  }
}
