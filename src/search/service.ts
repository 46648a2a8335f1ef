import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { searchEngine } from './engine.js'
import type { SearchPage, SearchRequest } from './model.js'
import { type MeaningMode, searchWithMeaning } from './vectors/meaning-search.js'

export interface SearchOptions {
  /** How the papers' vectors help (search/vectors/meaning-search.ts); `fill` unless asked. */
  meaning?: MeaningMode
}

/** Runs a search on the catalog's engine and loads the papers of the page it found. */
export async function searchPapers(db: Db, request: SearchRequest, options: SearchOptions = {}): Promise<SearchPage> {
  const { ranked, total } = await searchWithMeaning(db, searchEngine(db), request, options.meaning ?? 'fill')
  const papers = new Map(
    (
      await getPapers(
        db,
        ranked.map((r) => r.id),
        { listed: true },
      )
    ).map((p) => [p.id, p]),
  )
  // A paper removed or hidden between the two reads is left out rather than shown half (a hidden
  // paper leaves the index in the transaction that hides it: papers/visibility.ts).
  const hits = ranked.flatMap((r) => {
    const paper = papers.get(r.id)
    return paper ? [{ paper, score: r.score }] : []
  })
  return { hits, total }
}
