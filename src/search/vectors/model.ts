/**
 * The catalog's model of meaning: TF-IDF over the search tokens of title and abstract, reduced to
 * a few hundred dimensions by a truncated SVD (latent semantic analysis), trained on the catalog
 * itself. Papers and queries go through `embed`, so both land in one space where words that occur
 * in the same contexts (pre-training, fine-tuning, transfer) point the same way
 * (docs/decisions/0018-search-by-meaning.md).
 */
import { indexTokens } from '../normalize.js'
import { type SparseRows, truncatedSvd } from './svd.js'

export interface MeaningModel {
  terms: string[]
  /** Term → its row in `idf` and `projection`. */
  index: Map<string, number>
  idf: Float32Array
  dims: number
  /** terms × dims, row-major: each term's direction in the reduced space. */
  projection: Float32Array
}

/** The dimensions: the usual LSA range (100–300); 128 int8 bytes per paper. */
export const DIMENSIONS = 128
/** The vocabulary: the most frequent terms; rarer ones name a single paper, not a topic. */
export const MAX_TERMS = 40_000
/** A term in fewer papers than this says nothing about what papers share. */
const MIN_DF = 2
/** A term in more than this share of papers ("we", "result") says nothing either. */
const MAX_DF_SHARE = 0.5
/** The title says what a paper is about more densely than its abstract: its words count twice. */
const TITLE_WEIGHT = 2

/** The tokens a paper is embedded from. */
export function paperTokens(title: string, abstract: string): string[] {
  const t = indexTokens(title)
  const out: string[] = []
  for (let i = 0; i < TITLE_WEIGHT; i++) out.push(...t)
  return out.concat(indexTokens(abstract))
}

/** Trains the model on documents given as their tokens. Deterministic for one seed. */
export function trainModel(documents: readonly string[][], random: () => number, dims = DIMENSIONS): MeaningModel {
  const df = new Map<string, number>()
  for (const tokens of documents) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1)
  const maxDf = Math.max(MIN_DF, MAX_DF_SHARE * documents.length)
  const terms = [...df]
    .filter(([, n]) => n >= MIN_DF && n <= maxDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_TERMS)
    .map(([t]) => t)
  const index = new Map(terms.map((t, i) => [t, i]))
  const idf = Float32Array.from(terms, (t) => Math.log(documents.length / df.get(t)!))
  const matrix = weightedRows(documents, index, idf)
  const { right } = truncatedSvd(matrix, Math.min(dims, terms.length, documents.length), random)
  return { terms, index, idf, dims: right.columns, projection: right.data }
}

/** A unit vector for these tokens; all zeros when none is in the vocabulary. */
export function embed(model: MeaningModel, tokens: readonly string[]): Float32Array {
  const out = new Float32Array(model.dims)
  for (const [term, weight] of termWeights(model, tokens)) {
    const base = term * model.dims
    for (let d = 0; d < model.dims; d++) out[d]! += weight * model.projection[base + d]!
  }
  let norm = 0
  for (const x of out) norm += x * x
  if (norm > 0) for (let d = 0; d < out.length; d++) out[d]! /= Math.sqrt(norm)
  return out
}

/**
 * Sublinear TF times IDF, L2-normalized: a long abstract does not outweigh a short one, and one
 * word repeated ten times counts about three times. Returns [term index, weight] pairs.
 */
export function termWeights(model: Pick<MeaningModel, 'index' | 'idf'>, tokens: readonly string[]): [number, number][] {
  const tf = new Map<number, number>()
  for (const t of tokens) {
    const i = model.index.get(t)
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1)
  }
  const weights: [number, number][] = [...tf].map(([i, n]) => [i, (1 + Math.log(n)) * model.idf[i]!])
  const norm = Math.sqrt(weights.reduce((sum, [, w]) => sum + w * w, 0))
  return norm > 0 ? weights.map(([i, w]) => [i, w / norm]) : weights
}

function weightedRows(documents: readonly string[][], index: Map<string, number>, idf: Float32Array): SparseRows {
  const rows = documents.map((tokens) => termWeights({ index, idf }, tokens))
  const nnz = rows.reduce((sum, r) => sum + r.length, 0)
  const rowStart = new Uint32Array(rows.length + 1)
  const columnIndex = new Uint32Array(nnz)
  const values = new Float32Array(nnz)
  let p = 0
  rows.forEach((row, r) => {
    rowStart[r] = p
    for (const [i, w] of row) {
      columnIndex[p] = i
      values[p++] = w
    }
  })
  rowStart[rows.length] = p
  return { rows: rows.length, columns: index.size, rowStart, columnIndex, values }
}
