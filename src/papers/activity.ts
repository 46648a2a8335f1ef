import type { Kysely } from 'kysely'
import type { Database } from '../platform/db/schema.js'

/** How a paper's community counts change: +1 for a new comment, -1 for one deleted. */
export interface ActivityDelta {
  comments?: number
}

/**
 * Moves a paper's counts by `delta` inside the caller's transaction, so the count and the row it
 * counts change together. `modified_at` moves too: cached listings show the new count.
 * (The comments helper's smallest version; the votes helper owns this file.)
 */
export async function adjustActivity(trx: Kysely<Database>, paperId: string, delta: ActivityDelta, now: string) {
  if (!delta.comments) return
  await trx
    .updateTable('papers')
    .set((eb) => ({ num_comments: eb('num_comments', '+', delta.comments!), modified_at: now }))
    .where('id', '=', paperId)
    .execute()
}
