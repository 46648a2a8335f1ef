import type { Db } from '../platform/db/connect.js'
import type { Author, FeaturedPaper, Featuring, Paper } from './model.js'
import { type PaperRow, toFeaturing, toPaper } from './rows.js'
import { chunks, IDS_PER_QUERY } from './write/chunks.js'

export type FeaturedSort = 'upvotes' | 'publishedAt' | 'trending'

export interface FeaturedQuery {
  /** Half-open day range [start, end); all featured papers when absent. */
  range?: { start: string; end: string }
  submitter?: string
  sort: FeaturedSort
  offset: number
  limit: number
}

/**
 * Papers featured in a range. A paper featured twice in the range is listed once, on its latest
 * day. `upvotes` ranks by votes (ties keep the source's order), `publishedAt` lists the newest
 * day first and ranks by votes within a day, `trending` ranks by the decayed score.
 */
export async function listFeatured(db: Db, q: FeaturedQuery): Promise<FeaturedPaper[]> {
  let query = featuredIn(db, q)
    .selectAll('p')
    .select(['f.featured_on', 'f.source', 'f.position', 'f.submitted_by', 'f.submitter', 'f.submitted_at'])
  if (q.sort === 'trending') query = query.orderBy('p.trending_score', 'desc')
  if (q.sort === 'publishedAt') query = query.orderBy('f.featured_on', 'desc')
  query = query.orderBy('p.upvotes', 'desc').orderBy('f.featured_on', 'desc').orderBy('f.position').orderBy('p.id')
  const rows = await query.offset(q.offset).limit(q.limit).execute()
  const authors = await loadAuthors(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => ({
    paper: toPaper(row, authors.get(row.id) ?? []),
    featuring: toFeaturing({ ...row, paper_id: row.id }),
  }))
}

export async function countFeatured(db: Db, q: Omit<FeaturedQuery, 'sort' | 'offset' | 'limit'>): Promise<number> {
  const row = await featuredIn(db, q)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

// Papers an admin hid from the feed (papers/visibility.ts) are out of every list; their pages stay.
function featuredIn(db: Db, q: Pick<FeaturedQuery, 'range' | 'submitter'>) {
  const end = q.range?.end
  return db.kysely
    .selectFrom('featured as f')
    .innerJoin('papers as p', 'p.id', 'f.paper_id')
    .where('p.hidden_at', 'is', null)
    .$if(!!q.range, (qb) => qb.where('f.featured_on', '>=', q.range!.start).where('f.featured_on', '<', end!))
    .$if(!!q.submitter, (qb) => qb.where('f.submitted_by', '=', q.submitter!))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('featured as later')
            .select('later.paper_id')
            .whereRef('later.paper_id', '=', 'f.paper_id')
            .whereRef('later.featured_on', '>', 'f.featured_on')
            .$if(!!end, (qb) => qb.where('later.featured_on', '<', end!))
            .$if(!!q.submitter, (qb) => qb.where('later.submitted_by', '=', q.submitter!)),
        ),
      ),
    )
}

/** The most recent day with featured papers (within `range` if given), or null. */
export async function latestFeaturedDay(db: Db, range?: { start: string; end: string }): Promise<string | null> {
  const row = await db.kysely
    .selectFrom('featured')
    .select((eb) => eb.fn.max('featured_on').as('day'))
    .$if(!!range, (qb) => qb.where('featured_on', '>=', range!.start).where('featured_on', '<', range!.end))
    .executeTakeFirst()
  return row?.day ?? null
}

/** The nearest days with featured papers before `start` and on or after `end`. */
export async function featuredDaysAround(
  db: Db,
  range: { start: string; end: string },
): Promise<{ before: string | null; after: string | null }> {
  const [before, after] = await Promise.all([
    db.kysely
      .selectFrom('featured')
      .select((eb) => eb.fn.max('featured_on').as('day'))
      .where('featured_on', '<', range.start)
      .executeTakeFirst(),
    db.kysely
      .selectFrom('featured')
      .select((eb) => eb.fn.min('featured_on').as('day'))
      .where('featured_on', '>=', range.end)
      .executeTakeFirst(),
  ])
  return { before: before?.day ?? null, after: after?.day ?? null }
}

export interface PaperWithFeaturings {
  paper: Paper
  /** Newest first. */
  featurings: Featuring[]
}

export async function getPaper(db: Db, id: string): Promise<PaperWithFeaturings | null> {
  const row = await db.kysely.selectFrom('papers').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) return null
  const [authors, featured] = await Promise.all([
    loadAuthors(db, [id]),
    db.kysely.selectFrom('featured').selectAll().where('paper_id', '=', id).orderBy('featured_on', 'desc').execute(),
  ])
  return { paper: toPaper(row, authors.get(id) ?? []), featurings: featured.map(toFeaturing) }
}

/**
 * Papers by id, in the order of `ids`; ids the catalog lacks are left out, and with `listed`, so
 * are papers an admin hid from the feed (for search results and other lists).
 */
