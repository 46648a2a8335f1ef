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

/**
 * The lexical candidates re-ranked by fusing their order with the query vector's. When fewer
 * papers hold every word than the page shows, papers holding some of the words follow them, in
 * the order of their cosine to the query: a reader who says the idea in other words than the
 * paper still finds it (a paper that says "pictures" for "images").
 */
export async function rerankedSearch(db: Db, engine: SearchEngine, request: SearchRequest): Promise<RankedPage> {
  const model = await readModel(db)
  if (!model) return engine.search(request)
  const { ranked, total } = await engine.search({ ...request, offset: 0, limit: CANDIDATES })
  const query = quantize(embed(model, meaningTokens(request.query)))
  const ids = ranked.map((r) => r.id)
  const cosine = await cosinesTo(db, model, query, ids)
  const fused = fuseRanks(ids, cosine)
  const relaxed = relax(request.query)
  if (fused.length >= request.offset + request.limit || !relaxed) {
    return { ranked: fused.slice(request.offset, request.offset + request.limit), total }
  }
  const strict = new Set(ids)
  const more = await engine.search({ ...request, query: relaxed, offset: 0, limit: CANDIDATES })
  const extra = more.ranked.map((r) => r.id).filter((id) => !strict.has(id))
  const extraCosine = await cosinesTo(db, model, query, extra)
  // The cosine alone orders them: they all lack a word, so the lexical order says little.
  const byMeaning = extra
    .map((id) => ({ id, score: (extraCosine.get(id) ?? 0) / 1000 }))
    .sort((a, b) => b.score - a.score)
  const all = [...fused, ...byMeaning]
  return {
    ranked: all.slice(request.offset, request.offset + request.limit),
    total: { value: total.value + extra.length, exact: false },
  }
}

async function cosinesTo(db: Db, model: MeaningModel, query: Int8Array, ids: readonly string[]) {
  const vectors = await vectorsOf(db, model, ids)
  return new Map([...vectors].map(([id, v]) => [id, cosineInt8(query, v)]))
}

/**
 * The query with its required words made alternatives (any one of them suffices), or null when
 * nothing would change: a single group, or a query with exclusions, whose reader was precise.
 */
function relax(query: ParsedQuery): ParsedQuery | null {
  if (query.groups.length < 2 || query.excluded.length > 0) return null
  return { ...query, groups: [query.groups.flat()] }
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
