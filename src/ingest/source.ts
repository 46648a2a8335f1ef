import type { PaperRecord } from '../papers/model.js'
import type { PreparedDocuments } from '../search/engines/postgres-document.js'
import type { Problem } from './parse/fields.js'

export const SOURCE_NAMES = ['arxiv-api', 'arxiv-oai', 'arxiv-rss', 'hf-daily', 'snapshot'] as const
export type SourceName = (typeof SOURCE_NAMES)[number]

export type { Problem }

/** What a run is asked to fetch; each source reads the fields that concern it. */
export interface IngestRequest {
  from?: string
  until?: string
  set?: string
  categories?: string[]
  date?: string
  query?: string
  ids?: string[]
  file?: string
}

export interface SourceBatch {
  records: PaperRecord[]
  /** arXiv ids the source reports as deleted: they are marked withdrawn, never dropped. */
  deleted?: string[]
  problems?: Problem[]
  /** Where to resume once this batch has landed; the pipeline stores it after the upsert. */
  position?: string
  progress?: { done: number; total: number | null; unit: string }
  /** The records' search documents, encoded ahead where the context asked for them. */
  documents?: PreparedDocuments
}

export interface SourceContext {
  /** The stored position of an interrupted earlier run of the same scope, if any. */
  position: string | null
  signal?: AbortSignal
  /**
   * The batches go to PostgreSQL: a source that parses in a thread of its own (snapshot) encodes
   * the records' search documents there too, off the writing thread.
   */
  prepareDocuments?: boolean
}

/** One place papers come from. Every source feeds the one upsert pipeline (pipeline.ts). */
export interface PaperSource {
  readonly name: SourceName
  /** What a request covers, e.g. `cs 2024-01-01..2024-01-31`: runs of one scope share a position. */
  scope(request: IngestRequest): string
  batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch>
}
