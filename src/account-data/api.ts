import { Hono } from 'hono'
import { requireApiViewer } from '../community/accounts/api-tokens.js'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import type { RateLimits } from '../platform/http/rate-limit.js'
import { exportAccount, exportFileName } from './export.js'
import { DATA_EXPORTS } from './pages.js'

export const EXPORT_API = '/api/v1/me/export'

/** `GET /api/v1/me/export`: the token owner's account file, as /settings/data downloads it. */
export function accountDataApi({ db, now, limits }: { db: Db; now: () => number; limits: RateLimits }): Hono {
  const app = new Hono()
  app.get(EXPORT_API, async (c) => {
    const viewer = requireApiViewer()
    await limits.consume(
      DATA_EXPORTS,
      `user:${viewer.id}`,
      (wait) => `Too many exports just now; try again in ${wait}.`,
    )
    const at = new Date(now()).toISOString()
    const file = await exportAccount(db, viewer.id, at)
    if (!file) throw new HttpError(404, 'This account no longer exists.')
    c.header('Cache-Control', 'no-store')
    c.header('Content-Disposition', `attachment; filename="${exportFileName(viewer.username, at)}"`)
    return c.json(file)
  })
  return app
}
