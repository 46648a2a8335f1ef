import { adjustActivity } from '../../papers/activity.js'
import { noteCatalogWrite } from '../../papers/store.js'
import { markPaperModified } from '../../papers/visibility.js'
import type { Db } from '../../platform/db/connect.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { AccountTables } from '../schema.js'
import { commentBody } from './body.js'
import type { Comment } from './model.js'
import type { CommentTables } from './schema.js'
import { canDelete, isPastEditWindow } from './thread.js'

const tables = (db: Db) => db.kysely.withTables<CommentTables & AccountTables>()

/** A moment as the callers have it (epoch milliseconds or ISO text), stored as ISO text. */
export type Instant = number | string
const iso = (now: Instant) => (typeof now === 'number' ? new Date(now).toISOString() : now)

const COLUMNS = [
  'comments.id',
  'comments.paper_id',
  'comments.parent_id',
  'comments.user_id',
  'comments.body',
  'comments.created_at',
  'comments.edited_at',
  'comments.deleted_at',
  'comments.hidden_at',
  'users.username',
  'users.display_name',
  'users.deleted_at as user_deleted_at',
] as const

interface CommentRow {
  id: number
  paper_id: string
  parent_id: number | null
  user_id: number
  body: string
  created_at: string
  edited_at: string | null
  deleted_at: string | null
  hidden_at: string | null
  username: string
  display_name: string
  user_deleted_at: string | null
}

const toComment = (r: CommentRow): Comment => ({
  id: r.id,
  paperId: r.paper_id,
  parentId: r.parent_id,
  userId: r.user_id,
  author: r.user_deleted_at ? null : { username: r.username, displayName: r.display_name },
  body: r.body,
  createdAt: r.created_at,
  editedAt: r.edited_at,
  deletedAt: r.deleted_at,
  hiddenAt: r.hidden_at,
})

const selectComments = (db: Db) =>
  tables(db).selectFrom('comments').innerJoin('users', 'users.id', 'comments.user_id').select(COLUMNS)

export interface NewComment {
  paperId: string
  userId: number
  /** Markdown source, checked here (commentBody): a 400 says what is wrong with it. */
  body: string
  /** The comment this one answers, on the same paper. */
  parentId?: number | null
}

/**
 * Adds a comment and counts it on its paper in one transaction. Refuses (HttpError) a body that is
 * empty, too long or malformed (400), a paper the catalog lacks (404), a parent that is not a
 * comment of this paper (400), or one deleted or hidden (409).
 */
