/** Search by meaning: the lexical engine's first candidates re-ranked by the query's vector. */
import type { Db } from '../../platform/db/connect.js'
import type { RankedPage, SearchEngine } from '../engine.js'
import type { ParsedQuery, SearchRequest } from '../model.js'
import { fuseRanks } from './fuse.js'
import { embed, type MeaningModel, paperTokens } from './model.js'
import { cosineInt8, quantize } from './quantize.js'
import { readModel, readPaperTextsById, readVectors } from './store.js'

/**
 * How many of the lexical engine's results are re-ranked: deep enough to lift a paper that says
 * the idea in other words, shallow enough to cost one small read. Pages past it stay lexical.
 */
export const CANDIDATES = 100

/** Whether meaning can help this search: ranked by relevance, several words, within the candidates. */
export function canRerank(request: SearchRequest): boolean {
  return (
    request.sort === 'relevance' &&
    meaningTokens(request.query).length >= 2 &&
    request.offset + request.limit <= CANDIDATES
  )
}

export async function rerankedSearch(db: Db, engine: SearchEngine, request: SearchRequest): Promise<RankedPage> {
  const model = await readModel(db)
  if (!model) return engine.search(request)
  const { ranked, total } = await engine.search({ ...request, offset: 0, limit: CANDIDATES })
  const query = quantize(embed(model, meaningTokens(request.query)))
  const ids = ranked.map((r) => r.id)
  const vectors = await vectorsOf(db, model, ids)
  const cosine = new Map([...vectors].map(([id, v]) => [id, cosineInt8(query, v)]))
  const fused = fuseRanks(ids, cosine)
  return { ranked: fused.slice(request.offset, request.offset + request.limit), total }
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

/** The words a query asks about: every atom's tokens except names of authors. */
function meaningTokens(query: ParsedQuery): string[] {
  return query.groups.flat().flatMap((a) => (a.field === 'author' ? [] : a.tokens))
}
