import { findArxivId } from '../papers/arxiv-id.js'
import { findPaper, type PaperLookup } from '../papers/lookup.js'
import type { Paper } from '../papers/model.js'
import { paperPath } from '../papers/paths.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'

/**
 * Where a pasted arXiv id, arXiv abs/PDF link or Hugging Face paper link leads: the paper's page,
 * whether or not the catalog holds it (the page fetches it from arXiv when it can, or says where
 * to find it). Null for anything else, which is searched as words.
 */
export function shortcutPath(q: string): string | null {
  const id = findArxivId(q)
  return id && paperPath(id.id)
}

/**
 * The paper a pasted id or link names, for the API: from the catalog, or from arXiv through
 * `lookup`. Undefined when `q` names no paper, null when it names one that cannot be found.
 */
export async function pastedPaper(db: Db, q: string, lookup?: PaperLookup): Promise<Paper | null | undefined> {
  const id = findArxivId(q)
  if (!id) return undefined
  try {
    return (await findPaper(db, id, lookup)).paper
  } catch (error) {
    // Unknown is an empty result, as a search for it would be; arXiv being busy or away is not.
    if (error instanceof HttpError && error.status === 404) return null
    throw error
  }
}
