import type { BulkSession } from '../platform/db/bulk-session.js'
import type { Db } from '../platform/db/connect.js'
import type { HighlightPlan } from './highlight.js'
import type { SearchRequest } from './model.js'
import type { ShownPaper } from './shown-papers.js'
import { type AddedPapers, postgresEngine, writePostgresIndex } from './engines/postgres.js'
import type { PreparedDocument } from './engines/postgres-document.js'
import { sqliteEngine, writeSqliteIndex } from './engines/sqlite.js'
import type { TokenizedTexts } from './engines/sqlite-index.js'
import { sqliteSearchPool } from './engines/sqlite-pool.js'
import type { SearchSettings } from './settings.js'

/** A paper an engine ranked: its id, its score (higher is better) and the total it was found among. */
export interface Ranked {
  id: string
  score: number
  /** SQLite: the paper's rowid, so that its search worker reads the page's papers by it (sqlite-shown.ts). */
  rowid?: number
}

export interface RankedPage {
  ranked: Ranked[]
  total: { value: number; exact: boolean }
  /**
   * The listed papers of `ranked`, highlighted as asked, when the engine was asked for them
   * (`withPapers`) and can ready them where it ranks: a search worker (sqlite-pool.ts) reads and
   * highlights them on its own thread, so the server's does not. Absent otherwise: the caller does.
   */
  papers?: ShownPaper[]
  /**
   * The page's results as `/api/v1/search` writes them (v1-results.ts), JSON text, instead of
   * `papers`, when asked (`v1Results`) by an engine that readies them where it ranks.
   */
  v1Results?: string
}

export interface SearchOptions {
  /** A page is waiting on it (a paper page's similar papers): where searches queue (sqlite-pool.ts) it goes first. */
  urgent?: boolean
  /** The caller will show the page's papers (`RankedPage.papers`), highlighted by `highlight` if given. */
  withPapers?: boolean
  highlight?: HighlightPlan
  /** With `withPapers`: the caller writes `/api/v1/search`'s results of them (`RankedPage.v1Results`). */
  v1Results?: boolean
}

/** A key term of a paper with how much it says about that paper (its TF-IDF weight). */
/** Progress of a rebuild: `unit` names what is counted, papers when absent. */
export type RebuildProgress = (done: number, total: number, unit?: string) => void

export interface WeightedTerm {
  token: string
  weight: number
}

/**
 * One search index on one database. SQLite's is FTS5, PostgreSQL's a weighted tsvector with GIN;
 * both index the tokens of normalize.ts and answer the ParsedQuery of query.ts, so they find the
 * same papers (docs/decisions/0016-search.md).
 */
export interface SearchEngine {
  /** The ids of one page of results, best first, and how many matched. */
  search(request: SearchRequest, options?: SearchOptions): Promise<RankedPage>
  /**
   * The reference ranking: every match scored by the engine's own ranking function without
   * shortcuts (FTS5 `ORDER BY rank`, `ts_rank`), for the benchmark to measure `search` against.
   */
  exhaustive(request: SearchRequest): Promise<RankedPage>
  /**
   * Similar papers' candidates (similar.ts): papers that hold several of a paper's key terms, the
   * ones sharing the most first, each engine by its cheapest measure of that.
   */
  sharing(terms: readonly WeightedTerm[], limit: number): Promise<string[]>
  /**
   * Rebuilds the whole index from the catalog, reporting progress as papers done of total, then
   * as any later step's own units done of total (SQLite: papers read for the common words' lists),
   * named by `unit`.
   */
  rebuild(onProgress?: RebuildProgress): Promise<void>
  /**
   * Writes every paper's index rows anew, as `rebuild` does, but leaves what searches make on
   * first use (SQLite's candidate lists) to them, as writes batch by batch do: the end of a bulk
   * load (deferred-index.ts).
   */
  writeAll(): Promise<void>
  /**
   * Runs a bulk load into an empty index that writes its index rows batch by batch (deferred-index.ts),
   * with the index tuned for that: SQLite merges FTS5's segments once at the end; PostgreSQL fills
   * a table without indexes and builds them once at the end. `alongside` (the catalog's own
   * indexes) runs beside that last step where it can (PostgreSQL, on another connection).
   */
  writeAlong<T>(work: () => Promise<T>, alongside?: () => Promise<void>): Promise<T>
}

// One engine per database, so what an engine keeps between searches (statistics, candidate lists)
// is shared by every request. Keyed by the Kysely instance, which every copy of a Db shares.
const engines = new WeakMap<object, SearchEngine>()

export function searchEngine(db: Db): SearchEngine {
  let engine = engines.get(db.kysely)
  if (!engine) {
    engine = db.dialect === 'sqlite' ? sqliteEngine(db) : postgresEngine(db)
    engines.set(db.kysely, engine)
  }
  return engine
}

/**
 * `paperboy serve`: from now on this SQLite database's searches run in worker threads, each with a
 * read-only connection of its own (engines/sqlite-pool.ts), behind the same `searchEngine(db)`;
 * `stop` ends the workers and hands searches back to the server's connection. PostgreSQL's
 * queries never hold the event loop, nor does `SEARCH_WORKERS=0`: then nothing changes.
 */
export function searchInWorkers(db: Db, databaseUrl: string, settings: SearchSettings): { stop(): Promise<void> } {
  const path = databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : null
  // An in-memory database is this connection's alone: no other thread can open it.
  if (db.dialect !== 'sqlite' || !path || path === ':memory:' || settings.workers === 0) return { stop: async () => {} }
  const local = searchEngine(db)
  const pool = sqliteSearchPool(db, path, local, {
    size: settings.workers,
    timeoutMs: settings.timeoutMs,
    cacheMb: settings.cacheMb,
  })
  engines.set(db.kysely, pool)
  return {
    async stop() {
      engines.set(db.kysely, local)
      await pool.close()
    },
  }
}

/** What a bulk load's parsing thread made of its records ahead, for the index (upsertPapers). */
export interface IndexAhead {
  /** Texts tokenized ahead, which SQLite's index takes. */
  tokenized?: TokenizedTexts
  /** PostgreSQL documents encoded ahead, by paper id. */
  documents?: ReadonlyMap<string, PreparedDocument>
}

/** What a catalog write knows of its papers beyond their ids, which spares the index reading them back. */
export interface WriteAhead extends IndexAhead {
  /** The papers new to the catalog as written, of which PostgreSQL's index builds its rows. */
  added?: AddedPapers
}

/**
 * Brings the index rows of these papers up to date, inside the catalog write's own transaction, so
 * a paper is searchable exactly when it is stored (papers/upsert.ts calls this for every paper it
 * added or changed).
 */
export function indexPapers(s: BulkSession, ids: readonly string[], ahead: WriteAhead = {}): Promise<void> {
  if (s.dialect === 'sqlite') return writeSqliteIndex(s, ids, ahead.tokenized)
  return writePostgresIndex(s, ids, ahead.added, ahead.documents)
}
