import { Hono } from 'hono'
import { z } from 'zod'
import { requireAdminAccount } from '../../admin/access.js'
import { parsePaperId } from '../../papers/arxiv-id.js'
import { paperPath } from '../../papers/paths.js'
import { markPaperModified } from '../../papers/visibility.js'
import { badRequest, HttpError, notFound } from '../../platform/http/http-error.js'
import { requireApiViewer } from '../accounts/api-tokens.js'
import { readForm, safeNext, signedIn } from '../accounts/forms.js'
import { logModeration } from '../moderation/store.js'
import type { CommunityDeps } from '../routes.js'
import { claimAuthor } from './claim-author.js'
import { decideClaim } from './store.js'

/** Enough to catch a script filing claims on every paper; a real author claims a few a week. */
const CLAIM_LIMIT = { name: 'claim', points: 20, durationS: 24 * 3600 }
const MAX_AUTHORS = 100_000 // far beyond the largest author list (≈ 5,000): a position past it is no author
const MAX_ID = 2_147_483_647

const NOT_AN_AUTHOR = 'author must be the number of an author entry'
const position = z
  .number({ message: NOT_AN_AUTHOR })
  .int(NOT_AN_AUTHOR)
  .min(0, NOT_AN_AUTHOR)
  .max(MAX_AUTHORS, NOT_AN_AUTHOR)
// A form's field is text: digits only, so that an empty field is not read as author 0.
const claimForm = z.object({
  author: z
    .string()
    .regex(/^\d{1,6}$/, NOT_AN_AUTHOR)
    .transform(Number)
    .pipe(position),
})
const claimBody = z.object({ author: position }).strict()

const paperIdOf = (raw: string) => {
  const id = parsePaperId(raw)?.id
  if (!id) throw badRequest(`“${raw.slice(0, 40)}” is not a paper id.`)
  return id
}

/**
 * Author claims: a confirmed member says "this is me" beside an author of a paper (form or API),
 * and an admin approves or rejects it (docs/decisions/0023-moderation-and-claims.md).
 */
export function claimRoutes({ db, now, limits }: CommunityDeps): Hono {
  const app = new Hono()
  const iso = () => new Date(now()).toISOString()

  app.post('/papers/:id{.+}/claims', async (c) => {
    const id = paperIdOf(c.req.param('id'))
    const viewer = signedIn(c, paperPath(id), { verified: true })
    if (viewer instanceof Response) return viewer
    const parsed = claimForm.safeParse(await readForm(c))
    if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message)
    await limits.consume(CLAIM_LIMIT, `user:${viewer.id}`, 'You have filed many claims today. Try again tomorrow.')
    await claimAuthor(db, viewer.id, id, parsed.data.author, iso())
    return c.redirect(`${paperPath(id)}#authors`, 303)
  })

  app.post('/api/v1/papers/:id{.+}/claims', async (c) => {
    const viewer = requireApiViewer({ verified: true })
    const id = paperIdOf(c.req.param('id'))
    const body = await c.req.json().catch(() => {
      throw badRequest('The body must be JSON: {"author": <position of the author entry, from 0>}.')
    })
    const parsed = claimBody.safeParse(body)
    if (!parsed.success) throw badRequest(parsed.error.issues[0]!.message)
    await limits.consume(CLAIM_LIMIT, `user:${viewer.id}`, 'You have filed many claims today. Try again tomorrow.')
    const claim = await claimAuthor(db, viewer.id, id, parsed.data.author, iso())
    return c.json(
      { id: claim.id, paper: claim.paperId, author: claim.position, name: claim.authorName, status: claim.status },
      201,
    )
  })

  app.post('/admin/claims/:id/:decision{approve|reject}', async (c) => {
    const admin = requireAdminAccount()
    const form = await readForm(c)
    const raw = c.req.param('id')
    const claimId = /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN
    if (!(claimId <= MAX_ID)) throw notFound('There is no such claim.')
    const approve = c.req.param('decision') === 'approve'
    const result = await decideClaim(db, claimId, approve ? 'approved' : 'rejected', admin.id, iso())
    if ('refused' in result) {
      // Decided meanwhile (another admin, a second click): nothing to do, as a repeated action should be.
      if (result.refused === 'not-pending') return c.redirect(safeNext(form.next ?? '/admin/claims'), 303)
      throw new HttpError(409, 'Another member’s claim to this author entry is approved already.')
    }
    if (approve) await markPaperModified(db, result.decided.paperId)
    await logModeration(
      db,
      {
        actor: admin,
        action: approve ? 'approve-claim' : 'reject-claim',
        target: { kind: 'claim', id: String(claimId) },
        reason: `${result.decided.authorName} on ${result.decided.paperId}`,
      },
      iso(),
    )
    return c.redirect(safeNext(form.next ?? '/admin/claims'), 303)
  })

  return app
}
