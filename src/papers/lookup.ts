import type { PaperId } from './arxiv-id.js'
import { getPaper, type PaperWithFeaturings } from './store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { arxivAbsUrl, isArxivId } from './arxiv-id.js'

/**
 * What asking arXiv for a paper came to: stored in the catalog, unknown to arXiv, too many lookups
 * waiting, or arXiv out of reach (asked again no sooner than `retryAfterMs`).
 */
export type LookupOutcome = { kind: 'found' | 'unknown' | 'busy' } | { kind: 'unavailable'; retryAfterMs: number }

/** Fetches a paper the catalog lacks from arXiv (the ingest feature provides it). */
export type PaperLookup = (id: PaperId) => Promise<LookupOutcome>

/**
 * The paper from the catalog, or from arXiv on demand when a lookup is configured. Throws the
 * 404, 429 or 503 a reader should see when neither has it: 404 only when arXiv said it does not
 * know the id (or nobody asked it), 503 when arXiv could not be asked.
 */
export async function findPaper(db: Db, id: PaperId, lookup?: PaperLookup): Promise<PaperWithFeaturings> {
  const stored = await getPaper(db, id.id)
  if (stored) return stored
  const outcome = lookup && isArxivId(id.id) ? await lookup(id) : null
  if (outcome?.kind === 'found') {
    const fetched = await getPaper(db, id.id)
    if (fetched) return fetched
  }
  const onArxiv = `You can look for it on arXiv at ${arxivAbsUrl(id.id)}.`
  switch (outcome?.kind) {
    case 'unknown':
      throw new HttpError(404, `arXiv does not know a paper ${id.id}.`)
    case 'busy':
      throw new HttpError(
        429,
        `Too many papers are being fetched from arXiv right now; try again in a minute. ${onArxiv}`,
      )
    case 'unavailable': {
      // At least a second: Retry-After counts whole seconds, and 0 would invite a retry loop.
      const seconds = Math.max(1, Math.ceil(outcome.retryAfterMs / 1000))
      const unreachable = `arXiv:${id.id} is not in this catalog, and arXiv cannot be reached just now`
      throw new HttpError(503, `${unreachable}; try again in ${describeWait(seconds)}. ${onArxiv}`, {
        headers: { 'Retry-After': String(seconds) },
      })
    }
    default:
      throw new HttpError(404, `arXiv:${id.id} is not in this catalog yet. ${onArxiv}`)
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? 'a second' : `${seconds} seconds`
  const minutes = Math.ceil(seconds / 60)
  return minutes === 1 ? 'a minute' : `${minutes} minutes`
}
