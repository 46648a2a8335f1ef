import type { Submitter } from '../../papers/model.js'
import { noteCatalogWrite } from '../../papers/store.js'
import type { Db } from '../../platform/db/connect.js'
import { DELETED_NAME } from '../accounts/display-name.js'
import type { CommentTables } from '../comments/schema.js'
import type { SubmissionTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<SubmissionTables>()

/** Records that `userId` submitted `paperId`; false when the paper was submitted already. */
export async function recordSubmission(db: Db, userId: number, paperId: string, now: string): Promise<boolean> {
  // The unique paper_id decides between two members submitting one paper at the same moment.
  const r = await tables(db)
    .insertInto('submissions')
    .values({ user_id: userId, paper_id: paperId, submitted_at: now })
    .onConflict((oc) => oc.column('paper_id').doNothing())
    .executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
}

/** Takes back a submission whose featuring failed, so the paper can be submitted again. */
export async function forgetSubmission(db: Db, paperId: string): Promise<void> {
  await tables(db).deleteFrom('submissions').where('paper_id', '=', paperId).execute()
}

/** A member's submissions since `since`: how many, and when the earliest of them was. */
export async function submissionsSince(
  db: Db,
  userId: number,
  since: string,
): Promise<{ count: number; earliest: string | null }> {
  const row = await tables(db)
    .selectFrom('submissions')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('submitted_at').as('earliest')])
    .where('user_id', '=', userId)
    .where('submitted_at', '>', since)
    .executeTakeFirstOrThrow()
  return { count: Number(row.n), earliest: row.earliest ?? null }
}

/** The ids of the papers a member submitted, newest first. */
export async function submittedPaperIds(
  db: Db,
  userId: number,
  page: { limit: number; offset: number },
): Promise<string[]> {
  const rows = await tables(db)
    .selectFrom('submissions')
    .select('paper_id')
    .where('user_id', '=', userId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => r.paper_id)
}

/** A member's newest `limit` submissions with when each was submitted: what their feed lists. */
export async function latestSubmissions(
  db: Db,
  userId: number,
  limit: number,
): Promise<{ paperId: string; submittedAt: string }[]> {
  const rows = await tables(db)
    .selectFrom('submissions')
    .select(['paper_id', 'submitted_at'])
    .where('user_id', '=', userId)
    .orderBy('submitted_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ paperId: r.paper_id, submittedAt: r.submitted_at }))
}

/** How a deleted member's submissions name them: as their comments do, with no profile to link. */
export const DELETED_SUBMITTER: Submitter = { name: DELETED_NAME, fullname: DELETED_NAME, type: 'user' }

/**
 * A deleted member's submissions stay on the days they made, by "[deleted]": the featured rows'
 * copy of their username, name and picture goes, so no card links the reserved name and
 * `submitter=` finds them no more. The papers' `modified_at` moves with them, as for every change a
 * page shows, so cached pages drop the name too. The papers they commented on move as well: their
 * comments now say "[deleted]".
 */
export async function forgetSubmitter(db: Db, userId: number, now: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      const submitted = trx.selectFrom('submissions').select('paper_id').where('user_id', '=', userId)
      const commented = trx
        .withTables<CommentTables>()
        .selectFrom('comments')
        .select('paper_id')
        .where('user_id', '=', userId)
      await trx
        .updateTable('featured')
        .set({ submitter: JSON.stringify(DELETED_SUBMITTER), submitted_by: null })
        .where('source', '=', 'community')
        .where('paper_id', 'in', submitted)
        .execute()
      await trx
        .updateTable('papers')
        .set({ modified_at: now })
        .where((eb) => eb.or([eb('id', 'in', submitted), eb('id', 'in', commented)]))
        .execute()
    })
  noteCatalogWrite()
}
