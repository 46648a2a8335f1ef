import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../platform/db/connect.js'
import type { Database } from '../platform/db/schema.js'
import { loadAuthors } from '../papers/store.js'

/**
 * The catalog queries of the Following page: papers that are new to a reader since `since`. A paper
 * is new when it arrived in the catalog since then, got a later arXiv version since then, or was
 * withdrawn since then (docs/decisions/0025-follows.md); each needs one of the indexes
 * papers_created_at, papers_updated_at, papers_modified_at.
 */

/** When a paper became new to the reader, and what changed. */
export interface Arrival {
  id: string
  createdAt: string
  updatedAt: string | null
  version: number | null
  /** Set when the paper is withdrawn: when that was written (the paper's last change). */
  withdrawnAt: string | null
}

type PapersEb = ExpressionBuilder<Database & { p: Database['papers'] }, 'p'>

const isNewSince = (since: string) => (eb: PapersEb) =>
  eb.or([
    eb('p.created_at', '>=', since),
    eb.and([eb('p.updated_at', '>=', since), eb('p.version', '>', 1)]),
    eb.and([eb('p.modified_at', '>=', since), eb('p.withdrawn', '=', 1)]),
  ])

const arrivalColumns = ['p.id', 'p.created_at', 'p.updated_at', 'p.version', 'p.withdrawn', 'p.modified_at'] as const
const toArrival = (r: {
  id: string
  created_at: string
  updated_at: string | null
  version: number | null
  withdrawn: number
  modified_at: string
}): Arrival => ({
  id: r.id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
  withdrawnAt: r.withdrawn === 1 ? r.modified_at : null,
})

/**
 * The papers new since `since`, newest arrivals first, at most `limit`, with their authors and
 * categories: what author follows are matched against in memory, by the alerts' reading of names
 * (author-name.ts), since no index holds names folded for case, accents and initials.
 */
export async function newWithAuthors(
  db: Db,
  since: string,
  limit: number,
): Promise<(Arrival & { authors: { name: string; hidden: boolean }[]; categories: string[] })[]> {
  const rows = await db.kysely
    .selectFrom('papers as p')
    .select([...arrivalColumns, 'p.categories'])
    .where('p.hidden_at', 'is', null)
    .where(isNewSince(since))
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute()
  const authors = await loadAuthors(
    db,
    rows.map((r) => r.id),
  )
  return rows.map((r) => ({
    ...toArrival(r),
    authors: authors.get(r.id) ?? [],
    categories: (r.categories ?? '').split(' ').filter(Boolean),
  }))
}

/** New papers in an arXiv category, or in any category of an archive (`cs`, `hep-th`), newest first. */
export async function newInCategory(db: Db, category: string, since: string, limit: number): Promise<Arrival[]> {
  // Categories are stored space-separated, in arXiv's case; a follow's category is lowercased and
  // (checked against target.ts's pattern) holds no LIKE wildcard: it is matched as a word, or as an
  // archive's prefix.
  const padded = sql<string>`lower(' ' || p.categories || ' ')`
  const rows = await db.kysely
    .selectFrom('papers as p')
    .select(arrivalColumns)
    .where('p.hidden_at', 'is', null)
    .where(isNewSince(since))
    .where((eb) => eb.or([eb(padded, 'like', `% ${category} %`), eb(padded, 'like', `% ${category}.%`)]))
    .orderBy('p.created_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map(toArrival)
}

/** Which of `ids` are new since `since` (search results, collection items), with their arrival. */
export async function newAmong(db: Db, ids: readonly string[], since: string): Promise<Arrival[]> {
  if (ids.length === 0) return []
  const rows = await db.kysely
    .selectFrom('papers as p')
    .select(arrivalColumns)
    .where('p.id', 'in', [...ids])
    .where('p.hidden_at', 'is', null)
    .where(isNewSince(since))
    .execute()
  return rows.map(toArrival)
}

/** The arrival of each of `ids` (for papers new to a collection, whatever their age in the catalog). */
export async function arrivalsOf(db: Db, ids: readonly string[]): Promise<Arrival[]> {
  if (ids.length === 0) return []
  const rows = await db.kysely
    .selectFrom('papers as p')
    .select(arrivalColumns)
    .where('p.id', 'in', [...ids])
    .where('p.hidden_at', 'is', null)
    .execute()
  return rows.map(toArrival)
}
