/**
 * The mailto List-Unsubscribe (RFC 2369) of Paperboy's emails: `<mailto:unsubscribe+TOKEN@host?subject=unsubscribe>`
 * for the mailbox `unsubscribe@host`. A reader's client mails it; the provider's inbound hook
 * (POST /hooks/unsubscribe-mail) hands us its recipient, and the token says what to stop. Each
 * feature that sends mail signs its own tokens and offers a MailUnsubscriber that reads them.
 */
export function unsubscribeMailto(mailbox: string, token: string): string {
  const at = mailbox.lastIndexOf('@')
  return `mailto:${mailbox.slice(0, at)}+${token}${mailbox.slice(at)}?subject=unsubscribe`
}

/** The token of an inbound recipient such as `unsubscribe+12-9f…@host` (or `Name <…>`), or null. */
export function recipientToken(recipient: string): string | null {
  return /\+([0-9A-Za-z-]{1,60})@[^@\s]+$/.exec(recipient.trim().replace(/^.*<([^>]*)>.*$/s, '$1'))?.[1] ?? null
}

/**
 * Stops what a mailed unsubscribe token names, when the token is this feature's: true when that
 * changed something, false when it names nothing live, null when the token is not this feature's.
 */
export type MailUnsubscriber = (token: string, now: string) => Promise<boolean | null>
