import type { Db } from '../../platform/db/connect.js'
import { adjustActivity } from '../../papers/activity.js'

/*
 * PLACEHOLDER written by the curation helper: the smallest versions of the comments helper's
 * `addComment` and `commentsByUser` (the signatures its brief gives), so that submissions can post
 * a first comment and profiles can list comments on this branch. The comments branch's store
 * replaces this file at merge.
 */

interface CommentsTable {
  id: import('kysely').Generated<number>
  paper_id: string
  user_id: number
  parent_id: number | null
  body: string
  created_at: string
  edited_at: string | null
  deleted_at: string | null
  hidden_at: string | null
}

const tables = (db: Db) => db.kysely.withTables<{ comments: CommentsTable }>()

export interface Comment {
  id: number
  paperId: string
  userId: number
  parentId: number | null
  body: string
  createdAt: string
}

export async function addComment(
  db: Db,
  input: { paperId: string; userId: number; body: string; parentId?: number },
  now: string,
): Promise<Comment> {
  return db.kysely.transaction().execute(async (trx) => {
    const row = await trx
      .withTables<{ comments: CommentsTable }>()
      .insertInto('comments')
      .values({
        paper_id: input.paperId,
        user_id: input.userId,
        parent_id: input.parentId ?? null,
        body: input.body,
        created_at: now,
        edited_at: null,
        deleted_at: null,
        hidden_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await adjustActivity(trx, input.paperId, { comments: 1 }, now)
    return { id: row.id, ...input, parentId: input.parentId ?? null, createdAt: now }
  })
}

/** A member's visible comments, newest first. */
export async function commentsByUser(
  db: Db,
  userId: number,
  page: { limit: number; offset: number },
): Promise<Comment[]> {
  const rows = await tables(db)
    .selectFrom('comments')
    .selectAll()
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    paperId: r.paper_id,
    userId: r.user_id,
    parentId: r.parent_id,
    body: r.body,
    createdAt: r.created_at,
  }))
}
