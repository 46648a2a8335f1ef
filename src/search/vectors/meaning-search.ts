/**
 * Search by meaning on top of the lexical engine (docs/decisions/0018-search-by-meaning.md):
 *
 * - `fill` (the default): when fewer papers hold every word than the page shows, papers holding
 *   some of the words follow them, ordered by their cosine to the query's vector. A reader who
 *   says the idea in other words than the paper ("pictures" for "images") still finds it. A
 *   search whose page is full costs nothing more.
 * - `fuse`: as `fill`, and the first lexical candidates are also re-ranked by reciprocal rank
 *   fusion with their cosine order. Measured on the relevance set it gained nothing and cost
 *   known-item queries (a title's words) their first place, so only the benchmark asks for it.
 */
import type { Db } from '../../platform/db/connect.js'
import type { Ranked, RankedPage, SearchEngine } from '../engine.js'
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
): Promise<RankedPage> {
  const words = meaningTokens(request.query)
  const applies = mode !== 'off' && request.sort === 'relevance' && words.length >= 2
  const model = applies ? await readModel(db) : null
  if (!model) return engine.search(request)
  const query = quantize(embed(model, words))
  const end = request.offset + request.limit
  const fusing = mode === 'fuse' && end <= CANDIDATES
  const page = await engine.search(fusing ? { ...request, offset: 0, limit: CANDIDATES } : request)
  const strictCount = page.total.value
  const relaxed = relax(request.query)
  const fills = relaxed !== null && page.total.exact && strictCount < end && strictCount <= CANDIDATES
  if (!fusing && !fills) return page

  let strict: Ranked[] = page.ranked
  if (fills && !fusing && request.offset > 0) {
    strict = (await engine.search({ ...request, offset: 0, limit: CANDIDATES })).ranked
  }
  if (fusing) {
    const ids = strict.map((r) => r.id)
    strict = fuseRanks(ids, await cosinesTo(db, model, query, ids))
  }
  if (!fills) return { ranked: strict.slice(request.offset, end), total: page.total }
  const seen = new Set(strict.map((r) => r.id))
  const more = await engine.search({ ...request, query: relaxed, offset: 0, limit: CANDIDATES })
  const extra = more.ranked.map((r) => r.id).filter((id) => !seen.has(id))
  const cosine = await cosinesTo(db, model, query, extra)
  // Below every paper that holds all the words: a score of cosine − 2 is always negative.
  const byMeaning = extra.map((id) => ({ id, score: (cosine.get(id) ?? -1) - 2 })).sort((a, b) => b.score - a.score)
  const all = [...strict, ...byMeaning]
  return {
    ranked: all.slice(request.offset, end),
    total: { value: strictCount + byMeaning.length, exact: false },
  }
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
