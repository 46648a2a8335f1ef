import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { requireAdminAccount } from '../../admin/access.js'
import { parsePaperId } from '../../papers/arxiv-id.js'
import { paperPath } from '../../papers/paths.js'
import { badRequest } from '../../platform/http/http-error.js'
import { readForm, safeNext } from '../accounts/forms.js'
import type { CommunityDeps } from '../routes.js'
import { MAX_REASON_LENGTH } from './actions.js'
import { moderateComment, moderatePaper, moderateUser, resetMemberTwoFactor } from './moderate.js'
import { BAN_PATH, TWO_FACTOR_RESET_PATH } from './paths.js'

/** Ids are PostgreSQL integers: anything past its range is no comment, not a database error. */
const MAX_ID = 2_147_483_647

const actionForm = z.object({
  /** 1 hides (bans), 0 shows again (lifts): the same form twice does the same thing twice. */
  state: z.enum(['1', '0'], { message: 'The form must say whether to hide or show (state=1 or 0).' }),
  reason: z
    .string()
    .max(MAX_REASON_LENGTH, `A reason has at most ${MAX_REASON_LENGTH} characters.`)
    .refine((r) => !r.includes('\u0000'), 'A reason cannot contain a NUL character.')
    .default(''),
  next: z.string().optional(),
  username: z
    .string()
    .trim()
    .max(64, 'That is not a username.')
    .regex(/^([A-Za-z][A-Za-z0-9_-]*)?$/, 'That is not a username.')
    .optional(),
})

async function readAction(c: Context) {
  const parsed = actionForm.safeParse(await readForm(c))
  if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message)
  const { state, reason, next, username } = parsed.data
  return { on: state === '1', reason: reason.trim(), next, username }
}

/** An action on a member that has no undo (a two-factor reset): the same fields, without `state`. */
async function readMemberAction(c: Context) {
  const parsed = actionForm.omit({ state: true }).safeParse(await readForm(c))
  if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message)
  const { reason, next, username } = parsed.data
  if (!username) throw badRequest('Name the member: the username field is empty.')
  return { reason: reason.trim(), next, username }
}

const commentId = (raw: string): number => {
  const id = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN
  if (!(id <= MAX_ID)) throw badRequest(`“${raw.slice(0, 40)}” is not a comment number.`)
  return id
}

/**
 * The admins' moderation actions, each a form POST (CSRF-checked by readForm) answered with a
 * redirect back to where it was taken (`next`) or to the log. Non-admins are refused before the
 * form is read (requireAdminAccount).
 */
export function moderationRoutes({ db, now, mailer, site }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()
  const back = (c: Context, next: string | undefined, fallback: string) =>
    c.redirect(next ? safeNext(next) : fallback, 303)

  app.post('/admin/comments/:id/hide', async (c) => {
    const admin = requireAdminAccount()
    const { on, reason, next } = await readAction(c)
    await moderateComment(db, admin, commentId(c.req.param('id')), on, reason, iso())
    return back(c, next, '/admin/log')
  })

  app.post('/admin/papers/:id{.+}/hide', async (c) => {
    const admin = requireAdminAccount()
    const { on, reason, next } = await readAction(c)
    const raw = c.req.param('id')
    const id = parsePaperId(raw)?.id
    if (!id) throw badRequest(`“${raw.slice(0, 40)}” is not a paper id.`)
    await moderatePaper(db, admin, id, on, reason, iso())
    return back(c, next, paperPath(id))
  })

  // The username is a field, not part of the address, so that the overview's form can take a typed one.
  app.post(BAN_PATH, async (c) => {
    const admin = requireAdminAccount()
    const { on, reason, next, username } = await readAction(c)
    if (!username) throw badRequest('Name the member: the username field is empty.')
    await moderateUser(db, admin, username, on, reason, iso())
    return back(c, next, '/admin')
  })

  app.post(TWO_FACTOR_RESET_PATH, async (c) => {
    const admin = requireAdminAccount()
    const { reason, next, username } = await readMemberAction(c)
    await resetMemberTwoFactor(db, { mailer, site }, admin, username, reason, iso())
    return back(c, next, '/admin/log')
  })

  return app
}
