import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { searchEngine } from './engine.js'
import type { SearchPage, SearchRequest } from './model.js'
import { canRerank, rerankedSearch } from './vectors/rerank.js'

export interface SearchOptions {
  /** Re-rank the lexical candidates by the papers' vectors (search/vectors/rerank.ts). */
  meaning?: boolean
}

/** Runs a search on the catalog's engine and loads the papers of the page it found. */
export async function searchPapers(db: Db, request: SearchRequest, options: SearchOptions = {}): Promise<SearchPage> {
  const engine = searchEngine(db)
  const { ranked, total } =
    options.meaning && canRerank(request) ? await rerankedSearch(db, engine, request) : await engine.search(request)
  const papers = new Map(
    (
      await getPapers(
        db,
        ranked.map((r) => r.id),
      )
    ).map((p) => [p.id, p]),
  )
  // A paper removed between the two reads is left out rather than shown half.
  const hits = ranked.flatMap((r) => {
    const paper = papers.get(r.id)
    return paper ? [{ paper, score: r.score }] : []
  })
  return { hits, total }
}
