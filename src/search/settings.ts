import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { readSettings } from '../config.js'

const schema = z.object({
  // SQLite: how many worker threads run searches for `serve`, each with a read-only connection of its
  // own, so that a slow search never holds the event loop that serves pages. 0 runs them on the
  // server's own connection. PostgreSQL's searches are asynchronous already and ignore it.
  SEARCH_WORKERS: z.coerce.number().int().min(0).max(16).default(defaultSearchWorkers()),
  // A search not answered within this time fails with a 503 (and its worker is replaced): a reader
  // waits a bounded time, whatever the query or the queue ahead of it.
  SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  // SQLite: each search worker's page cache, in MB. Searches read the index's and the papers' pages
  // again and again; what the cache does not hold is read through the operating system's. Over the
  // benchmark's mix the engine's time a search was, at 1M papers, 4.6 ms with 32 MB and 3.7 with 64;
  // at 2.7M, 6.9 with 32 or 64 and 4.4 with 96 or 128 (decision 0016). Since member sets answer
  // the candidates' checks, fewer of FTS5's pages are read again: served at 2.7M, 374, 371 and
  // 398–401 searches/s with 64, 80 and 96 MB, the server's peak RSS 544, 558 and 603–620 MB (the
  // issue's bound is 600). Each worker holds up to this much more memory.
  SEARCH_CACHE_MB: z.coerce.number().int().min(2).max(4096).default(80),
})

export interface SearchSettings {
  workers: number
  timeoutMs: number
  cacheMb: number
}

export function loadSearchSettings(env: NodeJS.ProcessEnv = process.env): SearchSettings {
  const v = readSettings(schema, env)
  return { workers: v.SEARCH_WORKERS, timeoutMs: v.SEARCH_TIMEOUT_MS, cacheMb: v.SEARCH_CACHE_MB }
}

/** One per core, up to four: a search keeps one core busy while it runs. */
export function defaultSearchWorkers(): number {
  return Math.min(4, availableParallelism())
}
