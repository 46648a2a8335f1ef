import { Hono } from 'hono'
import { HttpError } from '../../platform/http/http-error.js'
import { apiTokenOwner, createApiToken, revokeApiToken } from '../accounts/api-tokens.js'
import { readForm, signedIn } from '../accounts/forms.js'
import { API_TOKENS_PER_ACCOUNT } from '../accounts/limits.js'
import type { CommunityDeps } from '../routes.js'
import { rowId, tokenName } from './forms.js'
import { renderSettings } from './render.js'

/** Personal access tokens: made with a name (the secret shown once), listed, revoked. */
export function tokenPages(deps: CommunityDeps): Hono {
  const { db, now, limits } = deps
  const app = new Hono()

  app.post('/settings/tokens', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    const form = await readForm(c)
    const parsed = tokenName.safeParse(form.name ?? '')
    if (!parsed.success) {
      const errors = { 'token-name': parsed.error.issues[0]!.message }
      return renderSettings(c, deps, viewer, { errors, values: { name: form.name ?? '' } }, 400)
    }
    await limits.consume(API_TOKENS_PER_ACCOUNT, `user:${viewer.id}`)
    const { token } = await createApiToken(db, viewer.id, parsed.data, new Date(now()).toISOString())
    // Rendered, not redirected to: the secret must not travel in an address or be shown twice.
    return renderSettings(c, deps, viewer, { newToken: { name: parsed.data, token } })
  })

  app.post('/settings/tokens/:id/revoke', async (c) => {
    const viewer = signedIn(c, '/settings')
    if (viewer instanceof Response) return viewer
    await readForm(c)
    const id = rowId(c.req.param('id'))
    const owner = id === null ? null : await apiTokenOwner(db, id)
    if (id === null || owner === null) throw new HttpError(404, 'There is no such token; it may be revoked already.')
    if (owner !== viewer.id) throw new HttpError(403, 'That token belongs to another account.')
    await revokeApiToken(db, viewer.id, id, new Date(now()).toISOString())
    return c.redirect('/settings?done=token-revoked#tokens', 303)
  })

  return app
}
