/**
 * A page of results made ready to show: the ranked papers read (those hidden from listings left
 * out) and, when asked, highlighted. One place for it, since both the server's thread and a search
 * worker (engines/sqlite-search-worker.ts) do it, the worker so that the server's thread does not.
 */
import type { Paper, PaperSummary } from '../papers/model.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { type HighlightedPaper, type HighlightPlan, highlightPaper } from './highlight.js'
import type { Ranked } from './engine.js'
import type { ParsedQuery } from './model.js'

/** A result with its texts highlighted for the query: a whole paper, or what a result shows of one. */
export interface HighlightedHit<P extends PaperSummary = Paper> {
  paper: P
  score: number
  highlighted: HighlightedPaper
}

export interface ShownPaper<P extends PaperSummary = Paper> {
  paper: P
  highlighted?: HighlightedPaper
}

export async function showPapers(
  db: Db,
  ids: readonly string[],
  query: ParsedQuery,
  plan?: HighlightPlan,
): Promise<ShownPaper[]> {
  const papers = await getPapers(db, ids, { listed: true })
  return papers.map((paper) => (plan ? { paper, highlighted: highlightPaper(paper, query, plan) } : { paper }))
}

/**
 * The read papers in the ranking's order, each with its score. A paper removed or hidden between
 * the two reads is left out rather than shown half (a hidden paper leaves the index in the
 * transaction that hides it: papers/visibility.ts).
 */
export function inRankedOrder<P extends PaperSummary>(ranked: readonly Ranked[], papers: readonly ShownPaper<P>[]) {
  const byId = new Map(papers.map((s) => [s.paper.id, s]))
  return ranked.flatMap((r) => {
    const one = byId.get(r.id)
    return one ? [{ ...one, score: r.score }] : []
  })
}

/** `inRankedOrder`, each paper highlighted as `plan` says where the reader of it did not. */
export function highlightedHits<P extends PaperSummary>(
  ranked: readonly Ranked[],
  papers: readonly ShownPaper<P>[],
  query: ParsedQuery,
  plan: HighlightPlan,
): HighlightedHit<P>[] {
  return inRankedOrder(ranked, papers).map(({ paper, score, highlighted }) => ({
    paper,
    score,
    highlighted: highlighted ?? highlightPaper(paper, query, plan),
  }))
}
