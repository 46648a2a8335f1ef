import type { Db } from '../platform/db/connect.js'
import { searchEngine } from './engine.js'
import { type HighlightedPaper, type HighlightPlan, highlightPaper } from './highlight.js'
import type { SearchHit, SearchPage, SearchRequest } from './model.js'
import { showPapers } from './shown-papers.js'
import { type MeaningMode, searchWithMeaning } from './vectors/meaning-search.js'

export interface SearchOptions {
  /** How the papers' vectors help (search/vectors/meaning-search.ts); `fill` unless asked. */
  meaning?: MeaningMode
}

export type HighlightedHit = SearchHit & { highlighted: HighlightedPaper }

/** Runs a search on the catalog's engine and loads the papers of the page it found. */
export async function searchPapers(db: Db, request: SearchRequest, options: SearchOptions = {}): Promise<SearchPage> {
  const { shown, total } = await searchShown(db, request, options)
  return { hits: shown.map(({ paper, score }) => ({ paper, score })), total }
}

/** `searchPapers`, each paper's texts highlighted for the query as `plan` says. */
export async function searchHighlighted(
  db: Db,
  request: SearchRequest,
  plan: HighlightPlan,
  options: SearchOptions = {},
): Promise<SearchPage<HighlightedHit>> {
  const { shown, total } = await searchShown(db, request, options, plan)
  const hits = shown.map(({ paper, score, highlighted }) => ({
    paper,
    score,
    highlighted: highlighted ?? highlightPaper(paper, request.query, plan),
  }))
  return { hits, total }
}

async function searchShown(db: Db, request: SearchRequest, options: SearchOptions, plan?: HighlightPlan) {
  const asked = { withPapers: true, ...(plan ? { highlight: plan } : {}) }
  const { ranked, total, papers } = await searchWithMeaning(
    db,
    searchEngine(db),
    request,
    options.meaning ?? 'fill',
    asked,
  )
  // A search worker read (and highlighted) the page's papers with the ranking; any other engine leaves it to us.
  const ids = ranked.map((r) => r.id)
  const byId = new Map((papers ?? (await showPapers(db, ids, request.query, plan))).map((s) => [s.paper.id, s]))
  // A paper removed or hidden between the two reads is left out rather than shown half (a hidden
  // paper leaves the index in the transaction that hides it: papers/visibility.ts).
  const shown = ranked.flatMap((r) => {
    const one = byId.get(r.id)
    return one ? [{ ...one, score: r.score }] : []
  })
  return { shown, total }
}
