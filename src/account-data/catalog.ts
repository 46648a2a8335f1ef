import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'

// SQLite takes up to 32,766 parameters a statement; far fewer keeps each lookup quick on both.
const LOOKUP_CHUNK = 500

/**
 * Which of `ids` the catalog holds. An import does not ask arXiv for the others: a file may name
 * hundreds, and one request must not wait on hundreds of rate-limited calls. They are listed as
 * "not in the catalog yet", each linking to its paper page, which looks it up when opened
 * (docs/decisions/0029).
 */
export async function inCatalog(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>()
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    for (const paper of await getPapers(db, ids.slice(i, i + LOOKUP_CHUNK))) found.add(paper.id)
  }
  return found
}
