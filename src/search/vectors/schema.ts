/** A paper's vector in the model's space, int8 (quantize.ts). */
export interface PaperVectorsTable {
  paper_id: string
  vector: Buffer
}

/** The trained model, one row: what folds a query or a new paper into the papers' space. */
export interface VectorModelTable {
  id: number
  trained_at: string
  papers: number
  dims: number
  /** The vocabulary, one term a line, in the order of `idf` and `projection`. */
  terms: string
  /** Float32 little-endian. */
  idf: Buffer
  /** Float32 little-endian, terms × dims row-major. */
  projection: Buffer
}

export type VectorTables = {
  paper_vectors: PaperVectorsTable
  vector_model: VectorModelTable
}
