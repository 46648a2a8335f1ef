import type { Db } from '../platform/db/connect.js'
import { inCatalog } from './catalog.js'
import { type CollectionTarget, fillCollection } from './fill-collection.js'
import type { Skipped } from './format.js'
import { emptyReport, type ImportReport, noteFill } from './report.js'

/** Papers for one collection: where they go, and their catalog ids in the order to show them. */
export interface PaperBatch {
  /** Names the batch in the report: "tag “rl”". */
  what: string
  target: CollectionTarget
  ids: string[]
}

/**
 * Fills collections from lists of arXiv ids (an arxiv-sanity library, a BibTeX file): each batch
 * into its collection, with the papers the catalog holds; the others are listed as not in the
 * catalog yet. `skipped` is what reading the file already set aside.
 */
export async function importPapers(
  db: Db,
  userId: number,
  batches: PaperBatch[],
  skipped: Skipped[],
  now: string,
): Promise<ImportReport> {
  const report = emptyReport()
  report.skipped.push(...skipped)
  const found = await inCatalog(db, [...new Set(batches.flatMap((b) => b.ids))])
  for (const batch of batches) {
    const papers = batch.ids.filter((id) => found.has(id)).map((id) => ({ id }))
    report.notInCatalog.push(...batch.ids.filter((id) => !found.has(id)))
    noteFill(report, batch.what, await fillCollection(db, userId, batch.target, papers, now))
  }
  report.notInCatalog = [...new Set(report.notInCatalog)]
  return report
}
