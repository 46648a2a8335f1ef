import type { Db } from '../../platform/db/connect.js'
import type { Mailer } from '../../platform/mail/mailer.js'
import type { Site } from '../../platform/views/site.js'
import { verifyEmail } from './emails.js'
import { createEmailToken } from './store.js'
import { newToken } from './tokens.js'

export const VERIFY_LINK_HOURS = 24
const HOUR_MS = 3_600_000

/** Mails `email` a link that confirms it for the account (sign-up, or asked again from settings). */
export async function sendVerification(
  { db, site, mailer, now }: { db: Db; site: Site; mailer: Mailer; now: () => number },
  userId: number,
  email: string,
): Promise<void> {
  const token = newToken()
  await createEmailToken(db, token, {
    user_id: userId,
    purpose: 'verify',
    email,
    created_at: new Date(now()).toISOString(),
    expires_at: new Date(now() + VERIFY_LINK_HOURS * HOUR_MS).toISOString(),
  })
  await mailer.send(verifyEmail(email, site.name, `${site.baseUrl}/account/verify?token=${token}`))
}
