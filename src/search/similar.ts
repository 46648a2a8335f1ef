/**
 * Similar papers for a paper page: the paper's key terms (its highest TF-IDF weights under the
 * vector model) give, through the search engine's `sharing`, candidates that share its vocabulary; their
 * vectors' cosine to the paper's orders them; the key terms each shares with the paper are the
 * reason shown. A brute-force nearest-neighbour scan would read every vector in the catalog per
 * page; this reads 50 (docs/decisions/0018-search-by-meaning.md).
 */
import { LRUCache } from 'lru-cache'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import { searchEngine, type WeightedTerm } from './engine.js'
import type { SimilarPaper } from './model.js'
import { words } from './normalize.js'
import { embed, type MeaningModel, paperTokens, termWeights } from './vectors/model.js'
import { cosineInt8, quantize } from './vectors/quantize.js'
import { vectorsOf } from './vectors/meaning-search.js'
import { estimatePapers, readModel, readPaperTextsById } from './vectors/store.js'

/** Papers shown: a short list the reader scans at a glance. */
export const SIMILAR_PAPERS = 5
/** Key terms asked of the engine: enough to reach papers that share two or three of them. */
export const KEY_TERMS = 6
/**
 * A key term asked of the engine is in at most this share of papers: the engine scores every paper
 * that holds any of them, and a common term ("model") adds thousands without saying what is alike.
 */
export const MAX_KEY_TERM_SHARE = 0.01
/**
 * The papers the key terms may hold between them, about: a share alone does not bound the engine's
 * work as the catalog grows (six terms in 1 % of 1M papers are 60,000 matches to rank, 31 ms p50
 * and 108 ms p95 a page where 20 ms is the aim, decision 0018). Past it, the heaviest terms that
 * still fit are taken: rarer ones, which say more about what is alike. At 1M papers the engine's
 * part took 8.7 / 12.1 ms p50 / p95 with 6,000, 6.6 / 8.6 with 4,000.
 */
export const KEY_TERM_MATCHES = 4_000
/** Terms a reason may name. */
const REASON_CANDIDATES = 20
/** Candidates the engine returns for the cosine to order. */
export const CANDIDATES = 30
/** Shared terms named in a reason. */
const REASON_TERMS = 3
/**
 * Paper pages are read far more often than papers change; an hour-old list is still a fine list,
 * and a retrained model starts new lists. Keyed by paper id, per database.
 */
const caches = new WeakMap<object, LRUCache<string, { model: MeaningModel; ids: string[] }>>()

export interface PaperContent {
  id: string
  title: string
  abstract: string
}

/** The papers most like this one, best first, each with the key terms they share. */
export async function similarPapers(db: Db, paper: PaperContent): Promise<SimilarPaper[]> {
  const model = await readModel(db)
  if (!model) return []
  // Tokenized and weighed once: each pass over the text costs more than the key-term query.
  const tokens = paperTokens(paper.title, paper.abstract)
  const weights = termWeights(model, tokens)
  let cache = caches.get(db.kysely)
  if (!cache) caches.set(db.kysely, (cache = new LRUCache({ max: 20_000, ttl: 3_600_000 })))
  let ids = cache.get(paper.id)?.model === model ? cache.get(paper.id)!.ids : undefined
  if (!ids) {
    ids = await rankSimilar(db, model, paper.id, tokens, await keyTermsFor(db, model, weights))
    cache.set(paper.id, { model, ids })
  }
  if (ids.length === 0) return []
  // Papers hidden from the feed are not suggested either.
  const [papers, texts] = await Promise.all([getPapers(db, ids, { listed: true }), readPaperTextsById(db, ids)])
  const tokensOf = new Map(texts.map((t) => [t.id, new Set(paperTokens(t.title, t.abstract))]))
  const surface = surfaceForms(`${paper.title} ${paper.abstract}`)
  const reasonTerms = keyTermsOf(model, weights, REASON_CANDIDATES, 1).map((t) => t.token)
  return papers.map((p) => ({
    paper: p,
    sharedTerms: reason(reasonTerms.filter((t) => tokensOf.get(p.id)?.has(t)).map((t) => surface.get(t) ?? t)),
  }))
}

