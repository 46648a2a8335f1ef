import type { Db } from '../../platform/db/connect.js'
import type { Paper } from '../../papers/model.js'

/*
 * PLACEHOLDER written by the curation helper: the votes helper's `votedPapers` (the signature its
 * brief gives) for profiles. There is no votes table on this branch, so it lists nothing; the
 * votes branch's store replaces this file at merge.
 */
export async function votedPapers(
  _db: Db,
  _userId: number,
  _page: { limit: number; offset: number },
): Promise<Paper[]> {
  return []
}
