/**
 * Search by meaning on top of the lexical engine (docs/decisions/0018-search-by-meaning.md):
 *
 * - `fill` (the default): when no paper holds every word, papers holding some of them are shown,
 *   ordered by their cosine to the query's vector. A reader who says the idea in other words than
 *   the paper ("pictures" for "images") still finds it, and a search that finds papers costs
 *   nothing more. (Filling every short page cost 75 ms a search on the relevance set, as the
 *   relaxed query matches much of the catalog, and changed no known-item rank.)
 * - `fuse`: as `fill`, and the first lexical candidates are also re-ranked by reciprocal rank
 *   fusion with their cosine order. Measured on the relevance set it gained nothing and cost
 *   known-item queries (a title's words) their first place, so only the benchmark asks for it.
 */
import type { Db } from '../../platform/db/connect.js'
import type { RankedPage, SearchEngine, SearchOptions } from '../engine.js'
import type { ParsedQuery, SearchRequest } from '../model.js'
import { fuseRanks } from './fuse.js'
import { embed, type MeaningModel, paperTokens } from './model.js'
import { cosineInt8, quantize } from './quantize.js'
import { readModel, readPaperTextsById, readVectors } from './store.js'

export type MeaningMode = 'off' | 'fill' | 'fuse'

/**
 * How many lexical results are ordered by meaning: deep enough to reach a paper that shares two
 * of four words, shallow enough to cost one small read of vectors.
 */
export const CANDIDATES = 100

export async function searchWithMeaning(
  db: Db,
  engine: SearchEngine,
  request: SearchRequest,
  mode: MeaningMode,
  options: SearchOptions = {},
): Promise<RankedPage> {
  const words = meaningTokens(request.query)
  const applies = mode !== 'off' && request.sort === 'relevance' && words.length >= 2
  const model = applies ? await readModel(db) : null
  if (!model) return engine.search(request, options)
  const end = request.offset + request.limit
  const fusing = mode === 'fuse' && end <= CANDIDATES
  // `options` go with the searches whose page may be answered as it is; the candidates re-ranked here come without papers.
  const page = await engine.search(
    fusing ? { ...request, offset: 0, limit: CANDIDATES } : request,
    fusing ? {} : options,
  )
  const relaxed = relax(request.query)
  const fills = relaxed !== null && page.total.exact && page.total.value === 0
  if (!fusing && !fills) return page
  const query = quantize(embed(model, words))
  if (!fills) {
    const ids = page.ranked.map((r) => r.id)
    const fused = fuseRanks(ids, await cosinesTo(db, model, query, ids))
    return { ranked: fused.slice(request.offset, end), total: page.total }
  }
  const more = await engine.search({ ...request, query: relaxed, offset: 0, limit: CANDIDATES })
  const ids = more.ranked.map((r) => r.id)
  const cosine = await cosinesTo(db, model, query, ids)
  const byMeaning = ids.map((id) => ({ id, score: cosine.get(id) ?? -1 })).sort((a, b) => b.score - a.score)
  return { ranked: byMeaning.slice(request.offset, end), total: { value: byMeaning.length, exact: false } }
}

async function cosinesTo(db: Db, model: MeaningModel, query: Int8Array, ids: readonly string[]) {
  const vectors = await vectorsOf(db, model, ids)
  return new Map([...vectors].map(([id, v]) => [id, cosineInt8(query, v)]))
}

/**
 * The stored vectors of these papers, and for a paper written since the last `reindex --vectors`,
 * its vector folded in from its text on the spot.
 */
export async function vectorsOf(db: Db, model: MeaningModel, ids: readonly string[]): Promise<Map<string, Int8Array>> {
  const vectors = await readVectors(db, ids)
  const missing = ids.filter((id) => !vectors.has(id))
  for (const p of await readPaperTextsById(db, missing)) {
    vectors.set(p.id, quantize(embed(model, paperTokens(p.title, p.abstract))))
  }
  return vectors
}

/**
 * The query with its required words made alternatives (any one of them suffices), or null when
 * that would change nothing or undo what the reader asked: a single group, exclusions, a phrase.
 */
function relax(query: ParsedQuery): ParsedQuery | null {
  const atoms = query.groups.flat()
  if (query.groups.length < 2 || query.excluded.length > 0 || atoms.some((a) => a.phrase || a.field === 'author'))
    return null
  return { ...query, groups: [atoms] }
}

/** The words a query asks about: every atom's tokens except names of authors. */
function meaningTokens(query: ParsedQuery): string[] {
  return query.groups.flat().flatMap((a) => (a.field === 'author' ? [] : a.tokens))
}
