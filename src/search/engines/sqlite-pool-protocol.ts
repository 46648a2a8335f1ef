/** The messages between the search pool (sqlite-pool.ts) and its workers (sqlite-search-worker.ts). */
import type { RankedPage } from '../engine.js'
import type { HighlightPlan } from '../highlight.js'
import type { SearchRequest } from '../model.js'
import type { StoredList } from './sqlite-lists.js'

export interface WorkerSetup {
  /** The database's path, opened read-only. */
  path: string
  /** The connection's page cache in MB (connect.ts); its default when absent. */
  cacheMb?: number
  /** The planner's settings (sqlite.ts), for the tests that force the candidate path. */
  cheapCost?: number
  listSize?: number
  commitMarginMs?: number
}

export type ToWorker =
  /** `withPapers`: answer with the page's papers too, highlighted by `highlight` (engine.ts, `RankedPage.papers`). */
  | {
      kind: 'search'
      id: number
      request: SearchRequest
      withPapers: boolean
      highlight?: HighlightPlan
      /** Answer with `/api/v1/search`'s results of the papers (JSON text) instead of the papers. */
      v1Results?: boolean
    }
  /** The index was rebuilt: forget the lists and counts kept in memory. */
  | { kind: 'clear' }

export type FromWorker =
  | { kind: 'ready' }
  | { kind: 'answer'; id: number; page: RankedPage }
  | { kind: 'failed'; id: number; message: string; code?: string }
  /** A list the worker made on first use, for the server's connection to keep in `search_lists`. */
  | { kind: 'save'; key: string; list: StoredList }
