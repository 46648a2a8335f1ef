import type { MailMessage } from '../platform/mail/mailer.js'

/** The double opt-in: nothing is sent to an address until its owner presses the link's button. */
export function confirmEmail(to: string, site: string, link: string): MailMessage {
  return {
    to,
    subject: `Confirm your ${site} digest subscription`,
    text: [
      `Someone (probably you) asked for ${site}'s digest of trending papers at this address.`,
      '',
      'Confirm the subscription:',
      link,
      '',
      'The link works for 7 days. If you did not ask, ignore this email: nothing will be sent.',
    ].join('\n'),
  }
}

/** Sent instead when the address is subscribed already; the page said the same as for a new one. */
export function alreadySubscribedEmail(to: string, site: string, preferencesLink: string): MailMessage {
  return {
    to,
    subject: `You are already subscribed to ${site}'s digest`,
    text: [
      `Someone (probably you) asked to subscribe this address to ${site}'s digest, which it already gets.`,
      '',
      `Change how often it comes, its topics, or unsubscribe: ${preferencesLink}`,
    ].join('\n'),
  }
}
