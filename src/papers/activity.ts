import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/schema.js'

/*
 * PLACEHOLDER written by the curation helper: the smallest version of the votes helper's
 * `adjustActivity` (the signature its brief gives). The votes branch's file replaces it at merge.
 */
export async function adjustActivity(
  trx: Kysely<Database>,
  paperId: string,
  delta: { votes?: number; comments?: number },
  now: string,
): Promise<void> {
  await trx
    .updateTable('papers')
    .set((eb) => ({
      upvotes: eb('upvotes', '+', delta.votes ?? 0),
      num_comments: eb('num_comments', '+', delta.comments ?? 0),
      modified_at: now,
    }))
    .where('id', '=', paperId)
    .execute()
}
