import type { Db } from '../platform/db/connect.js'
import { type MailUnsubscriber, unsubscribeMailto } from '../platform/mail/unsubscribe-mailto.js'
import { siteSecret } from '../platform/secrets.js'
import { signSubscriptionForMail, verifyMailToken } from './signed-links.js'
import { unsubscribe } from './store.js'

/** The mailto List-Unsubscribe a digest names: its subscription's token (`12-9f…`). */
export function digestUnsubscribeMailto(mailbox: string, secret: string, id: number): string {
  return unsubscribeMailto(mailbox, signSubscriptionForMail(secret, id))
}

/** Ends the digest subscription a mailed token names. */
export function digestMailUnsubscriber(db: Db): MailUnsubscriber {
  return async (token, now) => {
    const id = verifyMailToken(await siteSecret(db, 'digest-links'), token)
    return id === null ? null : unsubscribe(db, id, now)
  }
}
