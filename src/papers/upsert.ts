import { type BulkSession, inBulkSession } from '../platform/db/bulk-session.js'
import type { Db } from '../platform/db/connect.js'
import { isDataError } from '../platform/db/data-error.js'
import { isIndexDeferred } from '../search/deferred-index.js'
import { type IndexAhead, indexPapers } from '../search/engine.js'
import { removeDemo, removeDemoIfReplaced } from './demo/demo-set.js'
import { DEMO_SOURCE } from './demo/store.js'
import type { Featuring, PaperRecord, RecordProblem, UpsertResult } from './model.js'
import { noteCatalogWrite } from './store.js'
import { trendingScore } from './trending.js'
import { chunks, IDS_PER_QUERY } from './write/chunks.js'
import { cleanRecord } from './write/clean-record.js'
import { diffRecords, featuredRow } from './write/diff.js'
import { preloadStored } from './write/preload.js'
import { AUTHORS, FEATURED, PAPERS, VERSIONS, writeRows } from './write/write-rows.js'

export { withBulkLoad } from './write/bulk-load.js'

/**
 * The one write path into the catalog: every importer and ingest source hands its records here.
 * Idempotent: records equal to what is stored change nothing. Counts are per distinct paper.
 * A record the catalog cannot take is reported in `problems` and the rest of the batch lands.
 * `ahead`: what a bulk load's parsing thread made of the records for the search index
 * (search/engine.ts).
 */
export async function upsertPapers(db: Db, records: PaperRecord[], ahead: IndexAhead = {}): Promise<UpsertResult> {
  const problems: RecordProblem[] = []
  const clean: PaperRecord[] = []
  for (const record of records) {
    const cleaned = cleanRecord(record)
    if ('problem' in cleaned) problems.push(cleaned.problem)
    else clean.push(cleaned.record)
  }
  const result = await landRecords(db, clean, new Date().toISOString(), ahead)
  return { ...result, problems: [...problems, ...result.problems] }
}

/**
 * Writes a batch in one transaction. When the database refuses a value, the batch is split in
 * halves (all records of one paper staying together) until the papers it refuses stand alone:
 * one bad record costs about 2·log2(batch) small transactions, not the batch.
 */
async function landRecords(db: Db, records: PaperRecord[], now: string, ahead: IndexAhead): Promise<UpsertResult> {
  if (records.length === 0) return { added: 0, updated: 0, unchanged: 0, problems: [] }
  try {
    const index = !isIndexDeferred(db)
    const { realFeatured, ...counts } = await inBulkSession(db, (s) => writeBatch(s, records, now, index, ahead))
    // After the commit, so that no page cache reads the old version under the new count.
    if (counts.added + counts.updated > 0) noteCatalogWrite()
    // Real featured papers replace the demo set as they arrive (docs/decisions/0014-demo-set.md).
    if (realFeatured) await removeDemo(db, 'real featured papers arrived')
    return { ...counts, problems: [] }
  } catch (error) {
    if (!isDataError(error)) throw error
    const ids = [...new Set(records.map((r) => r.id))]
    if (ids.length === 1) {
      return {
        added: 0,
        updated: 0,
        unchanged: 0,
        problems: [{ id: ids[0]!, reason: `the database refused it: ${(error as Error).message}` }],
      }
    }
    const firstHalf = new Set(ids.slice(0, Math.ceil(ids.length / 2)))
    const a = await landRecords(
      db,
      records.filter((r) => firstHalf.has(r.id)),
      now,
      ahead,
    )
    const b = await landRecords(
      db,
      records.filter((r) => !firstHalf.has(r.id)),
      now,
      ahead,
    )
    return {
      added: a.added + b.added,
      updated: a.updated + b.updated,
      unchanged: a.unchanged + b.unchanged,
      problems: [...a.problems, ...b.problems],
    }
  }
}

async function writeBatch(
  s: BulkSession,
  records: PaperRecord[],
  now: string,
  index: boolean,
  ahead: IndexAhead,
): Promise<Omit<UpsertResult, 'problems'> & { realFeatured: boolean }> {
  const writes = diffRecords(await preloadStored(s, records), records, now)
  await writeRows(s, PAPERS, writes.papers)
  for (const ids of chunks(writes.clearAuthorsOf, IDS_PER_QUERY)) {
    await s.run(s.kysely.deleteFrom('paper_authors').where('paper_id', 'in', ids))
  }
  const authorRows = [...writes.authors].flatMap(([id, names]) =>
    names.map((name, position) => ({ paper_id: id, position, name, hidden: 0 })),
  )
  await writeRows(s, AUTHORS, authorRows)
  await writeRows(s, FEATURED, writes.featured)
  await writeRows(s, VERSIONS, writes.versions)
  // In the same transaction: a paper is searchable exactly when it is stored (unless a bulk load
  // writes the whole index at its end: search/deferred-index.ts).
  if (index)
    await indexPapers(s, [...new Set([...writes.papers.map((p) => p.id), ...writes.authors.keys()])], {
      ...ahead,
      added: { rows: writes.added, authors: writes.authors },
    })
  return { ...writes.counts, realFeatured: writes.featured.some((f) => f.source !== DEMO_SOURCE) }
}

/** Marks papers withdrawn (a source reported them deleted); unknown ids are ignored. */
export async function markWithdrawn(db: Db, ids: string[]): Promise<number> {
  let marked = 0
  for (const chunk of chunks(ids, IDS_PER_QUERY)) {
    const result = await db.kysely
      .updateTable('papers')
      .set({ withdrawn: 1, modified_at: new Date().toISOString() })
      .where('id', 'in', chunk)
      .where('withdrawn', '=', 0)
      .executeTakeFirst()
    marked += Number(result.numUpdatedRows)
  }
  if (marked > 0) noteCatalogWrite()
  return marked
}

/**
 * Features one stored paper on one day (a member's submission), beside the batch path above: the
 * `featured` row, and the paper's trending score and modified_at (the catalog version page caches
 * compare) in the same transaction. False when the paper is not stored or already featured that
 * day. As with any real featured day, the demo set then steps aside (decision 0014).
 */
export async function featurePaper(db: Db, paperId: string, featuring: Featuring): Promise<boolean> {
  const featured = await db.kysely.transaction().execute(async (trx) => {
    const paper = await trx
      .selectFrom('papers')
      .select(['upvotes', 'num_comments'])
      .where('id', '=', paperId)
      .executeTakeFirst()
    if (!paper) return false
    const inserted = await trx
      .insertInto('featured')
      .values(featuredRow(paperId, featuring))
      .onConflict((oc) => oc.columns(['paper_id', 'featured_on']).doNothing())
      .executeTakeFirst()
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false
    await trx
      .updateTable('papers')
      // The wall clock, as upsertPapers writes it: max(modified_at) is the version caches compare.
      .set({
        trending_score: trendingScore({ upvotes: paper.upvotes, comments: paper.num_comments }, featuring.submittedAt),
        modified_at: new Date().toISOString(),
      })
      .where('id', '=', paperId)
      .execute()
    return true
  })
  if (!featured) return false
  noteCatalogWrite()
  await removeDemoIfReplaced(db)
  return true
}