export async function getPapers(db: Db, ids: readonly string[], opts: { listed?: boolean } = {}): Promise<Paper[]> {
  if (ids.length === 0) return []
  const [rows, authors] = await Promise.all([
    db.kysely
      .selectFrom('papers')
      .selectAll()
      .where('id', 'in', [...ids])
      .$if(!!opts.listed, (qb) => qb.where('hidden_at', 'is', null))
      .execute(),
    loadAuthors(db, [...ids]),
  ])
  const byId = new Map(rows.map((row) => [row.id, toPaper(row, authors.get(row.id) ?? [])]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

export interface PaperCursor {
  publishedAt: string | null
  id: string
}

/**
 * Every paper in the catalog but those hidden from the feed, newest arXiv date first (undated papers last), by keyset: the page
 * after `after` is found through the index however deep the reader goes.
 */
export async function listPapers(db: Db, after: PaperCursor | null, limit: number): Promise<Paper[]> {
  let query = db.kysely.selectFrom('papers').selectAll().where('hidden_at', 'is', null)
  if (after?.publishedAt) {
    const at = after.publishedAt
    query = query.where((eb) =>
      eb.or([
        eb('published_at', '<', at),
        eb.and([eb('published_at', '=', at), eb('id', '<', after.id)]),
        eb('published_at', 'is', null),
      ]),
    )
  } else if (after) {
    query = query.where('published_at', 'is', null).where('id', '<', after.id)
  }
  const rows: PaperRow[] = await query
    .orderBy('published_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  const authors = await loadAuthors(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toPaper(row, authors.get(row.id) ?? []))
}

/**
 * Papers that lack authors, categories or a publication date, in id order after `afterId`: what
 * the arXiv completion fills in (ingest/sources/arxiv-missing.ts).
 */
export async function listIncompletePapers(db: Db, afterId: string, limit: number): Promise<Paper[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .selectAll()
    .where('id', '>', afterId)
    .where((eb) =>
      eb.or([
        eb('categories', '=', ''),
        eb('published_at', 'is', null),
        eb.not(
          eb.exists(eb.selectFrom('paper_authors as a').select('a.paper_id').whereRef('a.paper_id', '=', 'papers.id')),
        ),
      ]),
    )
    .orderBy('id')
    .limit(limit)
    .execute()
  const authors = await loadAuthors(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((row) => toPaper(row, authors.get(row.id) ?? []))
}

/** The author lists of papers, in order, by paper id; ids are asked for IDS_PER_QUERY at a time. */
export async function loadAuthors(db: Db, ids: string[]): Promise<Map<string, Author[]>> {
  const byPaper = new Map<string, Author[]>()
  for (const some of chunks(ids, IDS_PER_QUERY)) {
    const rows = await db.kysely
      .selectFrom('paper_authors')
      .select(['paper_id', 'name', 'hidden'])
      .where('paper_id', 'in', some)
      .orderBy('paper_id')
      .orderBy('position')
      .execute()
    for (const r of rows) {
      const list = byPaper.get(r.paper_id) ?? []
      list.push({ name: r.name, hidden: r.hidden === 1 })
      byPaper.set(r.paper_id, list)
    }
  }
  return byPaper
}

/**
 * Changes whenever anything a page shows changes (upserts move `modified_at`, see upsert.ts):
 * page caches key on it, so they are never stale for long, even when another process or
 * instance writes. Every cached page view asks, so the answer is reused for VERSION_TTL_MS,
 * except that a write in this process (noteCatalogWrite) makes the next caller ask again.
 */
export async function catalogVersion(db: Db): Promise<string> {
  const now = Date.now()
  let known = versions.get(db)
  if (!known || known.writes !== localWrites || now - known.at > VERSION_TTL_MS) {
    // Removing the demo set deletes papers, which max(modified_at) may not show: its time counts too.
    const query = db.kysely
      .selectFrom('papers')
      .select((eb) => [
        eb.fn.max('modified_at').as('v'),
        eb.selectFrom('demo_removal').select('removed_at').limit(1).as('demoRemoved'),
      ])
    // This process's write count too: two writes in one millisecond (two votes) leave
    // max(modified_at) as it was, yet the second must not be served from the cache.
    const writes = localWrites
    const value = query.executeTakeFirst().then((row) => `${row?.v ?? ''} ${row?.demoRemoved ?? ''} ${writes}`)
    known = { at: now, writes: localWrites, value }
    versions.set(db, known)
    value.catch(() => versions.delete(db))
  }
  return known.value
}

/** Called by the write path after it changed the catalog. */
export function noteCatalogWrite(): void {
  localWrites++
}

// Another instance's write shows on this one's cached pages within this time.
const VERSION_TTL_MS = 1000
let localWrites = 0
const versions = new WeakMap<Db, { at: number; writes: number; value: Promise<string> }>()
