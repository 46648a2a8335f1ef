import { type Context, Hono } from 'hono'
import { z } from 'zod'
import type { Db } from '../platform/db/connect.js'
import { HttpError } from '../platform/http/http-error.js'
import { readJson } from '../platform/http/json-body.js'
import { type MailUnsubscriber, recipientToken } from '../platform/mail/unsubscribe-mailto.js'
import { isSameSecret } from '../platform/secrets.js'
import { noteDeliveryProblem } from './store.js'

export const BOUNCE_HOOK_PATH = '/hooks/bounce'
export const UNSUBSCRIBE_MAIL_HOOK_PATH = '/hooks/unsubscribe-mail'

const notice = z.object({
  email: z
    .string()
    .trim()
    .max(254)
    .pipe(z.email({ message: 'email must be an email address' })),
  type: z.enum(['bounce', 'complaint'], { message: 'type must be bounce or complaint' }),
})

const inboundMail = z.object({
  recipient: z.string({ message: 'recipient must be the address the mail was sent to' }).max(320),
})

/**
 * A mail provider's hooks, both with `Authorization: Bearer <BOUNCE_HOOK_SECRET>` (unset, neither
 * exists):
 *
 * - `POST /hooks/bounce`, JSON `{"email": "…", "type": "bounce" | "complaint"}`: a hard bounce or a
 *   complaint, with the same effect as a 5xx during sending: the address gets no more digests.
 * - `POST /hooks/unsubscribe-mail`, JSON `{"recipient": "unsubscribe+TOKEN@…"}`: a reader mailed the
 *   mailto List-Unsubscribe; the token in the recipient says what stops (a digest subscription, one
 *   follow's alert emails): each of `unsubscribers` reads the tokens of its own emails.
 *
 * Both answer `{"changed": bool}`: false for an address or token that names nothing live, so that a
 * provider does not retry what can never work.
 */
export function bounceHook(
  db: Db,
  secret: string | null,
  now: () => number,
  unsubscribers: readonly MailUnsubscriber[],
): Hono {
  const app = new Hono()
  if (!secret) return app
  const authorize = (c: Context) => {
    const presented = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!presented || !isSameSecret(presented, secret)) {
      throw new HttpError(401, 'This hook needs the shared secret: Authorization: Bearer <BOUNCE_HOOK_SECRET>.')
    }
  }
  app.post(BOUNCE_HOOK_PATH, async (c) => {
    authorize(c)
    const { email, type } = await readJson(c, notice)
    const changed = await noteDeliveryProblem(db, email, type, new Date(now()).toISOString())
    return c.json({ changed })
  })
  app.post(UNSUBSCRIBE_MAIL_HOOK_PATH, async (c) => {
    authorize(c)
    const { recipient } = await readJson(c, inboundMail)
    const token = recipientToken(recipient)
    const at = new Date(now()).toISOString()
    for (const stop of token ? unsubscribers : []) {
      const changed = await stop(token!, at)
      if (changed !== null) return c.json({ changed })
    }
    return c.json({ changed: false })
  })
  return app
}
