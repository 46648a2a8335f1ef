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
})

export interface SearchSettings {
  workers: number
  timeoutMs: number
}

export function loadSearchSettings(env: NodeJS.ProcessEnv = process.env): SearchSettings {
  const v = readSettings(schema, env)
  return { workers: v.SEARCH_WORKERS, timeoutMs: v.SEARCH_TIMEOUT_MS }
}

/** One per core, up to four: a search keeps one core busy while it runs. */
export function defaultSearchWorkers(): number {
  return Math.min(4, availableParallelism())
}