export async function addComment(db: Db, input: NewComment, now: Instant): Promise<Comment> {
  const body = checkCommentBody(input.body)
  const at = iso(now)
  const id = await db.kysely.transaction().execute(async (plain) => {
    const trx = plain.withTables<CommentTables & AccountTables>()
    const paper = await trx.selectFrom('papers').select('id').where('id', '=', input.paperId).executeTakeFirst()
    if (!paper) throw new HttpError(404, `There is no paper ${input.paperId} to comment on.`)
    if (input.parentId != null) {
      const parent = await trx
        .selectFrom('comments')
        .select(['paper_id', 'deleted_at', 'hidden_at'])
        .where('id', '=', input.parentId)
        .executeTakeFirst()
      if (!parent || parent.paper_id !== input.paperId)
        throw new HttpError(400, 'A reply must answer a comment on the same paper.')
      if (parent.deleted_at || parent.hidden_at)
        throw new HttpError(409, 'That comment was deleted or hidden; it can no longer be answered.')
    }
    const row = await trx
      .insertInto('comments')
      .values({
        paper_id: input.paperId,
        user_id: input.userId,
        parent_id: input.parentId ?? null,
        body,
        created_at: at,
        edited_at: null,
        deleted_at: null,
        hidden_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await adjustActivity(plain, input.paperId, { comments: 1 }, at)
    return row.id
  })
  noteCatalogWrite() // the paper's count changed: cached listings are stale now
  return (await findComment(db, id))!
}

/** Whether the catalog holds paper `id` (comments are only on papers it holds). */
export async function hasPaper(db: Db, id: string): Promise<boolean> {
  return (await tables(db).selectFrom('papers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined
}

export async function findComment(db: Db, id: number): Promise<Comment | null> {
  const row = await selectComments(db).where('comments.id', '=', id).executeTakeFirst()
  return row ? toComment(row) : null
}

/** Every comment of a paper, deleted and hidden ones included (the thread decides what shows). */
export async function paperComments(db: Db, paperId: string): Promise<Comment[]> {
  const rows = await selectComments(db).where('comments.paper_id', '=', paperId).orderBy('comments.id').execute()
  return rows.map(toComment)
}

/**
 * Replaces the text of `userId`'s comment `id`. 404 when there is none, 403 when it is another
 * member's, hidden, or past the edit window, 409 when it was deleted.
 */
export async function editComment(db: Db, id: number, userId: number, text: string, now: Instant): Promise<Comment> {
  const body = checkCommentBody(text)
  const at = iso(now)
  const comment = await findComment(db, id)
  if (!comment) throw noSuchComment(id)
  if (comment.userId !== userId) throw new HttpError(403, 'You can edit only your own comments.')
  if (comment.deletedAt) throw new HttpError(409, 'This comment was deleted.')
  if (comment.hiddenAt) throw new HttpError(403, 'A moderator hid this comment; it can no longer be edited.')
  if (isPastEditWindow(comment, Date.parse(at)))
    throw new HttpError(403, 'A comment can be edited for 15 minutes after it is posted; this one no longer.')
  if (body !== comment.body) {
    await tables(db)
      .updateTable('comments')
      .set({ body, edited_at: at })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .execute()
    // After the edit, so that a page rendered at the version this makes shows it (paper pages are cached).
    await markPaperModified(db, comment.paperId)
  }
  return (await findComment(db, id))!
}

/**
 * Deletes `userId`'s comment `id`: its text is cleared and it shows as "[comment deleted]" while
 * replies hang below it. Deleting it again changes nothing. 404 when there is none, 403 when it is
 * another member's.
 */
export async function deleteComment(db: Db, id: number, userId: number, now: Instant): Promise<Comment> {
  const at = iso(now)
  const comment = await findComment(db, id)
  if (!comment) throw noSuchComment(id)
  if (comment.userId !== userId) throw new HttpError(403, 'You can delete only your own comments.')
  if (!canDelete(comment, userId)) return comment
  await db.kysely.transaction().execute(async (plain) => {
    const trx = plain.withTables<CommentTables>()
    // Conditional, so that two deletions racing count the comment off once.
    const done = await trx
      .updateTable('comments')
      .set({ deleted_at: at, body: '' })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .returning('hidden_at')
      .executeTakeFirst()
    if (done && done.hidden_at === null) await adjustActivity(plain, comment.paperId, { comments: -1 }, at)
  })
  noteCatalogWrite()
  return (await findComment(db, id))!
}

/**
 * Hides (or shows again) comment `id` for moderation; hidden comments do not count on the paper.
 * False when there is no such comment or it already was in that state.
 */
export async function setCommentHidden(db: Db, commentId: number, hidden: boolean, now: Instant): Promise<boolean> {
  const at = iso(now)
  const changed = await db.kysely.transaction().execute(async (plain) => {
    const trx = plain.withTables<CommentTables>()
    const done = await trx
      .updateTable('comments')
      .set({ hidden_at: hidden ? at : null })
      .where('id', '=', commentId)
      .where('hidden_at', hidden ? 'is' : 'is not', null)
      .returning(['paper_id', 'deleted_at'])
      .executeTakeFirst()
    if (!done) return false
    if (done.deleted_at === null) await adjustActivity(plain, done.paper_id, { comments: hidden ? -1 : 1 }, at)
    return true
  })
  if (changed) noteCatalogWrite()
  return changed
}

/** A member's comment as their profile lists it, with the paper it is on. */
export interface UserComment extends Comment {
  paperTitle: string
}

/** A member's live comments (not deleted, not hidden), newest first. */
export async function commentsByUser(
  db: Db,
  userId: number,
  { limit, offset }: { limit: number; offset: number },
): Promise<UserComment[]> {
  const rows = await selectComments(db)
    .innerJoin('papers', 'papers.id', 'comments.paper_id')
    .select('papers.title')
    .where('comments.user_id', '=', userId)
    .where('comments.deleted_at', 'is', null)
    .where('comments.hidden_at', 'is', null)
    .orderBy('comments.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute()
  return rows.map((r) => ({ ...toComment(r), paperTitle: r.title }))
}

/** The comment text `text` as stored, or a 400 that says what is wrong with it. */
export function checkCommentBody(text: string): string {
  const parsed = commentBody.safeParse(text)
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'The comment cannot be read.')
  return parsed.data
}

const noSuchComment = (id: number) => new HttpError(404, `There is no comment ${id}.`)