/** The first shared terms, leaving out one that repeats another ("mamba" beside "mamba-transformer"). */
function reason(terms: readonly string[]): string[] {
  const out: string[] = []
  for (const term of terms) {
    if (out.length === REASON_TERMS) break
    if (!out.some((t) => t.includes(term) || term.includes(t))) out.push(term)
  }
  return out
}

async function rankSimilar(
  db: Db,
  model: MeaningModel,
  id: string,
  tokens: readonly string[],
  keyTerms: readonly WeightedTerm[],
): Promise<string[]> {
  if (keyTerms.length === 0) return []
  const found = await searchEngine(db).sharing(keyTerms, CANDIDATES + 1)
  const ids = found.filter((other) => other !== id)
  const self = quantize(embed(model, tokens))
  const vectors = await vectorsOf(db, model, ids)
  return ids
    .map((id, at) => ({ id, at, cosine: cosineInt8(self, vectors.get(id) ?? new Int8Array(model.dims)) }))
    .sort((a, b) => b.cosine - a.cosine || a.at - b.at)
    .slice(0, SIMILAR_PAPERS)
    .map((c) => c.id)
}

/**
 * The terms a paper's candidates are asked by (on a cache miss only). In a small catalog every term
 * is common: then the heaviest terms whatever their share.
 */
async function keyTermsFor(db: Db, model: MeaningModel, weights: readonly [number, number][]): Promise<WeightedTerm[]> {
  const sharesTogether = KEY_TERM_MATCHES / Math.max(await catalogSize(db), 1)
  const rare = keyTermsOf(model, weights, KEY_TERMS, MAX_KEY_TERM_SHARE, sharesTogether)
  return rare.length >= KEY_TERMS / 2 ? rare : keyTermsOf(model, weights, KEY_TERMS, 1)
}

/**
 * The paper's terms by TF-IDF weight, heaviest first, of those in at most `maxShare` of the papers
 * (idf = ln(papers / df), so a term's share is e^-idf), together in at most `sharesTogether` of
 * them; numbers say nothing shared.
 */
export function keyTermsOf(
  model: Pick<MeaningModel, 'terms' | 'idf'>,
  weights: readonly [number, number][],
  count: number,
  maxShare: number,
  sharesTogether = Infinity,
): WeightedTerm[] {
  const minIdf = -Math.log(maxShare)
  const terms: WeightedTerm[] = []
  let left = sharesTogether
  for (const [i, weight] of [...weights].sort((a, b) => b[1] - a[1])) {
    if (terms.length === count) break
    const share = Math.exp(-model.idf[i]!)
    if (model.idf[i]! < minIdf || share > left || /^\d+$/.test(model.terms[i]!)) continue
    left -= share
    terms.push({ token: model.terms[i]!, weight })
  }
  return terms
}

/** Papers in the catalog, read again every few minutes: it only sizes the key terms' budget. */
const sizes = new WeakMap<object, { papers: number; at: number }>()
const SIZE_TTL_MS = 10 * 60_000

async function catalogSize(db: Db): Promise<number> {
  const known = sizes.get(db.kysely)
  if (known && Date.now() - known.at < SIZE_TTL_MS) return known.papers
  const papers = await estimatePapers(db)
  sizes.set(db.kysely, { papers, at: Date.now() })
  return papers
}

/** Each token as the paper first wrote it, lowercased: "score matching", not "score match". */
function surfaceForms(text: string): Map<string, string> {
  const out = new Map<string, string>()
  for (const w of words(text)) {
    const token = w.joined ?? (w.parts.length === 1 ? w.parts[0] : undefined)
    const written = text.slice(w.start, w.end)
    // TeX reads as words in the index but not as a reason: `$\alpha$` stays "alpha".
    if (token && !out.has(token)) out.set(token, /[$\\{}]/.test(written) ? token : written.toLowerCase())
  }
  return out
}
