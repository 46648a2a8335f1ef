import { signSubscriptionForMail, verifyMailToken } from './signed-links.js'

/**
 * The mailto List-Unsubscribe (RFC 2369) a digest names: `<mailto:unsubscribe+TOKEN@host?subject=unsubscribe>`
 * for the mailbox `unsubscribe@host`. A reader's client mails it; the provider's inbound hook
 * (POST /hooks/unsubscribe-mail) hands us its recipient, whose token says which subscription.
 */
export function unsubscribeMailto(mailbox: string, secret: string, id: number): string {
  const at = mailbox.lastIndexOf('@')
  const address = `${mailbox.slice(0, at)}+${signSubscriptionForMail(secret, id)}${mailbox.slice(at)}`
  return `mailto:${address}?subject=unsubscribe`
}

/** The subscription an inbound recipient such as `unsubscribe+12-9f…@host` names, or null. */
export function subscriptionOfRecipient(secret: string, recipient: string): number | null {
  const token = /\+([0-9A-Za-z-]{1,60})@[^@\s]+$/.exec(recipient.trim().replace(/^.*<([^>]*)>.*$/s, '$1'))?.[1]
  return token ? verifyMailToken(secret, token) : null
}
