import type { PaperLookup } from '../papers/lookup.js'
import { upsertPapers } from '../papers/upsert.js'
import type { Db } from '../platform/db/connect.js'
import type { PoliteClient } from './polite-client.js'
import { fetchArxivPaper } from './sources/arxiv-api.js'


// Lookups wait their turn behind arXiv's 3-second rule; past this queue a reader is told to retry
// rather than kept waiting (and a crawler cannot make us flood arXiv).
const MAX_QUEUED_LOOKUPS = 4
// arXiv ids arXiv said it does not know are not asked again for this long.
const UNKNOWN_FOR_MS = 60 * 60_000
// A reader waits at most this long (a turn in the queue included) before being told to retry.
const LOOKUP_TIMEOUT_MS = 12_000

/**
 * Fetches a paper the catalog does not have from the arXiv API when someone opens its page or
 * searches its id, and adds it to the catalog (not featured).
 */
export function createPaperLookup(db: Db, client: PoliteClient, apiUrl: string): PaperLookup {
  const unknown = new Map<string, number>()
  return async ({ id }) => {
    const since = unknown.get(id)
    if (since !== undefined && Date.now() - since < UNKNOWN_FOR_MS) return 'unknown'
    if (client.pending >= MAX_QUEUED_LOOKUPS) return 'busy'
    try {
      const record = await fetchArxivPaper(client, apiUrl, id, AbortSignal.timeout(LOOKUP_TIMEOUT_MS))
      if (!record) {
        unknown.set(id, Date.now())
        return 'unknown'
      }
      await upsertPapers(db, [{ ...record, observedAt: new Date().toISOString() }])
      return 'found'
    } catch {
      return 'failed'
    }
  }
}
