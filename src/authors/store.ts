import type { Db } from '../platform/db/connect.js'

/**
 * The author pages' queries: papers by a printed name (exactly as arXiv prints it; the index
 * paper_authors_by_name finds them), and what tells namesakes apart: the name's frequent
 * co-authors and categories.
 */

/** Co-authors and categories are counted over this many of the name's latest papers: enough to tell people apart, cheap for a prolific name. */
const NEIGHBOUR_PAPERS = 300

/** A name's papers in the feed, newest arXiv date first, one page of them. */
export async function authorPaperIds(db: Db, name: string, page: { limit: number; offset: number }): Promise<string[]> {
  // distinct: a name printed twice on one paper is still one paper.
  const rows = await byName(db, name)
    .select(['p.id', 'p.published_at'])
    .distinct()
    .orderBy('p.published_at', (ob) => ob.desc().nullsLast())
    .orderBy('p.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => r.id)
}

export async function countAuthorPapers(db: Db, name: string): Promise<number> {
  const row = await byName(db, name)
    .select((eb) => eb.fn.count<number>('p.id').distinct().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export interface Neighbour {
  value: string
  papers: number
}

/** The names printed most often beside `name` on its latest papers, most frequent first. */
export async function frequentCoauthors(db: Db, name: string, limit: number): Promise<Neighbour[]> {
  const rows = await db.kysely
    .selectFrom('paper_authors as other')
    .select((eb) => ['other.name', eb.fn.count<number>('other.paper_id').as('n')])
    .where('other.paper_id', 'in', latestIds(db, name))
    .where('other.name', '!=', name)
    .where('other.hidden', '=', 0)
    .groupBy('other.name')
    .orderBy('n', 'desc')
    .orderBy('other.name')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ value: r.name, papers: Number(r.n) }))
}

/** The arXiv categories of the name's latest papers, most frequent first. */
export async function frequentCategories(db: Db, name: string, limit: number): Promise<Neighbour[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select('categories')
    .where('id', 'in', latestIds(db, name))
    .execute()
  const counts = new Map<string, number>()
  for (const { categories } of rows) {
    for (const c of categories.split(' ').filter(Boolean)) counts.set(c, (counts.get(c) ?? 0) + 1)
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([value, papers]) => ({ value, papers }))
}

/** The papers in the feed (not hidden by an admin) with `name` among their shown authors. */
function byName(db: Db, name: string) {
  return db.kysely
    .selectFrom('paper_authors as a')
    .innerJoin('papers as p', 'p.id', 'a.paper_id')
    .where('a.name', '=', name)
    .where('a.hidden', '=', 0)
    .where('p.hidden_at', 'is', null)
}

function latestIds(db: Db, name: string) {
  return byName(db, name)
    .select('p.id')
    .orderBy('p.published_at', (ob) => ob.desc().nullsLast())
    .limit(NEIGHBOUR_PAPERS)
}
