import type { ExpressionBuilder } from 'kysely'
import type { Db } from '../platform/db/connect.js'
import type { Database } from '../platform/db/schema.js'
import type { Paper } from './model.js'
import { listingDayOf, listingWindow } from './listing-days.js'
import { addDays } from './period.js'
import { getPapers } from './store.js'

/**
 * The queries behind the category views (docs/decisions/0028-category-views.md). A category's day
 * is arXiv's listing day (listing-days.ts): it holds the papers in it whose first version arXiv
 * lists that day (new submissions and cross-lists) and those whose latest version, 2 or later, it
 * lists that day (replacements). Each query walks the day's submission window of
 * `papers_published_at` or `papers_updated_at` and tests membership on the rows it meets, so a day
 * reads that day's papers, not the catalog. Papers an admin hid from the feed are left out.
 */

/** Where listing day `day`'s submission window starts, and where it ends. */
const startOf = (day: string) => listingWindow(day).start
const endOf = (day: string) => listingWindow(day).end

/**
 * `categories` (space-separated, primary first) holds `category`. LIKE is case-insensitive in
 * SQLite, so callers check the parsed list again (sections.ts); a category code holds no `%` or `_`.
 */
function holds(eb: ExpressionBuilder<Database, 'papers'>, category: string) {
  return eb.or([
    eb('categories', '=', category),
    eb('categories', 'like', `${category} %`),
    eb('categories', 'like', `% ${category}`),
    eb('categories', 'like', `% ${category} %`),
  ])
}

const listed = (db: Db) => db.kysely.selectFrom('papers').where('hidden_at', 'is', null)

/**
 * The papers of `category` first published or replaced on the listing days from `start` to `end`
 * (exclusive): its announcements over those days, at most `limit` of each kind, newest first.
 */
export async function categoryPapersBetween(
  db: Db,
  category: string,
  range: { start: string; end: string },
  limit: number,
): Promise<Paper[]> {
  const [published, replaced] = await Promise.all([
    listed(db)
      .select('id')
      .where('published_at', '>=', startOf(range.start))
      .where('published_at', '<', endOf(addDays(range.end, -1)))
      .where((eb) => holds(eb, category))
      .orderBy('published_at', 'desc')
      .limit(limit)
      .execute(),
    listed(db)
      .select('id')
      .where('updated_at', '>=', startOf(range.start))
      .where('updated_at', '<', endOf(addDays(range.end, -1)))
      .where('version', '>', 1)
      .where((eb) => holds(eb, category))
      .orderBy('updated_at', 'desc')
      .limit(limit)
      .execute(),
  ])
  const ids = [...new Set([...published, ...replaced].map((r) => r.id))]
  return getPapers(db, ids, { listed: true })
}

/** The papers of `category` announced on `day`: every one, since a day is what the page shows. */
export function categoryDayPapers(db: Db, category: string, day: string, limit: number): Promise<Paper[]> {
  return categoryPapersBetween(db, category, { start: day, end: addDays(day, 1) }, limit)
}

/** The latest day `category` has announcements on, or null when it has none. */
export async function latestCategoryDay(db: Db, category: string): Promise<string | null> {
  const [published, replaced] = await Promise.all([
    nearest(db, 'published_at', category, 'desc'),
    nearest(db, 'updated_at', category, 'desc'),
  ])
  return latest(published, replaced)
}

/** The nearest days before and after `day` on which `category` has announcements. */
export async function categoryDaysAround(
  db: Db,
  category: string,
  day: string,
): Promise<{ before: string | null; after: string | null }> {
  const [pb, rb, pa, ra] = await Promise.all([
    nearest(db, 'published_at', category, 'desc', { before: startOf(day) }),
    nearest(db, 'updated_at', category, 'desc', { before: startOf(day) }),
    nearest(db, 'published_at', category, 'asc', { from: endOf(day) }),
    nearest(db, 'updated_at', category, 'asc', { from: endOf(day) }),
  ])
  const earliest = [pa, ra].filter((d): d is string => d !== null).sort()[0] ?? null
  return { before: latest(pb, rb), after: earliest }
}

