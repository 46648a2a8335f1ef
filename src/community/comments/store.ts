import type { Db } from '../../platform/db/connect.js'

// The smallest version of the comments helper's function, written by the moderation helper so that
// its admin route has something to call; the comments helper's store replaces this file at merge.
type CommentsTables = { comments: { id: number; hidden_at: string | null } }

/** Hides a comment from everyone but admins, or shows it again; false when there is no such comment. */
export async function setCommentHidden(db: Db, commentId: number, hidden: boolean, now: string): Promise<boolean> {
  const r = await db.kysely
    .withTables<CommentsTables>()
    .updateTable('comments')
    .set({ hidden_at: hidden ? now : null })
    .where('id', '=', commentId)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}
