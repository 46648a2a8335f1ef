import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import type { LookupOutcome, PaperLookup } from '../papers/lookup.js'
import { upsertPapers } from '../papers/upsert.js'
import type { Db } from '../platform/db/connect.js'
import { CircuitBreaker } from './circuit-breaker.js'
import { FetchFailed, type PoliteClient } from './polite-client.js'
import { fetchArxivPaper } from './sources/arxiv-api.js'

// Lookups wait their turn behind arXiv's 3-second rule; past this queue a reader is told to retry
// rather than kept waiting (and a crawler cannot make us flood arXiv).
const MAX_QUEUED_LOOKUPS = 4
// arXiv ids arXiv said it does not know are not asked again for this long.
const UNKNOWN_FOR_MS = 60 * 60_000
// Enough for a crawler's hour of made-up ids; each entry is a short string.
const UNKNOWN_IDS_KEPT = 10_000
// A reader waits at most this long (a turn in the queue included) before being told to retry.
const LOOKUP_TIMEOUT_MS = 12_000
// After arXiv fails once, readers are answered at once for this long (doubling while it stays
// down), so a burst of readers or a crawler costs arXiv one failed request, not one each.
const FIRST_PAUSE_MS = 30_000
// However long arXiv is down, lookups try it again this often.
const MAX_PAUSE_MS = 10 * 60_000

export interface LookupOptions {
  logger: Logger
  now?: () => number
  /** How many unknown ids are remembered (tests make it small to see the oldest forgotten). */
  unknownIdsKept?: number
}

/**
 * Fetches a paper the catalog does not have from the arXiv API when someone opens its page or
 * searches its id, and adds it to the catalog (not featured). While arXiv cannot be reached,
 * lookups pause (a circuit breaker) and answer "unavailable" at once. A failure that is not
 * arXiv's (the database, a bug) is thrown, for the error handler to log and answer.
 */
export function createPaperLookup(db: Db, client: PoliteClient, apiUrl: string, options: LookupOptions): PaperLookup {
  const { logger } = options
  const now = options.now ?? Date.now
  // The clock is read on every check (no 1 ms caching), so an injected clock is obeyed.
  const unknown = new LRUCache<string, true>({
    max: options.unknownIdsKept ?? UNKNOWN_IDS_KEPT,
    ttl: UNKNOWN_FOR_MS,
    ttlResolution: 0,
    perf: { now },
  })
  const breaker = new CircuitBreaker({ firstPauseMs: FIRST_PAUSE_MS, maxPauseMs: MAX_PAUSE_MS, now })
  const unavailable = (): LookupOutcome => ({ kind: 'unavailable', retryAfterMs: breaker.remainingMs() })

  return async ({ id }) => {
    if (unknown.has(id)) return { kind: 'unknown' }
    if (breaker.remainingMs() > 0) return unavailable()
    if (client.pending >= MAX_QUEUED_LOOKUPS) return { kind: 'busy' }
    const signal = AbortSignal.timeout(LOOKUP_TIMEOUT_MS)
    let record
    try {
      record = await fetchArxivPaper(client, apiUrl, id, signal)
    } catch (error) {
      // arXiv answering that the id is malformed is arXiv not knowing it.
      if (error instanceof FetchFailed && error.status === 400) record = null
      else if (error instanceof FetchFailed || signal.aborted) {
        breaker.recordFailure()
        const reason = error instanceof FetchFailed ? error.message : `no answer within ${LOOKUP_TIMEOUT_MS / 1000} s`
        const resumesAt = new Date(breaker.resumesAt()).toISOString()
        logger.warn(`arXiv could not be reached (${reason}); on-demand lookups resume at ${resumesAt}`)
        return unavailable()
      } else throw error
    }
    if (breaker.recordSuccess()) logger.info('arXiv answers again; on-demand lookups have resumed')
    if (!record) {
      unknown.set(id, true)
      return { kind: 'unknown' }
    }
    await upsertPapers(db, [{ ...record, observedAt: new Date().toISOString() }])
    return { kind: 'found' }
  }
}
