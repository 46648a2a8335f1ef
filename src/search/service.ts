import type { Db } from '../platform/db/connect.js'
import type { RankedPage } from './engine.js'
import { searchEngine } from './engine.js'
import type { HighlightPlan } from './highlight.js'
import type { SearchPage, SearchRequest } from './model.js'
import { type HighlightedHit, highlightedHits, inRankedOrder, showPapers } from './shown-papers.js'
import { v1ResultsJson } from './v1-results.js'
import { type MeaningMode, searchWithMeaning } from './vectors/meaning-search.js'

export interface SearchOptions {
  /** How the papers' vectors help (search/vectors/meaning-search.ts); `fill` unless asked. */
  meaning?: MeaningMode
}

/** Runs a search on the catalog's engine and loads the papers of the page it found. */
export async function searchPapers(db: Db, request: SearchRequest, options: SearchOptions = {}): Promise<SearchPage> {
  const page = await searchWithMeaning(db, searchEngine(db), request, options.meaning ?? 'fill', { withPapers: true })
  const { shown, total } = await shownOf(db, request, page)
  return { hits: shown.map(({ paper, score }) => ({ paper, score })), total }
}

/** `searchPapers`, each paper's texts highlighted for the query as `plan` says. */
export async function searchHighlighted(
  db: Db,
  request: SearchRequest,
  plan: HighlightPlan,
  options: SearchOptions = {},
): Promise<SearchPage<HighlightedHit>> {
  const page = await searchWithMeaning(db, searchEngine(db), request, options.meaning ?? 'fill', {
    withPapers: true,
    highlight: plan,
  })
  return highlightedOf(db, request, plan, page)
}

/**
 * `searchHighlighted`'s page as `/api/v1/search`'s results, JSON text: written by the search
 * worker that ranked it where there is one (engines/sqlite-pool.ts), else here.
 */
export async function searchV1Results(
  db: Db,
  request: SearchRequest,
  plan: HighlightPlan,
): Promise<{ results: string; total: RankedPage['total'] }> {
  const page = await searchWithMeaning(db, searchEngine(db), request, 'fill', {
    withPapers: true,
    highlight: plan,
    v1Results: true,
  })
  if (page.v1Results !== undefined) return { results: page.v1Results, total: page.total }
  const { hits, total } = await highlightedOf(db, request, plan, page)
  return { results: v1ResultsJson(hits), total }
}

async function highlightedOf(db: Db, request: SearchRequest, plan: HighlightPlan, page: RankedPage) {
  const read = page.papers ?? (await showPapers(db, idsOf(page), request.query, plan))
  return { hits: highlightedHits(page.ranked, read, request.query, plan), total: page.total }
}

/**
 * The ranked papers, read: by the engine where it ranks (a search worker reads and highlights them
 * on its own thread), else here.
 */
async function shownOf(db: Db, request: SearchRequest, page: RankedPage) {
  const read = page.papers ?? (await showPapers(db, idsOf(page), request.query))
  return { shown: inRankedOrder(page.ranked, read), total: page.total }
}

const idsOf = (page: RankedPage) => page.ranked.map((r) => r.id)
