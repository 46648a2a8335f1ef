import type { PaperId } from './arxiv-id.js'
import { getPaper, type PaperWithFeaturings } from './store.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { arxivAbsUrl, isArxivId } from './arxiv-id.js'

/** Fetches a paper the catalog lacks from arXiv (the ingest feature provides it). */
export type PaperLookup = (id: PaperId) => Promise<'found' | 'unknown' | 'busy' | 'failed'>

/**
 * The paper from the catalog, or from arXiv on demand when a lookup is configured. Throws the
 * 404 or 429 a reader should see when neither has it.
 */
export async function findPaper(db: Db, id: PaperId, lookup?: PaperLookup): Promise<PaperWithFeaturings> {
  const stored = await getPaper(db, id.id)
  if (stored) return stored
  const outcome = lookup && isArxivId(id.id) ? await lookup(id) : null
  if (outcome === 'found') {
    const fetched = await getPaper(db, id.id)
    if (fetched) return fetched
  }
  const onArxiv = `You can look for it on arXiv at ${arxivAbsUrl(id.id)}.`
  switch (outcome) {
    case 'unknown':
      throw new HttpError(404, `arXiv does not know a paper ${id.id}.`)
    case 'busy':
      throw new HttpError(429, `Too many papers are being fetched from arXiv right now; try again in a minute. ${onArxiv}`)
    case 'failed':
      throw new HttpError(404, `arXiv:${id.id} is not in this catalog, and arXiv could not be reached just now. ${onArxiv}`)
    default:
      throw new HttpError(404, `arXiv:${id.id} is not in this catalog yet. ${onArxiv}`)
  }
}
