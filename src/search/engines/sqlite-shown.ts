import { sql } from 'kysely'
import type { PaperSummary } from '../../papers/model.js'
import { type PaperSummaryRow, toPaperSummary } from '../../papers/rows.js'
import type { Db } from '../../platform/db/connect.js'
import type { Ranked } from '../engine.js'

/**
 * The listed papers of a page of results as `/api/v1/search` shows them, for the search worker
 * that ranked it: by the rowids its engine found them under, the shown columns only, each paper's
 * shown authors in the same statement. Whole papers by id (`getPapers`: two index lookups a paper,
 * thirty columns, an author a row) were ~0.7 ms of a search's ~3.3 ms of CPU at 2.7M papers
 * (BENCHMARKS.md, stop 39). Null when a result came without its rowid. A rowid that a paper
 * deleted meanwhile left to another gives that other paper's id, which the caller's match by id
 * leaves out (shown-papers.ts `inRankedOrder`), as it does a paper hidden meanwhile.
 */
export async function shownSummaries(db: Db, ranked: readonly Ranked[]): Promise<PaperSummary[] | null> {
  const rowids = ranked.map((r) => r.rowid)
  if (rowids.some((rowid) => rowid === undefined)) return null
  if (rowids.length === 0) return []
  const { rows } = await sql<PaperSummaryRow>`select p.id, p.title, p.abstract, p.published_at, p.upvotes,
      p.github_repo, p.categories,
      (select json_group_array(a.name order by a.position) from paper_authors a
        where a.paper_id = p.id and a.hidden = 0) as authors
    from papers p
    where p.rowid in (select value from json_each(${JSON.stringify(rowids)})) and p.hidden_at is null`.execute(
    db.kysely,
  )
  return rows.map(toPaperSummary)
}
