import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../platform/db/schema.js'

/** The demo set's queries. Each takes a transaction too, so the write path can retire the demo atomically. */
type Q = Kysely<Database> | Transaction<Database>

export const DEMO_SOURCE = 'demo'
// The one row of `demo_removal`.
const REMOVAL_ROW = 1

/** Whether the demo set is featured (the partial index featured_demo answers this). */
export async function isDemoShown(q: Q): Promise<boolean> {
  const row = await q
    .selectFrom('featured')
    .select('paper_id')
    .where('source', '=', DEMO_SOURCE)
    .limit(1)
    .executeTakeFirst()
  return !!row
}

/** The day the demo set is featured on, or null when it is not shown. */
export async function demoDay(q: Q): Promise<string | null> {
  const row = await q
    .selectFrom('featured')
    .select('featured_on')
    .where('source', '=', DEMO_SOURCE)
    .limit(1)
    .executeTakeFirst()
  return row?.featured_on ?? null
}

export async function hasRealFeatured(q: Q): Promise<boolean> {
  const row = await q
    .selectFrom('featured')
    .select('paper_id')
    .where('source', '<>', DEMO_SOURCE)
    .limit(1)
    .executeTakeFirst()
  return !!row
}

export async function isCatalogEmpty(q: Q): Promise<boolean> {
  return !(await q.selectFrom('papers').select('id').limit(1).executeTakeFirst())
}

export async function wasDemoRemoved(q: Q): Promise<boolean> {
  return !!(await q.selectFrom('demo_removal').select('id').executeTakeFirst())
}

/** The titles of those of `ids` that are in the catalog. The demo set is small: one `IN` list. */
export async function storedTitles(q: Q, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map()
  const rows = await q.selectFrom('papers').select(['id', 'title']).where('id', 'in', ids).execute()
  return new Map(rows.map((r) => [r.id, r.title]))
}

/** Notes the papers the demo brings into the catalog, before it writes them. */
export async function recordDemoPapers(q: Q, ids: string[]): Promise<void> {
  if (ids.length === 0) return
  await q
    .insertInto('demo_papers')
    .values(ids.map((paper_id) => ({ paper_id })))
    .onConflict((oc) => oc.column('paper_id').doNothing())
    .execute()
}

export async function forgetDemoRemoval(q: Q): Promise<void> {
  await q.deleteFrom('demo_removal').execute()
}

export interface DemoRemoval {
  /** Demo papers deleted from the catalog. */
  deleted: number
  /** Papers that lost their demo day but stay, because a real source featured them too. */
  kept: number
}

/**
 * Takes the demo set out: its featured days, and the papers it brought unless a real source has
 * featured them since (those are real papers that happened to be in the demo). Remembers the
 * removal so that `serve` does not load the demo again.
 */
export async function deleteDemo(q: Q, reason: string, now: string): Promise<DemoRemoval> {
  const demoIds = (await q.selectFrom('demo_papers').select('paper_id').execute()).map((r) => r.paper_id)
  const demoFeatured = await q.selectFrom('featured').select('paper_id').where('source', '=', DEMO_SOURCE).execute()
  await q.deleteFrom('featured').where('source', '=', DEMO_SOURCE).execute()
  const stillFeatured =
    demoIds.length === 0
      ? new Set<string>()
      : new Set(
          (await q.selectFrom('featured').select('paper_id').where('paper_id', 'in', demoIds).execute()).map(
            (r) => r.paper_id,
          ),
        )
  const doomed = demoIds.filter((id) => !stillFeatured.has(id))
  // Their authors, days and versions go with them (ON DELETE CASCADE).
  if (doomed.length > 0) await q.deleteFrom('papers').where('id', 'in', doomed).execute()
  const gone = new Set(doomed)
  const kept = [...new Set(demoFeatured.map((r) => r.paper_id))].filter((id) => !gone.has(id))
  // A kept paper lost a featured day, which its pages show: move the page caches' version.
  if (kept.length > 0) await q.updateTable('papers').set({ modified_at: now }).where('id', 'in', kept).execute()
  await q.deleteFrom('demo_papers').execute()
  await q
    .insertInto('demo_removal')
    .values({ id: REMOVAL_ROW, removed_at: now, reason })
    .onConflict((oc) => oc.column('id').doUpdateSet({ removed_at: now, reason }))
    .execute()
  return { deleted: doomed.length, kept: kept.length }
}
