import { setPaperHidden } from '../../papers/visibility.js'
import type { Db } from '../../platform/db/connect.js'
import { HttpError, notFound } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import type { Mailer } from '../../platform/mail/mailer.js'
import { twoFactorResetEmail } from '../accounts/emails.js'
import { deleteSessionsOf, findUserByName, setUserBanned } from '../accounts/store.js'
import { disableTwoFactor, isTwoFactorEnabled } from '../accounts/two-factor-store.js'
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

/**
 * Turns off a member's two-factor authentication, for one who lost both their phone and their
 * recovery codes and proved who they are to the admins some other way: their password alone logs
 * them in again. The member is told by email, so that a reset they did not ask for is noticed.
 */
export async function resetMemberTwoFactor(
  db: Db,
  mail: { mailer: Mailer; site: { name: string; baseUrl: string } },
  admin: Admin,
  username: string,
  reason: string,
  now: string,
): Promise<void> {
  const user = await findUserByName(db, username)
  if (!user) throw notFound(`There is no member called ${username}.`)
  if (!(await isTwoFactorEnabled(db, user.id)))
    throw new HttpError(409, `${user.username} has no two-factor authentication to turn off.`)
  await disableTwoFactor(db, user.id)
  await logModeration(
    db,
    { actor: admin, action: 'reset-two-factor', target: { kind: 'user', id: user.username }, reason },
    now,
  )
  await mail.mailer.send(twoFactorResetEmail(user.email, mail.site.name, `${mail.site.baseUrl}/settings#two-factor`))
}
