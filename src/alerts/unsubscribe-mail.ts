import { stopAlertEmails } from '../follows/alert-follows.js'
import type { Db } from '../platform/db/connect.js'
import { type MailUnsubscriber, unsubscribeMailto } from '../platform/mail/unsubscribe-mailto.js'
import { siteSecret } from '../platform/secrets.js'
import { signFollowForMail, verifyFollowMailToken } from './signed-links.js'

/** The mailto List-Unsubscribe an alert email names: its follow's token (`f12-9f…`). */
export function alertUnsubscribeMailto(mailbox: string, secret: string, followId: number): string {
  return unsubscribeMailto(mailbox, signFollowForMail(secret, followId))
}

/** Stops the alert emails of the one follow a mailed token names, as the one-click POST does. */
export function alertMailUnsubscriber(db: Db): MailUnsubscriber {
  return async (token, now) => {
    const id = verifyFollowMailToken(await siteSecret(db, 'alert-links'), token)
    return id === null ? null : stopAlertEmails(db, id, now)
  }
}
