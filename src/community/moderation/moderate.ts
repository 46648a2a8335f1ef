import { setPaperHidden } from '../../papers/visibility.js'
import type { Db } from '../../platform/db/connect.js'
import { HttpError, notFound } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { deleteSessionsOf, findUserByName, setUserBanned } from '../accounts/store.js'
import { setCommentHidden } from '../comments/store.js'
import { logModeration } from './store.js'

/**
 * Each admin action does its change and writes its line in the moderation log. Doing it twice
 * is harmless (hiding a hidden comment changes nothing) and is logged again, as it was asked.
 */

type Admin = Pick<Viewer, 'id' | 'username'>

export async function moderateComment(
  db: Db,
  admin: Admin,
  commentId: number,
  hidden: boolean,
  reason: string,
  now: string,
): Promise<void> {
  if (!(await setCommentHidden(db, commentId, hidden, now))) throw notFound(`There is no comment ${commentId}.`)
  const action = hidden ? 'hide-comment' : 'unhide-comment'
  await logModeration(db, { actor: admin, action, target: { kind: 'comment', id: String(commentId) }, reason }, now)
}

export async function moderatePaper(
  db: Db,
  admin: Admin,
  paperId: string,
  hidden: boolean,
  reason: string,
  now: string,
): Promise<void> {
  if (!(await setPaperHidden(db, paperId, hidden, now))) throw notFound(`There is no paper ${paperId}.`)
  const action = hidden ? 'hide-paper' : 'unhide-paper'
  await logModeration(db, { actor: admin, action, target: { kind: 'paper', id: paperId }, reason }, now)
}

/** Bans a member (every session of theirs ends at once) or lifts the ban; returns their username. */
export async function moderateUser(
  db: Db,
  admin: Admin,
  username: string,
  banned: boolean,
  reason: string,
  now: string,
): Promise<string> {
  const user = await findUserByName(db, username)
  if (!user) throw notFound(`There is no member called ${username}.`)
  if (user.id === admin.id) throw new HttpError(409, 'You cannot ban yourself.')
  await setUserBanned(db, user.id, banned, now)
  if (banned) await deleteSessionsOf(db, user.id)
  await logModeration(
    db,
    { actor: admin, action: banned ? 'ban' : 'unban', target: { kind: 'user', id: user.username }, reason },
    now,
  )
  return user.username
}
