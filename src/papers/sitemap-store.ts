import { sql } from 'kysely'
import type { Db } from '../platform/db/connect.js'

/**
 * The queries behind the sitemaps: every paper page, grouped by the month the paper appeared on
 * arXiv (or entered the catalog, for a paper without a date), so that a month's sitemap only
 * changes while that month's papers do.
 */

export interface PaperMonth {
  /** `2026-08` */
  month: string
  papers: number
  /** The latest change to any of its papers (ISO-8601). */
  lastModified: string
}

export interface PaperStamp {
  id: string
  lastModified: string
}

const paperDate = sql<string>`coalesce(published_at, created_at)`

export async function listPaperMonths(db: Db): Promise<PaperMonth[]> {
  // Both branches name the month the same way; only the function that cuts it from a date differs.
  const month =
    db.dialect === 'sqlite' ? sql<string>`substr(${paperDate}, 1, 7)` : sql<string>`to_char(${paperDate}, 'YYYY-MM')`
  const rows = await db.kysely
    .selectFrom('papers')
    .select((eb) => [
      month.as('month'),
      eb.fn.countAll<number>().as('papers'),
      eb.fn.max('modified_at').as('last_modified'),
    ])
    .groupBy(month)
    .orderBy(month)
    .execute()
  return rows.map((r) => ({
    month: String(r.month),
    papers: Number(r.papers),
    lastModified: toIso(r.last_modified),
  }))
}

/** The papers of the day range [start, end), in id order so that a month splits the same way every time. */
export async function listPaperStamps(
  db: Db,
  range: { start: string; end: string },
  page: { offset: number; limit: number },
): Promise<PaperStamp[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(['id', 'modified_at'])
    .where(paperDate, '>=', range.start)
    .where(paperDate, '<', range.end)
    .orderBy('id')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  return rows.map((r) => ({ id: r.id, lastModified: toIso(r.modified_at) }))
}

const toIso = (value: string) => new Date(value).toISOString()

/** Every day with featured papers, oldest first: the days that have a listing page. */
export async function listFeaturedDays(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('featured').select('featured_on').distinct().orderBy('featured_on').execute()
  return rows.map((r) => r.featured_on)
}
