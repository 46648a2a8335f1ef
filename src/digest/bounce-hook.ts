import { Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { readJson } from '../platform/http/json-body.js'
import { isSameSecret } from '../platform/secrets.js'
import { noteDeliveryProblem } from './store.js'

export const BOUNCE_HOOK_PATH = '/hooks/bounce'

const notice = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ message: 'email must be an email address' })),
  type: z.enum(['bounce', 'complaint'], { message: 'type must be bounce or complaint' }),
})

/**
 * `POST /hooks/bounce`: where a mail provider reports a hard bounce or a complaint, as JSON
 * `{"email": "…", "type": "bounce" | "complaint"}` with `Authorization: Bearer <BOUNCE_HOOK_SECRET>`.
 * The same effect as a 5xx during sending: the address gets no more digests.
 */
export function bounceHook(db: Db, secret: string | null, now: () => number): Hono {
  const app = new Hono()
  if (!secret) return app
  app.post(BOUNCE_HOOK_PATH, async (c) => {
    const presented = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!presented || !isSameSecret(presented, secret)) {
      throw new HttpError(401, 'This hook needs the shared secret: Authorization: Bearer <BOUNCE_HOOK_SECRET>.')
    }
    const { email, type } = await readJson(c, notice)
    const changed = await noteDeliveryProblem(db, email, type, new Date(now()).toISOString())
    return c.json({ changed })
  })
  return app
}