const latest = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b))

/**
 * The day of the newest (`desc`) or oldest (`asc`) paper of `category` by `column`, within the
 * bound. First among the papers filed under it (its primary category): one step down
 * `papers_by_primary_*`. Then among all that hold it, but only nearer than that paper: a walk down
 * `column`'s own index that stops at the first paper in the category, and is short because papers
 * filed under a category come often. Only a category that is never anyone's primary walks far.
 */
async function nearest(
  db: Db,
  column: 'published_at' | 'updated_at',
  category: string,
  direction: 'asc' | 'desc',
  bound: { before?: string; from?: string } = {},
): Promise<string | null> {
  const first = (narrow: (qb: ReturnType<typeof listed>) => ReturnType<typeof listed>) =>
    narrow(listed(db))
      .select(column)
      .where(column, 'is not', null)
      .$if(column === 'updated_at', (qb) => qb.where('version', '>', 1))
      .$if(!!bound.before, (qb) => qb.where(column, '<', bound.before!))
      .$if(!!bound.from, (qb) => qb.where(column, '>=', bound.from!))
      .orderBy(column, direction)
      .limit(1)
      .executeTakeFirst()
      .then((row) => row?.[column] ?? null)
  const filed = await first((qb) => qb.where('primary_category', '=', category))
  const nearer = await first((qb) =>
    qb
      .where((eb) => holds(eb, category))
      .$if(!!filed, (q) => q.where(column, direction === 'desc' ? '>' : '<', filed!)),
  )
  const found = nearer ?? filed
  return found ? listingDayOf(found) : null
}

/** What the index of categories needs of a paper announced on a day: what places it in sections. */
export type AnnouncedPaper = Pick<Paper, 'categories' | 'publishedAt' | 'updatedAt' | 'version'>

/** The latest listing day of any paper with categories, first published or replaced, or null. */
export async function latestAnnouncementDay(db: Db): Promise<string | null> {
  const newest = (column: 'published_at' | 'updated_at') =>
    listed(db)
      .select(column)
      .where(column, 'is not', null)
      .where('categories', '!=', '')
      .$if(column === 'updated_at', (qb) => qb.where('version', '>', 1))
      .orderBy(column, 'desc')
      .limit(1)
      .executeTakeFirst()
      .then((row) => (row?.[column] ? listingDayOf(row[column]) : null))
  const [published, replaced] = await Promise.all([newest('published_at'), newest('updated_at')])
  return latest(published, replaced)
}

/** Every paper with categories published or replaced on `day`: only the fields that place it. */
export async function announcedOn(db: Db, day: string): Promise<AnnouncedPaper[]> {
  const range = (column: 'published_at' | 'updated_at') =>
    listed(db)
      .select(['id', 'categories', 'published_at', 'updated_at', 'version'])
      .where(column, '>=', startOf(day))
      .where(column, '<', endOf(day))
      .where('categories', '!=', '')
      .$if(column === 'updated_at', (qb) => qb.where('version', '>', 1))
      .execute()
  const [published, replaced] = await Promise.all([range('published_at'), range('updated_at')])
  const byId = new Map([...published, ...replaced].map((r) => [r.id, r]))
  return [...byId.values()].map((r) => ({
    categories: r.categories.split(' '),
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    version: r.version,
  }))
}

/**
 * How many papers have each primary category: the categories that have papers at all. Read from
 * `papers_by_primary_published` alone, so papers hidden from the feed (a handful) are counted too.
 */
export async function primaryCategoryCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(['primary_category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('primary_category', 'is not', null)
    .groupBy('primary_category')
    .execute()
  return new Map(rows.map((r) => [r.primary_category!, Number(r.n)]))
}

/** Whether any paper is filed under `category` (has it as its primary category): one index lookup. */
export async function isFiledUnder(db: Db, category: string): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('papers')
    .select('id')
    .where('primary_category', '=', category)
    .limit(1)
    .executeTakeFirst()
  return !!row
}
