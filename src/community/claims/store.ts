import type { Db } from '../../platform/db/connect.js'
import type { Paper } from '../../papers/model.js'

/*
 * PLACEHOLDER written by the curation helper: the moderation helper's `claimedPapers` (the
 * signature its brief gives) for profiles. There are no claims on this branch, so it lists
 * nothing; the moderation branch's store replaces this file at merge.
 */
export async function claimedPapers(_db: Db, _userId: number): Promise<Paper[]> {
  return []
}
